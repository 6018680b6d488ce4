// Why: liveness, readiness and startup probes run on the clock with Kubernetes' delay, period and threshold semantics.

import type { Clock, TimerHandle } from "../clock/clock";
import type { Container } from "../api/types";
import type { Workload } from "./workloads/types";

export type ProbeKind = "liveness" | "readiness" | "startup";
type Probe = NonNullable<Container["livenessProbe"]>;

/** One probe attempt's outcome; `message` is what follows "Liveness probe failed: ". */
export interface ProbeOutcome {
  ok: boolean;
  message: string;
}

/** Runs a probe against a workload model: exec in the container, HTTP GET, or a TCP connect. */
export async function runProbe(probe: Probe, c: Container, workload: Workload, podIP: string, from: string): Promise<ProbeOutcome> {
  const resolvePort = (p: number | string | undefined): number => {
    if (typeof p === "number") return p;
    const named = (c.ports ?? []).find((x) => x.name === p);
    return named ? named.containerPort : Number(p);
  };
  if (probe.exec) {
    const argv = probe.exec.command ?? [];
    const r = await workload.exec(argv);
    return { ok: r.exitCode === 0, message: r.output.trim() || `command ${JSON.stringify(argv.join(" "))} exited with ${r.exitCode}` };
  }
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port as number | string);
    const path = probe.httpGet.path || "/";
    const host = probe.httpGet.host || podIP;
    const scheme = (probe.httpGet.scheme ?? "HTTP").toLowerCase();
    const res = workload.http({ method: "GET", path, port, from, userAgent: "kube-probe/1.32", host });
    if (!res) return { ok: false, message: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused` };
    if (res.status >= 200 && res.status < 400) return { ok: true, message: "" };
    return { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` };
  }
  const port = resolvePort((probe.tcpSocket?.port ?? probe.grpc?.port) as number | string);
  const host = probe.tcpSocket?.host || podIP;
  return workload.listens(port) ? { ok: true, message: "" } : { ok: false, message: `dial tcp ${host}:${port}: connect: connection refused` };
}

export interface ProbeWorkerConfig {
  clock: Clock;
  kind: ProbeKind;
  probe: Probe;
  run: () => Promise<ProbeOutcome>;
  /**
   * Every attempt: `result` is the probe's settled result after thresholds (changes only at a
   * threshold); `failedOut` is true when failureThreshold consecutive failures were reached.
   */
  onAttempt: (outcome: ProbeOutcome, result: boolean, changed: boolean, failedOut: boolean) => void;
}

/** Probes one container periodically: first after initialDelaySeconds, then every periodSeconds. */
export class ProbeWorker {
  readonly kind: ProbeKind;
  private timer?: TimerHandle;
  private stopped = false;
  private successes = 0;
  private failures = 0;
  /** Readiness starts false; liveness starts true (healthy until proven otherwise); startup starts false. */
  result: boolean;

  constructor(private readonly config: ProbeWorkerConfig) {
    this.kind = config.kind;
    this.result = config.kind === "liveness";
  }

  start(): void {
    this.stopped = false;
    this.schedule((this.config.probe.initialDelaySeconds ?? 0) * 1000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.config.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.config.clock.setTimer(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const p = this.config.probe;
    const outcome = await this.config.run();
    if (this.stopped) return;
    const before = this.result;
    if (outcome.ok) {
      this.failures = 0;
      this.successes++;
      if (this.successes >= (this.kind === "readiness" ? (p.successThreshold ?? 1) : 1)) this.result = true;
    } else {
      this.successes = 0;
      this.failures++;
      if (this.failures >= (p.failureThreshold ?? 3)) this.result = false;
    }
    const changed = before !== this.result;
    const failedOut = this.failures >= (p.failureThreshold ?? 3);
    this.config.onAttempt(outcome, this.result, changed, failedOut);
    // A startup probe stops once it succeeded; a failed liveness/startup probe stops until the container restarts.
    if (this.kind === "startup" && this.result) return;
    if (this.kind !== "readiness" && failedOut) return;
    this.schedule((p.periodSeconds ?? 10) * 1000);
  }
}
