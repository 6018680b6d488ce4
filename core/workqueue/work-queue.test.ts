// Why: pins client-go workqueue semantics (dedup, dirty re-queue, delays, back-off) on the fake clock.

import { describe, it, expect } from "vitest";
import { FakeClock, settle } from "../clock/fake-clock";
import { ExponentialRateLimiter, WorkQueue } from "./work-queue";

const newQueue = () => {
  const clock = new FakeClock();
  return { clock, q: new WorkQueue<string>({ clock }) };
};

describe("WorkQueue", () => {
  it("dedups keys that are queued and hands them out in order", async () => {
    const { q } = newQueue();
    q.add("a");
    q.add("b");
    q.add("a");
    expect(q.len()).toBe(2);
    expect(await q.get()).toBe("a");
    expect(await q.get()).toBe("b");
    expect(q.len()).toBe(0);
  });

  it("re-queues a key added while it is processing only after done", async () => {
    const { q } = newQueue();
    q.add("a");
    const k = await q.get();
    q.add("a");
    q.add("a");
    expect(q.len()).toBe(0);
    expect(q.isIdle()).toBe(false);
    q.done(k!);
    expect(q.len()).toBe(1);
    expect(await q.get()).toBe("a");
    q.done("a");
    expect(q.isIdle()).toBe(true);
  });

  it("wakes a waiting getter when a key arrives", async () => {
    const { q } = newQueue();
    const p = q.get();
    let got: string | undefined;
    void p.then((k) => (got = k));
    await settle(1);
    expect(got).toBeUndefined();
    q.add("x");
    await settle(1);
    expect(got).toBe("x");
    expect(q.processingCount()).toBe(1);
  });

  it("addAfter waits on the clock and keeps the earliest time", async () => {
    const { q, clock } = newQueue();
    q.addAfter("a", 100);
    q.addAfter("a", 50);
    q.addAfter("a", 200);
    expect(q.delayedCount()).toBe(1);
    clock.step(49);
    expect(q.len()).toBe(0);
    clock.step(1);
    expect(q.len()).toBe(1);
    clock.step(500);
    expect(q.len()).toBe(1);
  });

  it("addRateLimited backs off exponentially per key until forget", () => {
    const { q, clock } = newQueue();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = clock.now();
      q.addRateLimited("a");
      const due = clock.nextDue()!;
      delays.push(due - start);
      clock.step(due - start);
      void q.get().then((k) => q.done(k!));
    }
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(q.numRequeues("a")).toBe(4);
    q.forget("a");
    expect(q.numRequeues("a")).toBe(0);
  });

  it.each([
    { failures: 0, delay: 5 },
    { failures: 1, delay: 10 },
    { failures: 10, delay: 5120 },
    { failures: 40, delay: 1_000_000 },
    { failures: 2000, delay: 1_000_000 },
  ])("the default limiter waits $delay ms after $failures failures", ({ failures, delay }) => {
    const l = new ExponentialRateLimiter<string>();
    for (let i = 0; i < failures; i++) l.when("k");
    expect(l.when("k")).toBe(delay);
  });

  it("shutDown releases getters and drops delayed keys", async () => {
    const { q, clock } = newQueue();
    const p = q.get();
    q.addAfter("later", 10);
    q.shutDown();
    expect(await p).toBeUndefined();
    clock.step(20);
    expect(q.len()).toBe(0);
    q.add("x");
    expect(await q.get()).toBeUndefined();
  });
});
