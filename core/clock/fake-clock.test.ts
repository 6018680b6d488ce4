import { describe, expect, it } from "vitest";
import { FakeClock } from "./fake-clock";
import { rfc3339 } from "./clock";

describe("FakeClock", () => {
  it("fires timers in due order, including ones scheduled while stepping", () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push("b@200"), 200);
    clock.setTimer(() => {
      fired.push("a@100");
      clock.setTimer(() => fired.push("c@150"), 50);
    }, 100);
    clock.step(199);
    expect(fired).toEqual(["a@100", "c@150"]);
    expect(clock.now()).toBe(199);
    clock.step(1);
    expect(fired).toEqual(["a@100", "c@150", "b@200"]);
  });

  it("does not fire cleared timers", () => {
    const clock = new FakeClock(0);
    let fired = false;
    const h = clock.setTimer(() => (fired = true), 10);
    clock.clearTimer(h);
    clock.step(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("advance() lets async work started by a timer finish before the next timer", async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    clock.setTimer(async () => {
      await Promise.resolve();
      seen.push(clock.now());
      clock.setTimer(() => seen.push(clock.now()), 10);
    }, 5);
    await clock.advance(20);
    expect(seen).toEqual([5, 15]);
  });

  it("formats RFC 3339 timestamps with second precision", () => {
    expect(rfc3339(Date.parse("2026-01-01T00:00:01.999Z"))).toBe("2026-01-01T00:00:01Z");
  });
});
