import { describe, it, expect, beforeEach } from "vitest";
import { settle } from "@/core/clock/fake-clock";
import { makePod } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime } from "./testing/test-runtime";
import { resolveKind } from "./resolve-kind";
import { watchObjects } from "./watch-objects";

let t: TestRuntime;
beforeEach(async () => {
  t = await makeTestRuntime();
});

describe("watchObjects", () => {
  it("yields current objects as ADDED, then changes, in order", async () => {
    await t.store.create(makePod("a").build());
    const stream = watchObjects(t.rt, CONSOLE_ADMIN, "pods", { namespace: "default" });
    await t.store.create(makePod("b").build());
    await t.store.delete(resolveKind("pods"), "default", "a", { gracePeriodSeconds: 0 });
    const seen: string[] = [];
    for await (const e of stream) {
      seen.push(`${e.type} ${e.object.metadata.name}`);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["ADDED a", "ADDED b", "DELETED a"]);
    expect(t.store.stats().watchers).toBe(0);
  });

  it("stops the store watch when the signal aborts, ending the iteration", async () => {
    const ac = new AbortController();
    const stream = watchObjects(t.rt, CONSOLE_ADMIN, "pods", { signal: ac.signal });
    expect(t.store.stats().watchers).toBe(1);
    const pending = stream.next();
    ac.abort();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(t.store.stats().watchers).toBe(0);
  });

  it("fails with 410 Expired when the reader falls too far behind", async () => {
    const stream = watchObjects(t.rt, CONSOLE_ADMIN, "pods", { maxBuffered: 2 });
    for (const n of ["a", "b", "c"]) await t.store.create(makePod(n).build());
    await settle();
    await expect(stream.next()).rejects.toMatchObject({ status: { code: 410, reason: "Expired" } });
    expect(t.store.stats().watchers).toBe(0);
  });

  it("return() stops the store watch and ends the iteration", async () => {
    const stream = watchObjects(t.rt, CONSOLE_ADMIN, "pods");
    await stream.return!();
    expect(t.store.stats().watchers).toBe(0);
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
