// Why: `kubectl scale` and the HPA read and write replicas through the autoscaling/v1 Scale subresource, not the whole object.

import { CauseType, invalid, isReason, notFound } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import { selectorFromLabelSelector, selectorToString } from "@/core/api/selectors";
import type { KubeObject, LabelSelector } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import type { AdmissionOptions } from "@/core/apiserver/api-server";
import type { UpdateOptions } from "@/core/store/types";
import { authorizeSubresource, mustGet, namespaceFor, typeOf, writerFor, type TypeRef, type WriterOptions } from "./access";
import { applyPatchOfType } from "./patch-body";

/** autoscaling/v1 Scale. */
export interface Scale extends KubeObject {
  apiVersion: "autoscaling/v1";
  kind: "Scale";
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export interface ScaleWriteOptions extends WriterOptions {
  /** dryRun=All: admit and answer, store nothing. */
  dryRun?: boolean;
}

/** Kinds served with a scale subresource (statefulsets join when the kind is served). */
const SCALABLE = new Set(["apps/deployments", "apps/replicasets", "apps/statefulsets", "/replicationcontrollers"]);
const CONFLICT_RETRIES = 5;

type Scalable = KubeObject & { spec?: { replicas?: number; selector?: LabelSelector }; status?: { replicas?: number } };

function scalableType(ref: TypeRef, name: string): ResourceType {
  const type = typeOf(ref);
  if (!SCALABLE.has(`${type.group}/${type.plural}`)) throw notFound({ group: type.group || undefined, kind: `${type.plural}/scale`, name });
  return type;
}

/** The Scale view of a scalable object: replicas wanted and seen, and the pod selector as a string. */
export function scaleOf(obj: KubeObject): Scale {
  const o = obj as Scalable;
  const m = o.metadata;
  let selector: string | undefined;
  try {
    selector = selectorToString(selectorFromLabelSelector(o.spec?.selector));
  } catch {
    selector = undefined; // an invalid stored selector cannot occur after validation; leave it out rather than fail the read
  }
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** GET .../{type}/{name}/scale. 404 for a missing object or a type without a scale subresource. */
export function getScale(rt: ClusterRuntime, user: UserInfo, type: TypeRef, namespace: string | undefined, name: string): Scale {
  const t = scalableType(type, name);
  authorizeSubresource(rt, user, "get", t, namespaceFor(t, namespace), name, "scale");
  return scaleOf(mustGet(rt, user, t, namespace, name, "scale"));
}

function validateScale(scale: Scale | undefined, name: string): number {
  const replicas = scale?.spec?.replicas ?? 0;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid({ group: "autoscaling", kind: "Scale", name }, [
      { reason: CauseType.Invalid, field: "spec.replicas", message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` },
    ]);
  }
  return replicas;
}

/**
 * PUT .../{type}/{name}/scale: sets spec.replicas of the parent object and returns its new
 * Scale. A Scale carrying a resourceVersion other than the parent's is a 409 Conflict, as
 * in Kubernetes; without one the write is unconditional (retried on conflicts with controllers).
 */
export async function updateScale(
  rt: ClusterRuntime,
  user: UserInfo,
  type: TypeRef,
  namespace: string | undefined,
  name: string,
  scale: Scale,
  opts: ScaleWriteOptions = {},
): Promise<Scale> {
  const t = scalableType(type, name);
  const ns = namespaceFor(t, namespace);
  authorizeSubresource(rt, user, "update", t, ns, name, "scale");
  return writeScale(rt, user, t, ns, name, scale, opts);
}

async function writeScale(rt: ClusterRuntime, user: UserInfo, t: ResourceType, ns: string | undefined, name: string, scale: Scale, opts: ScaleWriteOptions): Promise<Scale> {
  const replicas = validateScale(scale, name);
  const wantedRv = scale?.metadata?.resourceVersion || undefined;
  for (let attempt = 1; ; attempt++) {
    const current = mustGet<Scalable>(rt, user, t, ns, name, "scale");
    const next = structuredClone(current) as Scalable;
    next.spec = { ...next.spec, replicas };
    next.metadata.resourceVersion = wantedRv ?? current.metadata.resourceVersion;
    try {
      // Recorded as an Update through the scale subresource: the manager owns spec.replicas of the parent.
      const write: UpdateOptions & AdmissionOptions = { dryRun: opts.dryRun, managedSubresource: "scale" };
      return scaleOf(await writerFor(rt, user, "scale", opts).update(next, write));
    } catch (e) {
      if (wantedRv || !isReason(e, "Conflict") || attempt >= CONFLICT_RETRIES) throw e;
    }
  }
}

/**
 * PATCH .../{type}/{name}/scale (`kubectl scale` sends `{"spec":{"replicas":N}}` as a merge
 * patch): the patch applies to the current Scale, then the result is written as by {@link updateScale}.
 */
export async function patchScale(
  rt: ClusterRuntime,
  user: UserInfo,
  type: TypeRef,
  namespace: string | undefined,
  name: string,
  patchType: string,
  patch: unknown,
  opts: ScaleWriteOptions = {},
): Promise<Scale> {
  const t = scalableType(type, name);
  const ns = namespaceFor(t, namespace);
  authorizeSubresource(rt, user, "patch", t, ns, name, "scale");
  for (let attempt = 1; ; attempt++) {
    const current = scaleOf(mustGet(rt, user, t, ns, name, "scale"));
    const patched = applyPatchOfType(current, patchType, patch) as Scale;
    // The patch names a resourceVersion only when it means to: then a stale one must conflict.
    const explicitRv = patched.metadata?.resourceVersion !== current.metadata.resourceVersion;
    try {
      return await writeScale(rt, user, t, ns, name, patched, opts);
    } catch (e) {
      if (explicitRv || !isReason(e, "Conflict") || attempt >= CONFLICT_RETRIES) throw e;
    }
  }
}
