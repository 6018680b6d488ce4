// Why: the commit log is what "acknowledged means durable" rests on: rows, deletes, the counter and batch atomicity, on either thread.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../core/api/types";
import type { StoredChange } from "../../core/store/types";
import { migrate } from "./migrate";
import { InlineBatchWriter } from "./sqlite-batch-writer";
import { SqliteCommitLog } from "./sqlite-commit-log";

let dir: string;
let file: string;

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
  db.pragma("journal_mode = WAL");
  migrate({ db });
  db.close();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.each([{ thread: "worker" as const }, { thread: "main" as const }])("SqliteCommitLog on the $thread thread", ({ thread }) => {
  let log: SqliteCommitLog;
  beforeEach(() => {
    log = new SqliteCommitLog({ file, thread });
  });
  afterEach(async () => {
    await log.close();
  });

  it("upserts objects, deletes removed ones and raises the counter", async () => {
    await log.commit([pod("a", 1), pod("b", 2)]);
    await log.commit([pod("a", 3, { spec: { nodeName: "n1" } }), removed("b", 4)]);
    const { rows, counter } = readBack();
    expect(rows.map((r) => [r.name, r.uid, r.resourceVersion])).toEqual([["a", "uid-a", 3]]);
    expect(JSON.parse(rows[0].data)).toEqual(pod("a", 3, { spec: { nodeName: "n1" } }).object);
    expect(counter).toBe(4);
    expect(log.lastCommittedResourceVersion()).toBe(4);
  });

  it("never lowers the counter", async () => {
    await log.commit([pod("a", 10)]);
    await log.commit([pod("b", 7)]);
    expect(readBack().counter).toBe(10);
  });

  it("writes the calls of one event-loop turn in one transaction, and calls made during a write in the next", async () => {
    await Promise.all([log.commit([pod("a", 1)]), log.commit([pod("b", 2)]), log.commit([pod("c", 3), pod("d", 4)])]);
    expect(log.stats()).toEqual({ transactions: 1, changes: 4, commits: 3 });
    const first = log.commit([pod("e", 5)]);
    await new Promise((r) => setImmediate(r));
    // The first transaction has started; these three wait for it and then share one.
    await Promise.all([first, log.commit([pod("f", 6)]), log.commit([pod("g", 7)]), log.commit([pod("h", 8)])]);
    expect(log.stats()).toEqual({ transactions: 3, changes: 8, commits: 7 });
    expect(readBack().rows).toHaveLength(8);
  });

  it("rejects every call of a failed batch, writes none of it, and goes on", async () => {
    await log.commit([pod("a", 1)]);
    const bad = { ...pod("x", 3), name: null as unknown as string };
    const results = await Promise.allSettled([log.commit([pod("b", 2)]), log.commit([bad])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/NOT NULL constraint failed/);
    expect(readBack()).toMatchObject({ rows: [{ name: "a" }], counter: 1 });
    await log.commit([pod("c", 4)]);
    expect(readBack().rows.map((r) => r.name)).toEqual(["a", "c"]);
  });

  it("is durable when the promise resolves", async () => {
    await log.commit([pod("z", 9)]);
    expect(readBack()).toMatchObject({ rows: [{ name: "z" }], counter: 9 });
  });

  it("writes queued commits on close and refuses commits after", async () => {
    const queued = [log.commit([pod("a", 1)]), log.commit([pod("b", 2)])];
    await log.close();
    await Promise.all(queued);
    expect(readBack().rows).toHaveLength(2);
    await expect(log.commit([pod("c", 3)])).rejects.toThrow(/closed/);
  });
});

describe("writer connections", () => {
  it("report a database that cannot be opened before the first write", async () => {
    const missing = path.join(dir, "missing.db");
    const log = new SqliteCommitLog({ file: missing, thread: "worker" });
    await expect(log.ready()).rejects.toThrow(/directory does not exist|unable to open/);
    await expect(log.commit([pod("a", 1)])).rejects.toThrow();
    await log.close();
    expect(() => new SqliteCommitLog({ file: missing, thread: "main" })).toThrow(/directory does not exist|unable to open/);
  });

  it("use WAL with synchronous=FULL", async () => {
    const writer = new InlineBatchWriter({ file, busyTimeoutMs: 1000 });
    try {
      expect(writer.synchronous()).toBe(2);
    } finally {
      await writer.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
  });
});
