// Why: `kubectl create token` POSTs an authentication.k8s.io/v1 TokenRequest to serviceaccounts/{name}/token and prints the ServiceAccount JWT the apiserver signs.

import { badRequest, CauseType, conflict, invalid, notFound, serviceUnavailable } from "@/core/api/errors";
import { resourceTypeByKind, resourceTypeByPlural } from "@/core/api/resources";
import type { KubeObject, ObjectMeta } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import { rfc3339 } from "@/core/clock/clock";
import { DEFAULT_EXPIRATION_SECONDS, validateExpirationSeconds, type BoundObject, type BoundObjectKind } from "@/server/identity/service-account-tokens";
import type { ClusterRuntime } from "@/server/runtime/types";
import { authorizeSubresource } from "./access";

/** authentication.k8s.io/v1 BoundObjectReference. */
export interface BoundObjectReference {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

/** authentication.k8s.io/v1 TokenRequest, as sent (spec) and as answered (spec defaulted, status filled). */
export interface TokenRequest extends KubeObject {
  spec?: { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: BoundObjectReference };
  status?: { token: string; expirationTimestamp: string };
}

const SERVICE_ACCOUNTS = resourceTypeByPlural("", "serviceaccounts")!;
const TOKEN_REQUEST = { group: "authentication.k8s.io", kind: "TokenRequest" };

/** Group and kind of an apiVersion/kind pair, and Go's `schema.GroupVersionKind.String()` of it (`/v1, Kind=ConfigMap`). */
function gvkOf(ref: BoundObjectReference): { group: string; kind: string; text: string } {
  const apiVersion = ref.apiVersion ?? "";
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const kind = ref.kind ?? "";
  return { group, kind, text: `${group}/${version}, Kind=${kind}` };
}

/**
 * Checks spec.boundObjectRef as Kubernetes' TokenREST does: a Pod (running as this
 * ServiceAccount), Secret (both in the ServiceAccount's namespace) or Node, which must exist (404
 * otherwise) and match a given uid (409). Other kinds are a 400.
 */
function resolveBoundObject(rt: ClusterRuntime, namespace: string, serviceAccount: string, ref: BoundObjectReference): BoundObject {
  const gvk = gvkOf(ref);
  if (gvk.group !== "" || !["Pod", "Secret", "Node"].includes(gvk.kind)) throw badRequest(`cannot bind token to object of type ${gvk.text}`);
  const kind = gvk.kind as BoundObjectKind;
  const type = resourceTypeByKind("", kind)!;
  const name = ref.name ?? "";
  const obj = rt.store.get<KubeObject & { spec?: { serviceAccountName?: string } }>(type, type.namespaced ? namespace : undefined, name);
  if (!obj) throw notFound({ kind: type.plural, name });
  if (kind === "Pod" && obj.spec?.serviceAccountName !== serviceAccount) {
    throw badRequest(`cannot bind token for serviceaccount ${JSON.stringify(serviceAccount)} to pod running with different serviceaccount name.`);
  }
  const uid = obj.metadata.uid ?? "";
  if (ref.uid && ref.uid !== uid) {
    throw conflict({ kind, name }, `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  return { kind, name, uid };
}

/**
 * Creates a token for ServiceAccount `namespace/name` (POST serviceaccounts/{name}/token), in
 * Kubernetes' order: authorize `create serviceaccounts/token`; the body's name and namespace must
 * match the URL (422); the ServiceAccount must exist (404, read without a second authorization, as
 * the apiserver's storage does); spec.expirationSeconds defaults to 3600 and must be at least 600
 * (422 `TokenRequest.authentication.k8s.io "" is invalid`); spec.audiences defaults to the API
 * server's; spec.boundObjectRef must name an existing Pod, Secret or Node. Returns the TokenRequest
 * with its spec completed and status.token / status.expirationTimestamp, to answer with 201.
 */
export async function requestToken(rt: ClusterRuntime, user: UserInfo, namespace: string | undefined, name: string, body: TokenRequest): Promise<TokenRequest> {
  const ns = namespace || "default";
  authorizeSubresource(rt, user, "create", SERVICE_ACCOUNTS, ns, name, "token");
  if (!rt.identity) throw serviceUnavailable("ServiceAccount tokens are not available: this Wheelhouse runs without its identity service (no database)");
  if (!body || typeof body !== "object" || Array.isArray(body)) throw badRequest("the body of the request is not a TokenRequest");
  if (body.kind && body.kind !== "TokenRequest") throw badRequest(`expected a TokenRequest, got ${body.kind}`);
  const meta: Partial<ObjectMeta> = body.metadata ?? {};
  if (meta.name && meta.name !== name) {
    throw invalid({ ...TOKEN_REQUEST, name }, [{ reason: CauseType.Invalid, field: "metadata.name", message: `Invalid value: ${JSON.stringify(meta.name)}: must match the service account name if specified` }]);
  }
  if (meta.namespace && meta.namespace !== ns) {
    throw invalid({ ...TOKEN_REQUEST, name }, [{ reason: CauseType.Invalid, field: "metadata.namespace", message: `Invalid value: ${JSON.stringify(meta.namespace)}: must match the service account namespace if specified` }]);
  }
  const sa = rt.store.get<KubeObject>(SERVICE_ACCOUNTS, ns, name);
  if (!sa) throw notFound({ kind: SERVICE_ACCOUNTS.plural, name });

  const spec = body.spec ?? {};
  const creationTimestamp = rfc3339(rt.clock.now());
  const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
  // Kubernetes validates the lifetime before it reads the bound object.
  validateExpirationSeconds(expirationSeconds);
  const boundObject = spec.boundObjectRef ? resolveBoundObject(rt, ns, name, spec.boundObjectRef) : undefined;
  const issued = await rt.identity.issueServiceAccountToken({
    namespace: ns,
    name,
    uid: sa.metadata.uid ?? "",
    expirationSeconds,
    ...(spec.audiences?.length ? { audiences: spec.audiences } : {}),
    ...(boundObject ? { boundObject } : {}),
  });
  return {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { name, namespace: ns, creationTimestamp },
    spec: { audiences: issued.audiences, expirationSeconds: issued.expirationSeconds, ...(spec.boundObjectRef ? { boundObjectRef: spec.boundObjectRef } : {}) },
    status: { token: issued.token, expirationTimestamp: issued.expirationTimestamp },
  };
}
