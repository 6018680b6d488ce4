// Why: the pod row of `kubectl get pods -o wide` (READY with sidecars, RESTARTS with "(5m ago)", IP, NODE, NOMINATED NODE, READINESS GATES).

import { ageOf, humanDuration } from "@/core/api/human-duration";
import type { ContainerStatus, Pod } from "@/core/api/types";
import { podSummary } from "@/server/services/summaries/pod-summary";
import type { PrintedRow } from "./printed-row";

interface RestartInfo {
  restarts: number;
  /** When the most recent restart happened (the latest lastState.terminated.finishedAt), ms; 0 when unknown. */
  lastRestart: number;
  sidecarsReady: number;
  sidecars: number;
}

function finishedAt(s: ContainerStatus): number {
  const t = s.lastState?.terminated?.finishedAt;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Restart count and last restart time as printPod adds them up: init containers count only
 * while the pod is still initializing; afterwards only sidecars (restartable init containers)
 * and regular containers do. Also counts sidecars into READY.
 */
export function podRestarts(pod: Pod): RestartInfo {
  const sidecarNames = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let sidecarLast = 0;
  let sidecarsReady = 0;
  let initializing = false;
  for (const c of pod.status?.initContainerStatuses ?? []) {
    const sidecar = sidecarNames.has(c.name);
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finishedAt(c));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      sidecarLast = Math.max(sidecarLast, finishedAt(c));
    }
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) sidecarsReady++;
      continue;
    }
    initializing = true;
    break;
  }
  const initialized = (pod.status?.conditions ?? []).some((c) => c.type === "Initialized" && c.status === "True");
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLast;
    for (const c of pod.status?.containerStatuses ?? []) {
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finishedAt(c));
    }
  }
  return { restarts, lastRestart, sidecarsReady, sidecars: sidecarNames.size };
}

/**
 * podSummary walks init containers without knowing sidecars; printPod skips a started sidecar
 * (restartable init container) in that walk. Presenting started sidecars as finished init steps
 * makes podSummary's STATUS match printPod for pods with sidecars.
 */
function asSeenBeforeSidecars(pod: Pod): Pod {
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  const statuses = pod.status?.initContainerStatuses;
  if (!statuses || !statuses.some((s) => sidecars.has(s.name) && s.started)) return pod;
  const started = (s: ContainerStatus) => sidecars.has(s.name) && s.started && !(s.state?.terminated && s.state.terminated.exitCode === 0);
  return {
    ...pod,
    status: { ...pod.status, initContainerStatuses: statuses.map((s) => (started(s) ? { ...s, state: { terminated: { exitCode: 0 } } } : s)) },
  };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return "<none>";
  const conditions = pod.status?.conditions ?? [];
  const ready = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === "True").length;
  return `${ready}/${gates.length}`;
}

/** Cells of printPod (wide), plus the Completed row condition for finished pods. */
export function podRow(pod: Pod, now: number): PrintedRow {
  const summary = podSummary(asSeenBeforeSidecars(pod));
  const r = podRestarts(pod);
  const restarts = r.restarts !== 0 && r.lastRestart > 0 ? `${r.restarts} (${humanDuration(now - r.lastRestart)} ago)` : String(r.restarts);
  const ready = `${summary.readyContainers + r.sidecarsReady}/${summary.totalContainers + r.sidecars}`;
  const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || "<none>";
  const cells = [
    pod.metadata.name ?? "",
    ready,
    summary.status,
    restarts,
    ageOf(pod.metadata.creationTimestamp, now),
    ip,
    pod.spec?.nodeName || "<none>",
    pod.status?.nominatedNodeName || "<none>",
    readinessGates(pod),
  ];
  const phase = pod.status?.phase;
  if (phase === "Succeeded") return { cells, conditions: [{ type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." }] };
  if (phase === "Failed") return { cells, conditions: [{ type: "Completed", status: "True", reason: "Failed", message: "The pod failed." }] };
  return { cells };
}
