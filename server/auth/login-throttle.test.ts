// Why: the lockout must start at the fifth failure, refuse until it ends, double on repeat, clear on success, and ignore old failures.

import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle";

function setup() {
  let now = 1_000_000;
  const t = new LoginThrottle({ now: () => now });
  return { t, advance: (ms: number) => (now += ms) };
}

describe("LoginThrottle", () => {
  it("locks a name after 5 failures for 1 minute, then 2, capped at 15", () => {
    const { t, advance } = setup();
    for (let i = 0; i < 4; i++) t.failed("Ada");
    expect(t.retryAfter("ada")).toBe(0);
    t.failed("ada");
    expect(t.retryAfter("ADA")).toBe(60_000);
    advance(30_000);
    expect(t.retryAfter("ada")).toBe(30_000);
    advance(30_000);
    expect(t.retryAfter("ada")).toBe(0);
    for (let i = 0; i < 5; i++) t.failed("ada");
    expect(t.retryAfter("ada")).toBe(120_000);
    for (let n = 0; n < 6; n++) for (let i = 0; i < 5; i++) t.failed("ada");
    expect(t.retryAfter("ada")).toBe(15 * 60_000);
    expect(t.retryAfter("bob")).toBe(0);
  });

  it("forgets failures older than the window, and everything on success", () => {
    const { t, advance } = setup();
    for (let i = 0; i < 4; i++) t.failed("ada");
    advance(15 * 60_000);
    t.failed("ada");
    expect(t.retryAfter("ada")).toBe(0);
    for (let i = 0; i < 3; i++) t.failed("ada");
    t.succeeded("ada");
    t.failed("ada");
    expect(t.retryAfter("ada")).toBe(0);
  });

  it("keeps at most maxEntries names", () => {
    const now = 0;
    const t = new LoginThrottle({ now: () => now, maxEntries: 2, maxFailures: 1 });
    t.failed("a");
    t.failed("b");
    t.failed("c");
    expect([t.retryAfter("a"), t.retryAfter("b"), t.retryAfter("c")]).toEqual([0, 60_000, 60_000]);
  });
});
