// Why: a container runs a workload model instead of a process; this is the contract between the kubelet and those models.

import type { Clock } from "../../clock/clock";

/** What a workload can see and do inside its container. */
export interface WorkloadHost {
  clock: Clock;
  random: () => number;
  /** The container's environment (env, valueFrom, service variables, HOSTNAME). */
  env: Record<string, string>;
  hostname: string;
  podIP: string;
  /** The address kubelet probes come from (the node's bridge on the pod network). */
  probeSourceIP: string;
  /** The container's files; shared by the main process, exec probes and `kubectl exec`. */
  fs: Map<string, string>;
  /** Number of CPUs the node has (nginx starts one worker per CPU). */
  cpus: number;
  write(text: string, stream?: "stdout" | "stderr"): void;
  /** The main process ended with `code`. Call once. */
  exit(code: number): void;
}

export interface HttpRequest {
  method: string;
  path: string;
  port: number;
  /** Source address of the request. */
  from: string;
  userAgent: string;
  host?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** Outcome of running a command in the container (exec probe, kubectl exec). */
export interface ExecResult {
  exitCode: number;
  output: string;
}

/** Cumulative counters a workload exposes for resource-usage metrics (core/metrics turns deltas into rates). */
export interface WorkloadActivity {
  /** Clock milliseconds spent computing (a busy loop accrues about 1 ms per ms). */
  busyMs?: number;
  /** Requests served so far. */
  requests?: number;
}

/** A running container's behaviour. */
export interface Workload {
  /** Starts the main process (logs, timers). */
  start(): void;
  /** SIGTERM (or the image's STOPSIGNAL). Models that handle it call `host.exit` soon; others ignore it. */
  terminate(): void;
  /** SIGKILL: stop now, no more output, no exit callback. */
  kill(): void;
  /** Whether a TCP connection to `port` is accepted. */
  listens(port: number): boolean;
  /** Answers an HTTP request on `port`; undefined when nothing listens there. */
  http(req: HttpRequest): HttpResponse | undefined;
  /** Runs a command inside the container. */
  exec(argv: string[]): Promise<ExecResult>;
  /** Cumulative activity counters, for usage metrics; models without one use a steady idle profile. */
  activity?(): WorkloadActivity;
}

/** The failure a container runtime reports when the process cannot start (terminated reason StartError, exit code 128). */
export interface StartError {
  startError: string;
}
