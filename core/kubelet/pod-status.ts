// Why: the kubelet reports what its containers are doing as a PodStatus with Kubernetes' exact phase, condition and state rules.

import { rfc3339 } from "../clock/clock";
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from "../api/types";

/** How a container instance ended. */
export interface Termination {
  exitCode: number;
  reason: string;
  message?: string;
  signal?: number;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

/** The kubelet's record of one container of a pod. */
export interface ContainerRecord {
  name: string;
  init: boolean;
  /** An init container with restartPolicy Always (a sidecar). */
  sidecar: boolean;
  /** `docker.io/library/nginx:1.27` once resolved, else the spec image. */
  image: string;
  imageID: string;
  containerID?: string;
  state: "waiting" | "running" | "terminated";
  waiting?: { reason: string; message?: string };
  startedAt?: number;
  terminated?: Termination;
  lastTermination?: Termination;
  restartCount: number;
  ready: boolean;
  started: boolean;
}

/** Everything the status is computed from. */
export interface PodRecord {
  hostIP: string;
  podIP?: string;
  startTime: number;
  sandboxReady: boolean;
  containers: ContainerRecord[];
  /** Set once the pod reached Succeeded/Failed; sticky. */
  terminalPhase?: "Succeeded" | "Failed";
}

function termState(t: Termination) {
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      ...(t.message ? { message: t.message } : {}),
      ...(t.signal ? { signal: t.signal } : {}),
      startedAt: rfc3339(t.startedAt),
      finishedAt: rfc3339(t.finishedAt),
      containerID: t.containerID,
    },
  };
}

/** One entry of containerStatuses / initContainerStatuses. */
export function containerStatus(c: ContainerRecord): ContainerStatus {
  const state =
    c.state === "running"
      ? { running: { startedAt: rfc3339(c.startedAt ?? 0) } }
      : c.state === "terminated" && c.terminated
        ? termState(c.terminated)
        : { waiting: { reason: c.waiting?.reason ?? "ContainerCreating", ...(c.waiting?.message ? { message: c.waiting.message } : {}) } };
  return {
    name: c.name,
    state,
    lastState: c.lastTermination ? termState(c.lastTermination) : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image,
    imageID: c.imageID,
    ...(c.containerID ? { containerID: c.containerID } : {}),
    started: c.started,
  } as ContainerStatus;
}

/** Kubernetes' QoS class: Guaranteed, Burstable or BestEffort. */
export function qosClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const all: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = (c.resources?.requests ?? {}) as Record<string, string>;
    const lim = (c.resources?.limits ?? {}) as Record<string, string>;
    for (const r of ["cpu", "memory"]) {
      const request = req[r] ?? lim[r];
      if (request !== undefined || lim[r] !== undefined) any = true;
      if (lim[r] === undefined || request !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** The kubelet's getPhase: Pending while initializing or any container waits for its first start; then Running; terminal per restartPolicy. */
export function podPhase(pod: Pod, rec: PodRecord): PodStatus["phase"] {
  if (rec.terminalPhase) return rec.terminalPhase;
  const policy = pod.spec?.restartPolicy ?? "Always";
  const inits = rec.containers.filter((c) => c.init);
  for (const c of inits) {
    if (c.sidecar) continue;
    if (c.state === "terminated" && c.terminated?.exitCode === 0) continue;
    if (c.state === "terminated" && policy === "Never") return "Failed";
    return "Pending";
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of rec.containers.filter((x) => !x.init)) {
    if (c.state === "running") running++;
    else if (c.state === "terminated") {
      stopped++;
      if (c.terminated?.exitCode === 0) succeeded++;
    } else if (c.lastTermination) stopped++;
    else waiting++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0) {
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    return policy === "OnFailure" ? "Running" : "Failed";
  }
  return "Pending";
}

function condition(prev: PodCondition[] | undefined, type: string, ok: boolean, now: number, reason?: string, message?: string): PodCondition {
  const status = ok ? "True" : "False";
  const old = prev?.find((c) => c.type === type);
  return {
    type,
    status,
    lastProbeTime: null as unknown as string,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : rfc3339(now),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** The full status the kubelet writes, keeping conditions it does not own (PodScheduled, DisruptionTarget…). */
export function buildPodStatus(pod: Pod, rec: PodRecord, now: number): PodStatus {
  const prev = pod.status?.conditions;
  const phase = podPhase(pod, rec);
  const terminal = phase === "Succeeded" || phase === "Failed";
  const inits = rec.containers.filter((c) => c.init);
  const regular = rec.containers.filter((c) => !c.init);
  const incompleteInit = inits.filter((c) => (c.sidecar ? !c.started : !(c.state === "terminated" && c.terminated?.exitCode === 0)));
  const unready = regular.filter((c) => !c.ready);
  const unreadyMsg = `containers with unready status: [${unready.map((c) => c.name).join(" ")}]`;
  const conditions: PodCondition[] = [
    condition(prev, "PodReadyToStartContainers", rec.sandboxReady && !terminal, now),
    incompleteInit.length && !terminal
      ? condition(prev, "Initialized", false, now, "ContainersNotInitialized", `containers with incomplete status: [${incompleteInit.map((c) => c.name).join(" ")}]`)
      : condition(prev, "Initialized", true, now, terminal && inits.length ? "PodCompleted" : undefined),
    terminal ? condition(prev, "Ready", false, now, "PodCompleted") : unready.length ? condition(prev, "Ready", false, now, "ContainersNotReady", unreadyMsg) : condition(prev, "Ready", true, now),
    terminal
      ? condition(prev, "ContainersReady", false, now, "PodCompleted")
      : unready.length
        ? condition(prev, "ContainersReady", false, now, "ContainersNotReady", unreadyMsg)
        : condition(prev, "ContainersReady", true, now),
  ];
  const own = new Set(conditions.map((c) => c.type));
  for (const c of prev ?? []) if (!own.has(c.type)) conditions.push(c);
  const status: PodStatus = {
    ...(pod.status ?? {}),
    phase,
    conditions,
    hostIP: rec.hostIP,
    hostIPs: [{ ip: rec.hostIP }],
    startTime: rfc3339(rec.startTime),
    containerStatuses: regular.map(containerStatus),
    qosClass: qosClass(pod),
  };
  if (rec.podIP) {
    status.podIP = rec.podIP;
    status.podIPs = [{ ip: rec.podIP }];
  }
  if (inits.length) status.initContainerStatuses = inits.map(containerStatus);
  else delete status.initContainerStatuses;
  return status;
}
