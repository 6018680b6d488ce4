// Why: one entry point that fills Kubernetes' defaults for any served kind before validation (SetDefaults_* per kind).

import type { ResourceType } from "../resources";
import type { KubeObject } from "../types";
import { defaultPod, defaultPodTemplateSpec } from "./pod";
import { defaultCronJob, defaultDaemonSet, defaultJob, defaultStatefulSet } from "./workloads";
import { defaultBinding } from "./rbac";

/* eslint-disable @typescript-eslint/no-explicit-any -- objects arrive as decoded JSON */
type Json = any;

function defaultDeployment(d: Json): void {
  const spec = (d.spec ??= {});
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= "25%";
    ru.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplateSpec(spec.template);
}

function defaultReplicaSet(rs: Json): void {
  const spec = (rs.spec ??= {});
  spec.replicas ??= 1;
  defaultPodTemplateSpec(spec.template);
}

function defaultService(s: Json): void {
  const spec = (s.spec ??= {});
  spec.type ||= "ClusterIP";
  spec.sessionAffinity ||= "None";
  if (spec.sessionAffinity === "ClientIP") {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  for (const p of spec.ports ?? []) {
    if (!p || typeof p !== "object") continue;
    p.protocol ||= "TCP";
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
  }
  // An old client's lone clusterIP also fills clusterIPs (the registry's normalizeClusterIPs on create).
  if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  if (spec.type !== "ExternalName") spec.internalTrafficPolicy ||= "Cluster";
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") spec.externalTrafficPolicy ||= "Cluster";
  if (spec.type === "LoadBalancer") spec.allocateLoadBalancerNodePorts ??= true;
}

function defaultNamespace(ns: Json): void {
  const name = ns.metadata?.name;
  if (name) {
    ns.metadata.labels ??= {};
    ns.metadata.labels["kubernetes.io/metadata.name"] = name;
  }
}

function base64Utf8(v: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(v)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Secrets: type Opaque; `stringData` is write-only and merges into `data` (the v1 conversion does it in Kubernetes). */
function defaultSecret(s: Json): void {
  s.type ||= "Opaque";
  if (s.stringData && typeof s.stringData === "object") {
    s.data = { ...(s.data ?? {}) };
    for (const [k, v] of Object.entries(s.stringData)) s.data[k] = base64Utf8(String(v));
    delete s.stringData;
  }
}

function defaultNode(n: Json): void {
  const status = n.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

function defaultPodTemplate(t: Json): void {
  defaultPodTemplateSpec(t.template);
}

const DEFAULTERS: Record<string, (obj: Json) => void> = {
  "/Pod": defaultPod,
  "/PodTemplate": defaultPodTemplate,
  "/Service": defaultService,
  "/Namespace": defaultNamespace,
  "/Secret": defaultSecret,
  "/Node": defaultNode,
  "apps/Deployment": defaultDeployment,
  "apps/ReplicaSet": defaultReplicaSet,
  "apps/StatefulSet": defaultStatefulSet,
  "apps/DaemonSet": defaultDaemonSet,
  "batch/Job": defaultJob,
  "batch/CronJob": defaultCronJob,
  "rbac.authorization.k8s.io/RoleBinding": defaultBinding,
  "rbac.authorization.k8s.io/ClusterRoleBinding": defaultBinding,
};

/** Fills Kubernetes' defaults in place on a mutable (already cloned) object. */
export function applyDefaults<T extends KubeObject>(obj: T, type: ResourceType): T {
  DEFAULTERS[`${type.group}/${type.kind}`]?.(obj);
  return obj;
}
