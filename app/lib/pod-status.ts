// Why: the STATUS, READY and RESTARTS columns of `kubectl get pods`, computed the way kubectl's printer does.

import type { Pod, ContainerStatus } from "@/core/api/types";

/** What kubectl prints for a pod. `lastRestartAt` feeds the "(5m ago)" suffix of RESTARTS. */
export interface PodSummary {
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  lastRestartAt?: string;
}

const TERMINAL = new Set(["Succeeded", "Failed"]);

function isRestartableInit(pod: Pod, name: string): boolean {
  return pod.spec?.initContainers?.find((c) => c.name === name)?.restartPolicy === "Always";
}

function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function terminatedReason(cs: ContainerStatus, prefix: string): string | undefined {
  const t = cs.state?.terminated;
  if (!t) return undefined;
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

/**
 * kubectl's printPod: phase or status.reason first, then init containers (Init:1/2,
 * Init:CrashLoopBackOff), then app containers from last to first (ContainerCreating,
 * CrashLoopBackOff, Completed, Error), then Terminating for pods being deleted.
 */
export function podStatus(pod: Pod): PodSummary {
  const st = pod.status ?? {};
  let reason: string = st.reason || st.phase || "Pending";
  const initSpecs = pod.spec?.initContainers ?? [];
  const sidecars = initSpecs.filter((c) => c.restartPolicy === "Always").length;
  const totalContainers = (pod.spec?.containers?.length ?? 0) + sidecars;
  let readyContainers = 0;
  let restarts = 0;
  let lastRestartAt: string | undefined;
  let initializing = false;

  const inits = st.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const cs = inits[i];
    restarts += cs.restartCount ?? 0;
    lastRestartAt = laterOf(lastRestartAt, cs.lastState?.terminated?.finishedAt);
    const sidecar = isRestartableInit(pod, cs.name);
    if (sidecar && cs.started) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (cs.state?.terminated && cs.state.terminated.exitCode === 0) continue;
    if (cs.state?.terminated) {
      reason = terminatedReason(cs, "Init:")!;
    } else if (cs.state?.waiting?.reason && cs.state.waiting.reason !== "PodInitializing") {
      reason = `Init:${cs.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (st.conditions ?? []).some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initializedTrue) {
    let hasRunning = false;
    const containers = st.containerStatuses ?? [];
    for (let i = containers.length - 1; i >= 0; i--) {
      const cs = containers[i];
      restarts += cs.restartCount ?? 0;
      lastRestartAt = laterOf(lastRestartAt, cs.lastState?.terminated?.finishedAt);
      if (cs.state?.waiting?.reason) {
        reason = cs.state.waiting.reason;
      } else if (cs.state?.terminated) {
        reason = terminatedReason(cs, "")!;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const ready = (st.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
      reason = ready ? "Running" : "NotReady";
    }
  }

  if (pod.metadata.deletionTimestamp && st.reason === "NodeLost") {
    reason = "Unknown";
  } else if (pod.metadata.deletionTimestamp && !TERMINAL.has(st.phase ?? "")) {
    reason = "Terminating";
  }
  return { status: reason, readyContainers, totalContainers, restarts, lastRestartAt };
}
