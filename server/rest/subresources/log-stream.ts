// Why: `kubectl logs` (and `-f`) read pods/{name}/log as a text/plain stream; follow keeps it open and sends each new line until the container ends or the client goes.

import { resourceTypeByPlural } from "@/core/api/resources";
import type { ContainerStatus, Pod } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { TimerHandle } from "@/core/clock/clock";
import type { ClusterRuntime, LogOptions } from "@/server/runtime/types";
import { authorizeSubresource, mustGet } from "./access";
import type { PodLogRequest } from "./log-options";

/** Where the follow loop gets its timer: real time by default; tests pass a FakeClock. */
export interface LogTimer {
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export interface LogStreamConfig {
  /** How often a followed log is read for new lines (ms of `timer` time). Default 250. */
  pollMs?: number;
  timer?: LogTimer;
}

const PODS = resourceTypeByPlural("", "pods")!;
const DEFAULT_POLL_MS = 250;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEADERS = { "Content-Type": "text/plain", "Cache-Control": "no-cache", "X-Accel-Buffering": "no" };

let nextTimerId = 1;
const handles = new Map<number, ReturnType<typeof setTimeout>>();
/** Wall-clock timers (server/ may use them; core/ may not). */
const realTimer: LogTimer = {
  setTimer(fn, ms) {
    const id = nextTimerId++;
    handles.set(
      id,
      setTimeout(() => {
        handles.delete(id);
        fn();
      }, ms),
    );
    return { id };
  },
  clearTimer(h) {
    clearTimeout(handles.get(h.id));
    handles.delete(h.id);
  },
};

/** The container a request means: the named one, or the pod's only container. */
function containerName(pod: Pod, requested: string | undefined): string | undefined {
  if (requested) return requested;
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  return names.length === 1 ? names[0] : undefined;
}

function statusOf(pod: Pod, container: string | undefined): ContainerStatus | undefined {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  return all.find((s) => s.name === container);
}

/** A timestamped line's ordering key: its RFC 3339 nanosecond timestamp (fixed width, so strings compare in time order). */
function keyOf(line: string): string {
  const sp = line.indexOf(" ");
  return sp < 0 ? line : line.slice(0, sp);
}

function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * GET pods/{name}/log as a Response. Without `follow` (or with `previous`) the body is the log
 * as the kubelet renders it. With `follow` the body stays open: the container's log is read
 * every `pollMs` and lines newer than the last one sent are written, until the container
 * terminates or restarts, the pod goes away, `limitBytes` is reached, `signal` aborts or the
 * client cancels. Errors found before streaming (403, 404, 400 for a missing/waiting container)
 * are thrown as ApiError, so the caller answers them as a Status.
 */
export function streamPodLogs(
  rt: ClusterRuntime,
  user: UserInfo,
  namespace: string | undefined,
  podName: string,
  opts: PodLogRequest,
  signal?: AbortSignal,
  cfg: LogStreamConfig = {},
): Response {
  const ns = namespace || "default";
  authorizeSubresource(rt, user, "get", PODS, ns, podName, "log");
  const pod = mustGet<Pod>(rt, user, PODS, ns, podName, "log");
  const container = containerName(pod, opts.container);
  const base: LogOptions = {
    ...(opts.previous ? { previous: true } : {}),
    ...(opts.tailLines !== undefined ? { tailLines: opts.tailLines } : {}),
    ...(opts.sinceSeconds !== undefined ? { sinceSeconds: opts.sinceSeconds } : {}),
    ...(opts.sinceTime !== undefined ? { sinceTime: opts.sinceTime } : {}),
  };
  const read = (o: LogOptions) => rt.readLogs(ns, podName, opts.container, o);
  const startStatus = statusOf(pod, container);
  const done = (p: Pod | undefined) => {
    const st = statusOf(p ?? pod, container);
    return !p || p.metadata.uid !== pod.metadata.uid || !!st?.state?.terminated || (st?.restartCount ?? 0) !== (startStatus?.restartCount ?? 0);
  };

  if (!opts.follow || opts.previous || done(pod)) {
    const text = read({ ...base, ...(opts.timestamps ? { timestamps: true } : {}), ...(opts.limitBytes !== undefined ? { limitBytes: opts.limitBytes } : {}) });
    return new Response(text, { status: 200, headers: HEADERS });
  }

  // Follow: read with timestamps to know which lines were sent; strip them unless asked for.
  const first = splitLines(read({ ...base, timestamps: true }));
  const timer = cfg.timer ?? realTimer;
  const pollMs = cfg.pollMs ?? DEFAULT_POLL_MS;
  const encoder = new TextEncoder();
  // The newest line already in the log, even when tailLines/since left it out of `first`: only lines after it are new.
  const newest = first.length ? first : splitLines(read({ timestamps: true, tailLines: 1, ...(opts.previous ? { previous: true } : {}) }));
  let lastKey = newest.length ? keyOf(newest[newest.length - 1]) : "";
  let budget = opts.limitBytes ?? Infinity;
  let handle: TimerHandle | undefined;
  let closed = false;

  const render = (lines: string[]) => lines.map((l) => (opts.timestamps ? l : l.slice(l.indexOf(" ") + 1)) + "\n").join("");

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = () => {
        if (closed) return;
        closed = true;
        if (handle) timer.clearTimer(handle);
        signal?.removeEventListener("abort", finish);
        try {
          controller.close();
        } catch {
          // already closed or cancelled by the client
        }
      };
      const send = (lines: string[]): void => {
        if (!lines.length || closed) return;
        lastKey = keyOf(lines[lines.length - 1]);
        let text = render(lines);
        if (text.length >= budget) text = text.slice(0, budget);
        budget -= text.length;
        controller.enqueue(encoder.encode(text));
        if (budget <= 0) finish();
      };
      const newer = (text: string) => splitLines(text).filter((l) => keyOf(l) > lastKey);
      const poll = (): void => {
        handle = undefined;
        if (closed) return;
        const current = rt.store.get<Pod>(PODS, ns, podName);
        const ended = done(current);
        try {
          // After a restart the followed instance's log is the previous one.
          const restarted = current && current.metadata.uid === pod.metadata.uid && (statusOf(current, container)?.restartCount ?? 0) !== (startStatus?.restartCount ?? 0);
          // sinceTime (ms precision) spares rendering the whole buffer each poll; `newer` drops the lines of that same ms already sent.
          const sinceTime = lastKey ? `${lastKey.slice(0, 23)}Z` : undefined;
          send(newer(read({ timestamps: true, ...(restarted ? { previous: true } : {}), ...(sinceTime && ISO_MS.test(sinceTime) ? { sinceTime } : {}) })));
        } catch {
          // the pod or its log went away between polls: end the stream as a kubelet would
          finish();
          return;
        }
        if (ended) finish();
        else if (!closed) handle = timer.setTimer(poll, pollMs);
      };
      if (signal?.aborted) return finish();
      signal?.addEventListener("abort", finish);
      send(first);
      if (!closed) handle = timer.setTimer(poll, pollMs);
    },
    cancel() {
      closed = true;
      if (handle) timer.clearTimer(handle);
    },
  });
  return new Response(body, { status: 200, headers: HEADERS });
}
