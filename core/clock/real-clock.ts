// Why: production time, optionally sped up so a demo cluster moves faster than the wall clock.

import type { Clock, TimerHandle } from "./clock";

interface RealTimer extends TimerHandle {
  timer: ReturnType<typeof globalThis.setTimeout>;
}

/**
 * The wall clock, scaled by `speed` from the moment of construction: with speed 10, ten
 * cluster seconds pass per real second and timers fire ten times sooner. `startAt` sets the
 * cluster time at construction (default: now), so a sped-up cluster that restarts does not
 * travel back behind the timestamps it already wrote.
 */
export class RealClock implements Clock {
  private readonly realOrigin = Date.now();
  private readonly clusterOrigin: number;
  private nextId = 1;

  constructor(
    private readonly speed = 1,
    startAt?: number,
  ) {
    if (!(speed > 0)) throw new Error(`clock speed must be > 0, got ${speed}`);
    this.clusterOrigin = Math.max(this.realOrigin, startAt ?? 0);
  }

  now(): number {
    return this.clusterOrigin + (Date.now() - this.realOrigin) * this.speed;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer = globalThis.setTimeout(fn, Math.max(0, ms / this.speed));
    timer.unref?.();
    const handle: RealTimer = { id: this.nextId++, timer };
    return handle;
  }

  clearTimer(handle: TimerHandle): void {
    globalThis.clearTimeout((handle as RealTimer).timer);
  }
}
