// Why: the typed convenience fields (kubectl's columns) are computed from the stored object, so every type resolves from the raw object alone.

import type { CoreEvent, Deployment, KubeObject, Node, Pod, ReplicaSet } from "@/core/api/types";
import { toYaml } from "@/server/services/to-yaml";
import { ageOf } from "@/core/api/human-duration";
import { podContainers, podSummary } from "@/server/services/summaries/pod-summary";
import { nodeSummary } from "@/server/services/summaries/node-summary";
import { deploymentSummary, replicaSetSummary } from "@/server/services/summaries/workload-summary";
import { eventCount, eventFirstSeen, eventLastSeen, eventObject } from "@/server/services/summaries/event-summary";
import type { GraphQLContext } from "../context";

/** Computes `fn(obj)` once per (frozen) object, whichever fields ask for it. */
function memo<T extends object, R>(fn: (o: T) => R): (o: T) => R {
  const cache = new WeakMap<T, R>();
  return (o) => {
    let r = cache.get(o);
    if (r === undefined) {
      r = fn(o);
      cache.set(o, r);
    }
    return r;
  };
}

const pod = memo(podSummary);
const node = memo(nodeSummary);
const deploy = memo(deploymentSummary);
const rs = memo(replicaSetSummary);

const common = {
  name: (o: KubeObject) => o.metadata.name ?? "",
  namespace: (o: KubeObject) => o.metadata.namespace ?? null,
  creationTimestamp: (o: KubeObject) => o.metadata.creationTimestamp ?? null,
  age: (o: KubeObject, _a: unknown, ctx: GraphQLContext) => ageOf(o.metadata.creationTimestamp, ctx.rt.clock.now()),
  raw: (o: KubeObject) => o,
  yaml: (o: KubeObject) => toYaml(o),
};

const conditions = (o: KubeObject) => o.status?.conditions ?? [];

/** Field resolvers of the object types; parents are stored Kubernetes objects. */
export const objectFieldResolvers = {
  KubeObject: { __resolveType: (o: KubeObject) => o.kind },
  ObjectMeta: {
    name: (m: KubeObject["metadata"]) => m.name ?? "",
    labels: (m: KubeObject["metadata"]) => m.labels ?? {},
    annotations: (m: KubeObject["metadata"]) => m.annotations ?? {},
    ownerReferences: (m: KubeObject["metadata"]) => m.ownerReferences ?? [],
    finalizers: (m: KubeObject["metadata"]) => m.finalizers ?? [],
  },
  Pod: {
    ...common,
    phase: (p: Pod) => p.status?.phase ?? "Pending",
    status: (p: Pod) => pod(p).status,
    ready: (p: Pod) => pod(p).ready,
    readyContainers: (p: Pod) => pod(p).readyContainers,
    totalContainers: (p: Pod) => pod(p).totalContainers,
    restarts: (p: Pod) => pod(p).restarts,
    nodeName: (p: Pod) => p.spec?.nodeName ?? null,
    podIP: (p: Pod) => p.status?.podIP ?? null,
    hostIP: (p: Pod) => p.status?.hostIP ?? null,
    qosClass: (p: Pod) => p.status?.qosClass ?? null,
    controlledBy: (p: Pod) => (p.metadata.ownerReferences ?? []).find((o) => o.controller)?.name ?? null,
    conditions,
    containers: (p: Pod) => podContainers(p),
  },
  Deployment: {
    ...common,
    replicas: (d: Deployment) => deploy(d).replicas,
    ready: (d: Deployment) => deploy(d).ready,
    readyReplicas: (d: Deployment) => deploy(d).readyReplicas,
    upToDate: (d: Deployment) => deploy(d).upToDate,
    available: (d: Deployment) => deploy(d).available,
    unavailable: (d: Deployment) => deploy(d).unavailable,
    images: (d: Deployment) => deploy(d).images,
    containers: (d: Deployment) => deploy(d).containers,
    selector: (d: Deployment) => deploy(d).selector,
    paused: (d: Deployment) => deploy(d).paused,
    strategy: (d: Deployment) => d.spec?.strategy?.type ?? null,
    observedGeneration: (d: Deployment) => d.status?.observedGeneration ?? null,
    conditions,
  },
  ReplicaSet: {
    ...common,
    desired: (r: ReplicaSet) => rs(r).desired,
    current: (r: ReplicaSet) => rs(r).current,
    ready: (r: ReplicaSet) => rs(r).ready,
    images: (r: ReplicaSet) => rs(r).images,
    containers: (r: ReplicaSet) => rs(r).containers,
    selector: (r: ReplicaSet) => rs(r).selector,
    owner: (r: ReplicaSet) => rs(r).owner ?? null,
    revision: (r: ReplicaSet) => rs(r).revision ?? null,
  },
  Node: {
    ...common,
    status: (n: Node) => node(n).status,
    ready: (n: Node) => node(n).ready,
    unschedulable: (n: Node) => node(n).unschedulable,
    roles: (n: Node) => node(n).roles,
    version: (n: Node) => node(n).version,
    internalIP: (n: Node) => node(n).internalIP ?? null,
    externalIP: (n: Node) => node(n).externalIP ?? null,
    osImage: (n: Node) => node(n).osImage ?? null,
    kernelVersion: (n: Node) => node(n).kernelVersion ?? null,
    containerRuntime: (n: Node) => node(n).containerRuntime ?? null,
    capacity: (n: Node) => n.status?.capacity ?? {},
    allocatable: (n: Node) => n.status?.allocatable ?? {},
    taints: (n: Node) => n.spec?.taints ?? [],
    conditions,
  },
  Secret: { ...common },
  Namespace: {
    ...common,
    phase: (n: KubeObject) => n.status?.phase ?? "Active",
  },
  Event: {
    ...common,
    type: (e: CoreEvent) => e.type ?? "Normal",
    reason: (e: CoreEvent) => e.reason ?? "",
    object: (e: CoreEvent) => eventObject(e),
    involvedObject: (e: CoreEvent) => e.involvedObject ?? {},
    message: (e: CoreEvent) => e.message ?? "",
    count: (e: CoreEvent) => eventCount(e),
    firstTimestamp: (e: CoreEvent) => eventFirstSeen(e) ?? null,
    lastTimestamp: (e: CoreEvent) => eventLastSeen(e) ?? null,
    lastSeen: (e: CoreEvent, _a: unknown, ctx: GraphQLContext) => ageOf(eventLastSeen(e), ctx.rt.clock.now()),
    source: (e: CoreEvent) => e.source?.component ?? e.reportingComponent ?? null,
  },
};
