// Why: one mapping from Kubernetes objects to list rows, shared by the server (first paint) and the browser (watch events).

import { objectKey, type KubeObject, type Pod, type Node, type Deployment, type ReplicaSet, type CoreEvent } from "@/core/api/types";
import { podStatus } from "../pod-status";
import type { DeploymentRow, EventRow, ListKind, NodeRow, PodRow, ReplicaSetRow, RowOf } from "./types";

const base = (o: KubeObject) => ({
  key: objectKey(o),
  name: o.metadata.name ?? "",
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  ...(o.metadata.creationTimestamp ? { createdAt: o.metadata.creationTimestamp } : {}),
});

const imagesOf = (containers: { image?: string }[] | undefined) => (containers ?? []).map((c) => c.image ?? "").join(",");

/** A pod as `kubectl get pods -o wide` shows it. */
export function podRow(p: Pod): PodRow {
  const s = podStatus(p);
  const owner = p.metadata.ownerReferences?.find((r) => r.controller) ?? p.metadata.ownerReferences?.[0];
  return {
    ...base(p),
    ready: `${s.readyContainers}/${s.totalContainers}`,
    status: s.status,
    restarts: s.restarts,
    ...(s.lastRestartAt ? { lastRestartAt: s.lastRestartAt } : {}),
    ...(p.status?.podIP ? { ip: p.status.podIP } : {}),
    ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}),
    ...(p.status?.phase ? { phase: p.status.phase } : {}),
    ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}),
  };
}

/** A node: Ready/NotReady/Unknown plus SchedulingDisabled, roles from node-role labels. */
export function nodeRow(n: Node): NodeRow {
  const ready = n.status?.conditions?.find((c) => c.type === "Ready");
  let status = ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "Unknown";
  if (n.spec?.unschedulable) status += ",SchedulingDisabled";
  const roles = Object.keys(n.metadata.labels ?? {})
    .filter((l) => l.startsWith("node-role.kubernetes.io/"))
    .map((l) => l.slice("node-role.kubernetes.io/".length))
    .filter(Boolean);
  const ip = n.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
  const cap = (n.status?.capacity ?? {}) as Record<string, string>;
  return {
    ...base(n),
    status,
    roles: roles.length ? roles.sort().join(",") : "<none>",
    version: n.status?.nodeInfo?.kubeletVersion ?? "",
    ...(ip ? { internalIP: ip } : {}),
    ...(cap.cpu ? { cpu: cap.cpu } : {}),
    ...(cap.memory ? { memory: cap.memory } : {}),
    taints: n.spec?.taints?.length ?? 0,
  };
}

/** READY, UP-TO-DATE, AVAILABLE as `kubectl get deployments`. */
export function deploymentRow(d: Deployment): DeploymentRow {
  const replicas = d.spec?.replicas ?? 1;
  const readyReplicas = d.status?.readyReplicas ?? 0;
  const progressing = d.status?.conditions?.find((c) => c.type === "Progressing")?.reason;
  return {
    ...base(d),
    ready: `${readyReplicas}/${replicas}`,
    upToDate: d.status?.updatedReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
    replicas,
    readyReplicas,
    images: imagesOf(d.spec?.template?.spec?.containers),
    ...(progressing ? { progressing } : {}),
  };
}

/** DESIRED, CURRENT, READY as `kubectl get rs`. */
export function replicaSetRow(rs: ReplicaSet): ReplicaSetRow {
  const owner = rs.metadata.ownerReferences?.find((r) => r.controller);
  const revision = rs.metadata.annotations?.["deployment.kubernetes.io/revision"];
  return {
    ...base(rs),
    desired: rs.spec?.replicas ?? 1,
    current: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}),
    ...(revision ? { revision } : {}),
    images: imagesOf(rs.spec?.template?.spec?.containers),
  };
}

/** LAST SEEN, TYPE, REASON, OBJECT, MESSAGE as `kubectl get events`. */
export function eventRow(e: CoreEvent): EventRow {
  const io = e.involvedObject ?? {};
  const lastSeen = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  const firstSeen = e.firstTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  const source = e.source?.component ?? e.reportingComponent;
  return {
    ...base(e),
    type: e.type ?? "Normal",
    reason: e.reason ?? "",
    object: `${(io.kind ?? "").toLowerCase()}/${io.name ?? ""}`,
    ...(io.kind ? { objectKind: io.kind } : {}),
    ...(io.name ? { objectName: io.name } : {}),
    message: (e.message ?? "").trim(),
    count: e.series?.count ?? e.count ?? 1,
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    ...(source ? { source } : {}),
  };
}

const MAPPERS: { [K in ListKind]: (o: never) => RowOf[K] } = {
  Pod: podRow,
  Node: nodeRow,
  Deployment: deploymentRow,
  ReplicaSet: replicaSetRow,
  Event: eventRow,
};

/** The row for an object of a listed kind. */
export function toRow<K extends ListKind>(kind: K, obj: KubeObject): RowOf[K] {
  return (MAPPERS[kind] as (o: KubeObject) => RowOf[K])(obj);
}
