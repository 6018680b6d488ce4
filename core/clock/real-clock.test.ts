import { describe, expect, it } from "vitest";
import { RealClock } from "./real-clock";

describe("RealClock", () => {
  it("never starts behind a given cluster time", () => {
    const ahead = Date.now() + 3_600_000;
    expect(new RealClock(1, ahead).now()).toBeGreaterThanOrEqual(ahead);
    expect(Math.abs(new RealClock(1, 0).now() - Date.now())).toBeLessThan(1000);
  });

  it("refuses a speed that is not positive", () => {
    expect(() => new RealClock(0)).toThrow("clock speed must be > 0");
  });

  it("fires timers sooner when sped up", async () => {
    const clock = new RealClock(100);
    const t0 = Date.now();
    await new Promise<void>((resolve) => clock.setTimer(resolve, 1000));
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
