// Why: audit records are queued without blocking, written in batches on the timer and at close, and read back filtered and paged for the admin view.

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/core/api/errors";
import type { AuditRecord } from "@/core/apiserver/audit";
import { FakeClock } from "@/core/clock/fake-clock";
import type { PrismaClient } from "@/generated/prisma/client";
import { AuditLog, type AuditQuery } from "./audit-log";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";

let t: TempDatabase;
let clock: FakeClock;
beforeAll(async () => {
  t = await openTempDatabase();
});
afterAll(() => t.dispose());
beforeEach(async () => {
  await t.db.prisma.auditEvent.deleteMany();
  clock = new FakeClock("2026-06-01T00:00:00Z");
});

const T0 = Date.parse("2026-06-01T00:00:00Z");
function rec(over: Partial<AuditRecord> = {}): AuditRecord {
  return { time: T0, user: "alice", groups: ["dev", "system:authenticated"], verb: "create", apiGroup: "apps", resource: "deployments", namespace: "demo", name: "web", allowed: true, code: 201, source: "rest", ...over };
}
const count = () => t.db.prisma.auditEvent.count();

describe("AuditLog", () => {
  it("queues without writing and writes the queue every 200 ms", async () => {
    const log = new AuditLog({ prisma: t.db.prisma, clock });
    log.record(rec());
    log.record(rec({ verb: "delete", code: 200 }));
    clock.step(199);
    expect(log.pending()).toBe(2);
    expect(await count()).toBe(0);
    clock.step(1);
    expect(log.pending()).toBe(0);
    await vi.waitFor(async () => expect(await count()).toBe(2));
    log.record(rec({ name: "second-tick" }));
    clock.step(200);
    await vi.waitFor(async () => expect(await count()).toBe(3));
    await log.close();
  });

  it("writes what is queued at close, then stops its timer and drops (and reports) later records", async () => {
    const onError = vi.fn();
    const log = new AuditLog({ prisma: t.db.prisma, clock, onError });
    for (let i = 0; i < 1200; i++) log.record(rec({ name: `obj-${i}` }));
    await log.close();
    expect(await count()).toBe(1200);
    expect(clock.pendingTimers()).toBe(0);
    log.record(rec());
    await log.flush();
    expect(await count()).toBe(1200);
    expect(onError).toHaveBeenCalledWith(expect.stringContaining("dropped 1 audit records"));
  });

  it("round-trips every field, leaving out what a record leaves out", async () => {
    const log = new AuditLog({ prisma: t.db.prisma, clock });
    log.record(rec({ subresource: "scale", reason: undefined }));
    log.record({ time: T0 + 1500, user: "bob", groups: [], verb: "deletecollection", apiGroup: "", resource: "pods", allowed: false, code: 403, reason: "Forbidden", source: "graphql" });
    await log.close();
    const { items } = await log.query();
    expect(items).toEqual([
      { id: expect.any(Number), time: "2026-06-01T00:00:01.500Z", user: "bob", groups: [], verb: "deletecollection", apiGroup: "", resource: "pods", allowed: false, code: 403, reason: "Forbidden", source: "graphql" },
      { id: expect.any(Number), time: "2026-06-01T00:00:00.000Z", user: "alice", groups: ["dev", "system:authenticated"], verb: "create", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "demo", name: "web", allowed: true, code: 201, source: "rest" },
    ]);
  });

  describe("query", () => {
    let log: AuditLog;
    beforeEach(async () => {
      log = new AuditLog({ prisma: t.db.prisma, clock });
      const m = 60_000;
      log.record(rec({ time: T0, name: "a1" }));
      log.record(rec({ time: T0 + m, user: "bob", verb: "delete", code: 403, allowed: false, reason: "Forbidden", name: "b1" }));
      log.record(rec({ time: T0 + 2 * m, resource: "pods", apiGroup: "", namespace: "prod", name: "a2" }));
      log.record(rec({ time: T0 + 3 * m, user: "bob", verb: "patch", namespace: "prod", name: "b2" }));
      log.record(rec({ time: T0 + 4 * m, verb: "create", resource: "namespaces", apiGroup: "", namespace: undefined, name: "a3" }));
      await log.close();
    });

    it.each<{ name: string; q: AuditQuery; want: string[] }>([
      { name: "everything, newest first", q: {}, want: ["a3", "b2", "a2", "b1", "a1"] },
      { name: "by user", q: { user: "bob" }, want: ["b2", "b1"] },
      { name: "by verb", q: { verb: "create" }, want: ["a3", "a2", "a1"] },
      { name: "by resource", q: { resource: "pods" }, want: ["a2"] },
      { name: "by group and resource", q: { apiGroup: "apps", resource: "deployments" }, want: ["b2", "b1", "a1"] },
      { name: "by namespace", q: { namespace: "prod" }, want: ["b2", "a2"] },
      { name: "cluster-scoped only", q: { namespace: "" }, want: ["a3"] },
      { name: "denied only", q: { allowed: false }, want: ["b1"] },
      { name: "since (inclusive)", q: { since: T0 + 120_000 }, want: ["a3", "b2", "a2"] },
      { name: "since as RFC 3339, until (exclusive)", q: { since: "2026-06-01T00:01:00Z", until: "2026-06-01T00:03:00Z" }, want: ["a2", "b1"] },
      { name: "combined", q: { user: "alice", namespace: "demo" }, want: ["a1"] },
      { name: "no match", q: { user: "carol" }, want: [] },
    ])("$name", async ({ q, want }) => {
      expect((await log.query(q)).items.map((e) => e.name)).toEqual(want);
    });

    it("pages with a cursor until the end", async () => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await log.query({ limit: 2, cursor });
        pages.push(page.items.map((e) => e.name ?? ""));
        cursor = page.cursor;
      } while (cursor);
      expect(pages).toEqual([["a3", "b2"], ["a2", "b1"], ["a1"]]);
      const filtered = await log.query({ user: "alice", limit: 2 });
      expect(filtered.items.map((e) => e.name)).toEqual(["a3", "a2"]);
      expect((await log.query({ user: "alice", limit: 2, cursor: filtered.cursor })).items.map((e) => e.name)).toEqual(["a1"]);
    });

    it.each([{ cursor: "abc" }, { cursor: "0" }, { cursor: "-3" }, { since: "yesterday" }])("refuses %j with 400", async (q) => {
      const err = await log.query(q).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(400);
    });
  });

  it("keeps at most maxQueue records when writes cannot keep up, reporting the drop", async () => {
    const onError = vi.fn();
    const log = new AuditLog({ prisma: t.db.prisma, clock, maxQueue: 3, onError });
    for (const name of ["1", "2", "3", "4", "5"]) log.record(rec({ name }));
    expect(log.pending()).toBe(3);
    await log.close();
    expect((await log.query()).items.map((e) => e.name)).toEqual(["5", "4", "3"]);
    expect(onError).toHaveBeenCalledWith(expect.stringContaining("dropped 2 audit records"));
  });

  it("reports a failed write and carries on", async () => {
    const onError = vi.fn();
    const broken = { auditEvent: { createMany: () => Promise.reject(new Error("disk full")) } } as unknown as PrismaClient;
    const log = new AuditLog({ prisma: broken, clock, onError });
    log.record(rec());
    await log.close();
    expect(log.pending()).toBe(0);
    expect(onError).toHaveBeenCalledWith("could not write 1 audit records", expect.objectContaining({ message: "disk full" }));
  });
});
