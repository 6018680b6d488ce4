// Why: the endpoints.kubernetes.io/last-change-trigger-time annotation tells latency SLO tooling when the change an Endpoints write reflects happened; Kubernetes computes it from pod readiness transitions and the Service's creation, remembering what it saw last.

import type { Pod, Service } from "../../api/types";

interface ServiceState {
  pods: Map<string, number>;
  service: number;
}

const parse = (t: string | undefined) => (t ? Date.parse(t) : NaN);

/** When the pod last changed in a way Endpoints reflect: its Ready condition's transition time. */
function podTriggerTime(pod: Pod): number {
  return parse(pod.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime);
}

/**
 * Per Service, the trigger times it has seen (TriggerTimeTracker). The trigger time of a sync is
 * the Service's creation for a Service seen for the first time, else the earliest trigger time
 * that moved since the last sync; undefined when none did (the annotation is then removed).
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** The trigger time (ms) for syncing `svc` with `pods` now, recording what was seen. */
  compute(key: string, svc: Service, pods: Pod[]): number | undefined {
    const prev = this.states.get(key);
    let min: number | undefined;
    const seen = new Map<string, number>();
    for (const pod of pods) {
      const t = podTriggerTime(pod);
      if (Number.isNaN(t)) continue;
      seen.set(pod.metadata.name ?? "", t);
      const before = prev?.pods.get(pod.metadata.name ?? "");
      if (before === undefined || t > before) min = min === undefined ? t : Math.min(min, t);
    }
    const created = parse(svc.metadata.creationTimestamp);
    const svcTime = Number.isNaN(created) ? 0 : created;
    if (prev && svcTime > prev.service) min = min === undefined ? svcTime : Math.min(min, svcTime);
    this.states.set(key, { pods: seen, service: svcTime });
    if (!prev) return Number.isNaN(created) ? undefined : created;
    return min;
  }

  /** Forget a deleted Service. */
  forget(key: string): void {
    this.states.delete(key);
  }
}

/** RFC 3339 with nanosecond precision, trailing zeros dropped (Go's time.RFC3339Nano in UTC). */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d*?)0*Z$/, (_m, frac: string) => (frac ? `.${frac}Z` : "Z"));
}
