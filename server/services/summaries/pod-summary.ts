// Why: the console and GraphQL show a pod the way `kubectl get pods` does (STATUS reason, READY, RESTARTS), computed in one place.

import type { ContainerStatus, Pod } from "@/core/api/types";

/** One container as the console shows it: its state in one word plus the reason behind it. */
export interface ContainerSummary {
  name: string;
  image: string;
  init: boolean;
  ready: boolean;
  started: boolean;
  restartCount: number;
  /** "Running" | "Waiting" | "Terminated" | "Unknown" (no status reported yet). */
  state: "Running" | "Waiting" | "Terminated" | "Unknown";
  reason?: string;
  message?: string;
  exitCode?: number;
  startedAt?: string;
  finishedAt?: string;
  /** Why the previous instance ended (`OOMKilled`, `Error`), when it restarted. */
  lastTerminationReason?: string;
}

/** The columns of `kubectl get pods`. */
export interface PodSummary {
  /** The STATUS column: `Running`, `CrashLoopBackOff`, `ContainerCreating`, `Init:0/1`, `Completed`, `Terminating`... */
  status: string;
  readyContainers: number;
  totalContainers: number;
  /** `1/1` */
  ready: string;
  restarts: number;
}

const TERMINAL = new Set(["Succeeded", "Failed"]);

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");
}

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/**
 * The STATUS column as kubectl's printPod computes it: the phase, overridden by the pod's
 * reason, the first unfinished init container, the last container's waiting/terminated
 * reason, and deletion.
 */
export function podSummary(pod: Pod): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const totalContainers = spec.containers?.length ?? 0;
  let readyContainers = 0;
  let restarts = 0;
  let reason: string = status.reason || status.phase || "Pending";

  const scheduled = (status.conditions ?? []).find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "SchedulingGated") reason = "SchedulingGated";

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  const initTotal = spec.initContainers?.length ?? 0;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    const st = c.state ?? {};
    if (st.terminated && st.terminated.exitCode === 0) continue;
    if (st.terminated) reason = terminatedReason("Init:", st.terminated);
    else if (st.waiting?.reason && st.waiting.reason !== "PodInitializing") reason = `Init:${st.waiting.reason}`;
    else reason = `Init:${i}/${initTotal}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, "Initialized")) {
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      const st = c.state ?? {};
      restarts += c.restartCount ?? 0;
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated) reason = terminatedReason("", st.terminated);
      else if (c.ready && st.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
  }

  if (pod.metadata.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata.deletionTimestamp && !TERMINAL.has(status.phase ?? "")) reason = "Terminating";

  return { status: reason, readyContainers, totalContainers, ready: `${readyContainers}/${totalContainers}`, restarts };
}

function containerSummary(name: string, image: string, init: boolean, s: ContainerStatus | undefined): ContainerSummary {
  const base = { name, image: s?.image || image, init, ready: s?.ready ?? false, started: s?.started ?? false, restartCount: s?.restartCount ?? 0 };
  const last = s?.lastState?.terminated?.reason;
  const lastPart = last ? { lastTerminationReason: last } : {};
  const st = s?.state;
  if (st?.running) return { ...base, ...lastPart, state: "Running", startedAt: st.running.startedAt };
  if (st?.terminated) {
    const t = st.terminated;
    return { ...base, ...lastPart, state: "Terminated", reason: t.reason, message: t.message, exitCode: t.exitCode, startedAt: t.startedAt, finishedAt: t.finishedAt };
  }
  if (st?.waiting) return { ...base, ...lastPart, state: "Waiting", reason: st.waiting.reason, message: st.waiting.message };
  return { ...base, ...lastPart, state: "Unknown" };
}

/** Every container of the pod (init containers first) joined with its status. */
export function podContainers(pod: Pod): ContainerSummary[] {
  const initStatus = new Map((pod.status?.initContainerStatuses ?? []).map((s) => [s.name, s]));
  const status = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => containerSummary(c.name, c.image ?? "", true, initStatus.get(c.name))),
    ...(pod.spec?.containers ?? []).map((c) => containerSummary(c.name, c.image ?? "", false, status.get(c.name))),
  ];
}
