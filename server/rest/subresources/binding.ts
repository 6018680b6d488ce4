// Why: a scheduler (kube-scheduler, or a person with `kubectl create -f binding.yaml`) places a pod by POSTing a v1 Binding to pods/{name}/binding.

import { badRequest, CauseType, conflict, invalid, isReason, type StatusCause } from "@/core/api/errors";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { KubeObject, Pod, PodCondition } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import { rfc3339 } from "@/core/clock/clock";
import type { ClusterRuntime } from "@/server/runtime/types";
import { authorizeSubresource, mustGet, writerFor, type WriterOptions } from "./access";
import { successStatus, type SuccessStatus } from "./success-status";

/** v1 Binding: the pod (metadata) and the node it goes to (target). */
export interface Binding extends KubeObject {
  target?: { kind?: string; name?: string; apiVersion?: string };
}

export interface BindOptions extends WriterOptions {
  dryRun?: boolean;
}

const PODS = resourceTypeByPlural("", "pods")!;
const BINDING_TARGET = { kind: "pods/binding" };

function validateBinding(binding: Binding, podName: string): void {
  const causes: StatusCause[] = [];
  const kind = binding.target?.kind ?? "";
  if (kind !== "" && kind !== "Node") {
    causes.push({ reason: CauseType.NotSupported, field: "target.kind", message: `Unsupported value: ${JSON.stringify(kind)}: supported values: "Node", "<empty>"` });
  }
  if (!binding.target?.name) causes.push({ reason: CauseType.Required, field: "target.name", message: "Required value" });
  if (causes.length) throw invalid({ kind: "Binding", name: podName }, causes);
}

/**
 * Binds pod `podName` to the node `binding.target.name`: sets spec.nodeName (merging the
 * Binding's annotations into the pod's) and the PodScheduled=True condition. 409 Conflict
 * when the pod is already bound (`pod web is already assigned to node "n1"`) or being deleted.
 * Like Kubernetes' binding REST, it emits no event (the scheduler records `Scheduled`) and
 * does not check that the node exists. Returns the Status to send with HTTP 201.
 */
export async function bind(rt: ClusterRuntime, user: UserInfo, namespace: string | undefined, podName: string, binding: Binding, opts: BindOptions = {}): Promise<SuccessStatus> {
  const ns = namespace || "default";
  authorizeSubresource(rt, user, "create", PODS, ns, podName, "binding");
  if (!binding || typeof binding !== "object") throw badRequest("the body of the request is not a Binding");
  if (binding.metadata?.name !== podName) throw badRequest("name in URL does not match name in Binding object");
  validateBinding(binding, podName);
  const pod = mustGet<Pod>(rt, user, PODS, ns, podName, "binding");
  const want = binding.metadata;
  if (want.uid && want.uid !== pod.metadata.uid) {
    throw conflict({ ...BINDING_TARGET, name: podName }, `Precondition failed: UID in precondition: ${want.uid}, UID in object meta: ${pod.metadata.uid}`);
  }
  if (pod.metadata.deletionTimestamp) throw conflict({ ...BINDING_TARGET, name: podName }, `pod ${podName} is being deleted, cannot be assigned to a host`);
  if (pod.spec?.nodeName) throw conflict({ ...BINDING_TARGET, name: podName }, `pod ${podName} is already assigned to node ${JSON.stringify(pod.spec.nodeName)}`);

  const next = structuredClone(pod) as Pod;
  next.spec = { ...next.spec!, nodeName: binding.target!.name! };
  if (want.annotations && Object.keys(want.annotations).length) next.metadata.annotations = { ...next.metadata.annotations, ...want.annotations };
  if (want.resourceVersion) next.metadata.resourceVersion = want.resourceVersion;
  const client = writerFor(rt, user, "binding", opts);
  const bound = await client.update(next, { dryRun: opts.dryRun });
  if (!opts.dryRun) await setScheduled(rt, user, bound);
  return successStatus(201);
}

/** PodScheduled=True, as the binding REST sets it in the same write (here: a second, status-only write, retried on conflicts with the kubelet). */
async function setScheduled(rt: ClusterRuntime, user: UserInfo, bound: Pod): Promise<void> {
  const client = writerFor(rt, user, "binding");
  let pod = bound;
  for (let attempt = 1; ; attempt++) {
    const next = structuredClone(pod) as Pod;
    const conditions: PodCondition[] = [...(next.status?.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === "PodScheduled");
    if (i >= 0 && conditions[i].status === "True") return;
    const cond: PodCondition = { type: "PodScheduled", status: "True", lastProbeTime: null as unknown as undefined, lastTransitionTime: rfc3339(rt.clock.now()) };
    if (i >= 0) conditions[i] = cond;
    else conditions.push(cond);
    next.status = { ...next.status, conditions };
    try {
      await client.update(next, { subresource: "status" });
      return;
    } catch (e) {
      if (!isReason(e, "Conflict") || attempt >= 5) throw e;
      const fresh = client.get<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? "");
      if (!fresh || fresh.metadata.uid !== bound.metadata.uid) return;
      pod = fresh;
    }
  }
}
