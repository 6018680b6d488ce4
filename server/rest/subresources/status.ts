// Why: controllers and `kubectl ... --subresource=status` write `.status` alone through the status subresource; spec and metadata stay as stored.

import { badRequest, isReason, notFound } from "@/core/api/errors";
import { apiVersionOf, type ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { authorizeSubresource, mustGet, namespaceFor, typeOf, writerFor, type TypeRef, type WriterOptions } from "./access";
import { applyPatchOfType } from "./patch-body";

export interface StatusWriteOptions extends WriterOptions {
  dryRun?: boolean;
}

const CONFLICT_RETRIES = 5;

function statusType(ref: TypeRef, name: string): ResourceType {
  const type = typeOf(ref);
  if (!type.hasStatus) throw notFound({ group: type.group || undefined, kind: `${type.plural}/status`, name });
  return type;
}

/** GET .../{name}/status: the whole object, as Kubernetes answers. */
export function getStatus(rt: ClusterRuntime, user: UserInfo, type: TypeRef, namespace: string | undefined, name: string): KubeObject {
  const t = statusType(type, name);
  authorizeSubresource(rt, user, "get", t, namespaceFor(t, namespace), name, "status");
  return mustGet(rt, user, t, namespace, name, "status");
}

/**
 * PUT .../{name}/status: stores `obj.status` and nothing else. The body's name must be the
 * URL's (400 otherwise); a stale `metadata.resourceVersion` is a 409 Conflict.
 */
export async function updateStatus(
  rt: ClusterRuntime,
  user: UserInfo,
  type: TypeRef,
  namespace: string | undefined,
  name: string,
  obj: KubeObject,
  opts: StatusWriteOptions = {},
): Promise<KubeObject> {
  const t = statusType(type, name);
  const ns = namespaceFor(t, namespace);
  authorizeSubresource(rt, user, "update", t, ns, name, "status");
  return writeStatus(rt, user, t, ns, name, obj, opts);
}

async function writeStatus(rt: ClusterRuntime, user: UserInfo, t: ResourceType, ns: string | undefined, name: string, obj: KubeObject, opts: StatusWriteOptions): Promise<KubeObject> {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw badRequest("the body of the request is not a Kubernetes object");
  const bodyName = obj.metadata?.name;
  if (bodyName && bodyName !== name) throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  const bodyNs = obj.metadata?.namespace;
  if (t.namespaced && bodyNs && bodyNs !== ns) throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  const next: KubeObject = {
    ...obj,
    apiVersion: obj.apiVersion || apiVersionOf(t),
    kind: obj.kind || t.kind,
    metadata: { ...obj.metadata, name, ...(t.namespaced ? { namespace: ns } : {}) },
  };
  return writerFor(rt, user, "status", opts).update(next, { subresource: "status", dryRun: opts.dryRun });
}

/**
 * PATCH .../{name}/status: the patch applies to the whole current object, then only the
 * resulting `.status` is stored. Conflicts with concurrent writers are retried unless the
 * patch itself names a resourceVersion.
 */
export async function patchStatus(
  rt: ClusterRuntime,
  user: UserInfo,
  type: TypeRef,
  namespace: string | undefined,
  name: string,
  patchType: string,
  patch: unknown,
  opts: StatusWriteOptions = {},
): Promise<KubeObject> {
  const t = statusType(type, name);
  const ns = namespaceFor(t, namespace);
  authorizeSubresource(rt, user, "patch", t, ns, name, "status");
  for (let attempt = 1; ; attempt++) {
    const current = mustGet(rt, user, t, ns, name, "status");
    const patched = applyPatchOfType(current, patchType, patch);
    const explicitRv = patched.metadata?.resourceVersion !== current.metadata.resourceVersion;
    try {
      return await writeStatus(rt, user, t, ns, name, patched, opts);
    } catch (e) {
      if (explicitRv || !isReason(e, "Conflict") || attempt >= CONFLICT_RETRIES) throw e;
    }
  }
}
