// Why: the reconcile contract (retry with back-off, DoNotRetryError, requeueAfter, one worker per key) is what every controller relies on.

import { describe, it, expect } from "vitest";
import { FakeClock, settle } from "../clock/fake-clock";
import { Controller, DoNotRetryError, type ReconcileResult } from "./controller";

function harness(fn: (key: string, attempt: number) => Promise<ReconcileResult | void>, workers = 1) {
  const clock = new FakeClock();
  const calls: { key: string; at: number }[] = [];
  const attempts = new Map<string, number>();
  const errors: unknown[] = [];
  const c = new Controller({
    name: "test",
    clock,
    workers,
    onError: (_n, _k, e) => errors.push(e),
    reconciler: {
      reconcile: async (key) => {
        const n = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, n);
        calls.push({ key, at: clock.now() - start });
        return fn(key, n);
      },
    },
  });
  const start = clock.now();
  c.start();
  return { c, clock, calls, errors };
}

describe("Controller", () => {
  it("retries failures with exponential back-off until success, then forgets", async () => {
    const { c, clock, calls, errors } = harness(async (_k, n) => {
      if (n <= 3) throw new Error(`fail ${n}`);
    });
    c.enqueue("a");
    await clock.advance(1000);
    expect(calls.map((x) => x.at)).toEqual([0, 5, 15, 35]);
    expect(errors).toHaveLength(3);
    expect(c.queue.numRequeues("a")).toBe(0);
    expect(c.isIdle()).toBe(true);
  });

  it("drops keys that fail with DoNotRetryError", async () => {
    const { c, clock, calls } = harness(async () => {
      throw new DoNotRetryError("bad spec");
    });
    c.enqueue("a");
    await clock.advance(10_000);
    expect(calls).toHaveLength(1);
  });

  it("honours requeueAfter", async () => {
    const { c, clock, calls } = harness(async (_k, n) => (n < 3 ? { requeueAfter: 2000 } : undefined));
    c.enqueue("a");
    await clock.advance(10_000);
    expect(calls.map((x) => x.at)).toEqual([0, 2000, 4000]);
  });

  it("never reconciles one key on two workers at once, but re-runs it when it changed meanwhile", async () => {
    let running = 0;
    let maxRunning = 0;
    let release: () => void = () => {};
    const { c, calls } = harness(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((r) => (release = r));
      running--;
    }, 4);
    c.enqueue("a");
    await settle();
    c.enqueue("a");
    c.enqueue("a");
    await settle();
    expect(calls).toHaveLength(1);
    release();
    await settle();
    expect(calls).toHaveLength(2);
    release();
    await settle();
    expect(maxRunning).toBe(1);
    expect(c.reconcileCount()).toBe(2);
  });
});
