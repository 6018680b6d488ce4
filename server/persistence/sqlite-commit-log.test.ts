// Why: the commit log is what "acknowledged means durable" rests on: rows, deletes, the counter and batch atomicity.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../core/api/types";
import type { StoredChange } from "../../core/store/types";
import { migrate } from "./migrate";
import { SqliteCommitLog } from "./sqlite-commit-log";

let dir: string;
let file: string;
let log: SqliteCommitLog;

function pod(name: string, rv: number, extra: Record<string, unknown> = {}): StoredChange {
  const object: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: String(rv) }, ...extra };
  return { resourceVersion: rv, resource: "/pods", namespace: "default", name, object };
}
const removed = (name: string, rv: number): StoredChange => ({ resourceVersion: rv, resource: "/pods", namespace: "default", name, object: null });

function readBack() {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare<[], { name: string; uid: string; resourceVersion: number; data: string }>(`SELECT name, uid, resourceVersion, data FROM StoredObject ORDER BY name`).all();
    const counter = db.prepare(`SELECT value FROM ClusterState WHERE key = 'resourceVersion'`).pluck().get() as number | undefined;
    return { rows, counter };
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-commit-log-"));
  file = path.join(dir, "wheelhouse.db");
  const db = new Database(file);
  migrate({ db });
  db.close();
  log = new SqliteCommitLog({ file });
});
afterEach(() => {
  log.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("SqliteCommitLog", () => {
  it("upserts objects, deletes removed ones and raises the counter", async () => {
    await log.commit([pod("a", 1), pod("b", 2)]);
    await log.commit([pod("a", 3, { spec: { nodeName: "n1" } }), removed("b", 4)]);
    const { rows, counter } = readBack();
    expect(rows.map((r) => [r.name, r.uid, r.resourceVersion])).toEqual([["a", "uid-a", 3]]);
    expect(JSON.parse(rows[0].data)).toEqual(pod("a", 3, { spec: { nodeName: "n1" } }).object);
    expect(counter).toBe(4);
    expect(log.durableResourceVersion()).toBe(4);
  });

  it("never lowers the counter", async () => {
    await log.commit([pod("a", 10)]);
    await log.commit([pod("b", 7)]);
    expect(readBack().counter).toBe(10);
  });

  it("writes the calls of one event-loop turn in one transaction", async () => {
    await Promise.all([log.commit([pod("a", 1)]), log.commit([pod("b", 2)]), log.commit([pod("c", 3), pod("d", 4)])]);
    expect(log.stats()).toEqual({ transactions: 1, changes: 4, commits: 3 });
    expect(readBack().rows).toHaveLength(4);
  });

  it("rejects every call of a failed batch and writes none of it", async () => {
    await log.commit([pod("a", 1)]);
    const bad = { ...pod("x", 3), name: null as unknown as string };
    const results = await Promise.allSettled([log.commit([pod("b", 2)]), log.commit([bad])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(readBack()).toMatchObject({ rows: [{ name: "a" }], counter: 1 });
    await log.commit([pod("c", 4)]);
    expect(readBack().rows.map((r) => r.name)).toEqual(["a", "c"]);
  });

  it.each([{ coalesce: true }, { coalesce: false }])("is durable when the promise resolves (coalesce: $coalesce)", async ({ coalesce }) => {
    const direct = new SqliteCommitLog({ file, coalesce });
    try {
      await direct.commit([pod("z", 9)]);
      expect(readBack()).toMatchObject({ rows: [{ name: "z" }], counter: 9 });
    } finally {
      direct.close();
    }
  });

  it("flushes queued commits on close and refuses commits after", async () => {
    const queued = log.commit([pod("a", 1)]);
    log.close();
    await queued;
    expect(readBack().rows).toHaveLength(1);
    await expect(log.commit([pod("b", 2)])).rejects.toThrow(/closed/);
  });

  it("uses WAL with synchronous=FULL", () => {
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
    // synchronous is per connection: check the log's own.
    expect((log as unknown as { db: Database.Database }).db.pragma("synchronous", { simple: true })).toBe(2);
  });
});
