// Why: expectations are what keep the ReplicaSet controller from creating twice while its own writes are in flight.

import { describe, it, expect } from "vitest";
import { FakeClock } from "../clock/fake-clock";
import { ControllerExpectations } from "./expectations";

describe("ControllerExpectations", () => {
  it("is satisfied once every expected create and delete was observed", () => {
    const e = new ControllerExpectations({ clock: new FakeClock() });
    expect(e.satisfied("ns/rs")).toBe(true);
    e.expect("ns/rs", 2);
    expect(e.satisfied("ns/rs")).toBe(false);
    e.creationObserved("ns/rs");
    expect(e.satisfied("ns/rs")).toBe(false);
    e.creationObserved("ns/rs");
    expect(e.satisfied("ns/rs")).toBe(true);
    e.expect("ns/rs", 0, ["u1", "u2"]);
    e.deletionObserved("ns/rs", "u1");
    e.deletionObserved("ns/rs", "u1");
    expect(e.satisfied("ns/rs")).toBe(false);
    e.deletionObserved("ns/rs", "u2");
    expect(e.satisfied("ns/rs")).toBe(true);
  });

  it("expires after the TTL so a lost event cannot block forever", () => {
    const clock = new FakeClock();
    const e = new ControllerExpectations({ clock, ttlMs: 1000 });
    e.expect("k", 1);
    clock.step(1000);
    expect(e.satisfied("k")).toBe(false);
    clock.step(1);
    expect(e.satisfied("k")).toBe(true);
  });
});
