// Why: tests advance time explicitly (kwok's fakeClock.Step) so nothing in a test sleeps.

import type { Clock, TimerHandle } from "./clock";

interface PendingTimer {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
}

/** A clock that only moves when a test calls {@link FakeClock.step}. */
export class FakeClock implements Clock {
  private current: number;
  private timers = new Map<number, PendingTimer>();
  private nextId = 1;
  private seq = 0;

  constructor(start: number | string = "2026-01-01T00:00:00Z") {
    this.current = typeof start === "number" ? start : Date.parse(start);
  }

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + Math.max(0, ms), seq: this.seq++, fn });
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Number of timers waiting to fire. */
  pendingTimers(): number {
    return this.timers.size;
  }

  /** The time the next timer fires, or undefined when none is waiting. */
  nextDue(): number | undefined {
    let due: number | undefined;
    for (const t of this.timers.values()) if (due === undefined || t.due < due) due = t.due;
    return due;
  }

  /**
   * Move time forward by `ms`, firing due timers in order; timers scheduled by a fired
   * timer fire too when they fall inside the window.
   */
  step(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      let next: PendingTimer | undefined;
      for (const t of this.timers.values()) {
        if (t.due <= end && (!next || t.due < next.due || (t.due === next.due && t.seq < next.seq))) next = t;
      }
      if (!next) break;
      this.timers.delete(next.id);
      this.current = Math.max(this.current, next.due);
      next.fn();
    }
    this.current = end;
  }

  /**
   * Like {@link step}, but lets promise chains started by each fired timer run before the
   * next one fires (async reconcilers, store writes), then settles once more at the end.
   */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    await settle();
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > end) break;
      this.step(due - this.current);
      await settle();
    }
    this.current = end;
    await settle();
  }
}

/** Let queued promise callbacks and immediates run (a few macrotask turns). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
