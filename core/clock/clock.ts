// Why: every timestamp and timer in core/ comes from an injected Clock, so tests step time instead of sleeping.

/** A handle returned by {@link Clock.setTimer}; pass it to {@link Clock.clearTimer}. */
export interface TimerHandle {
  readonly id: number;
}

/** The source of time for core/. Milliseconds since the Unix epoch. */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** Kubernetes writes timestamps as RFC 3339 with second precision. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Kubernetes' MicroTime (events.k8s.io eventTime, lease renewTime). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000Z");
}
