// Why: the SQL of the commit log, runnable on the main thread or on a worker thread (so fsyncs and inserts overlap the store's in-memory work instead of blocking the event loop).
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";

/**
 * One change as written: resource, namespace, name, uid, resourceVersion, the object's JSON
 * (null to delete). Serialised by the caller: posting a 1.5 kB string to the worker costs the
 * main thread about what posting the object does, and the worker then has half the work.
 */
export type Row = [string, string, string, string, number, string | null];

/** The ClusterState key holding the last resourceVersion handed out. */
export const RESOURCE_VERSION_KEY = "resourceVersion";

/** Writes batches of rows, each as one durable transaction. */
export interface BatchWriter {
  /** Resolves once the transaction is committed and fsync'd; rejects (and writes nothing) on error. One call at a time. */
  write(rows: Row[], maxResourceVersion: number): Promise<void>;
  /** Resolves once the connection is open; rejects when it cannot be. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface BatchWriterOptions {
  file: string;
  busyTimeoutMs: number;
}

const SQL = {
  upsert: `INSERT INTO "StoredObject" ("resource", "namespace", "name", "uid", "resourceVersion", "data") VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT ("resource", "namespace", "name") DO UPDATE SET "uid" = excluded."uid", "resourceVersion" = excluded."resourceVersion", "data" = excluded."data"`,
  remove: `DELETE FROM "StoredObject" WHERE "resource" = ? AND "namespace" = ? AND "name" = ?`,
  counter: `INSERT INTO "ClusterState" ("key", "value") VALUES ('${RESOURCE_VERSION_KEY}', ?) ON CONFLICT ("key") DO UPDATE SET "value" = max("value", excluded."value")`,
};

/**
 * The worker's program, as plain JavaScript evaluated by `new Worker(..., { eval: true })`: no
 * file to locate after bundling and no TypeScript loader needed. Keep it in step with
 * `InlineBatchWriter` below (the unit tests run both).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const SQL = workerData.sql;
let db, upsert, remove, counter;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = " + workerData.busyTimeoutMs);
  upsert = db.prepare(SQL.upsert);
  remove = db.prepare(SQL.remove);
  counter = db.prepare(SQL.counter);
} catch (err) {
  // Error subclasses lose their message crossing threads: send it as text.
  parentPort.postMessage({ fatal: String(err && err.message ? err.message : err) + " (" + workerData.file + ")" });
  process.exit(1);
}
const write = db.transaction((rows, maxRv) => {
  for (const r of rows) {
    if (r[5] === null) remove.run(r[0], r[1], r[2]);
    else upsert.run(r[0], r[1], r[2], r[3], r[4], r[5]);
  }
  if (maxRv > 0) counter.run(maxRv);
});
parentPort.on("message", (m) => {
  if (m.close) {
    db.close();
    parentPort.postMessage({ id: m.id });
    return;
  }
  try {
    write(m.rows, m.maxRv);
    parentPort.postMessage({ id: m.id });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err && err.message ? err.message : err), code: err && err.code });
  }
});
parentPort.postMessage({ ready: true });
`;

function openWriterConnection(opts: BatchWriterOptions): Database.Database {
  const db = new Database(opts.file, { fileMustExist: true });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma(`busy_timeout = ${opts.busyTimeoutMs}`);
  return db;
}

/** Writes on the calling thread: simplest, blocks the event loop for the transaction and its fsync. */
export class InlineBatchWriter implements BatchWriter {
  private readonly db: Database.Database;
  private readonly tx: (rows: Row[], maxRv: number) => void;

  constructor(opts: BatchWriterOptions) {
    this.db = openWriterConnection(opts);
    const upsert = this.db.prepare<[string, string, string, string, number, string]>(SQL.upsert);
    const remove = this.db.prepare<[string, string, string]>(SQL.remove);
    const counter = this.db.prepare<[number]>(SQL.counter);
    this.tx = this.db.transaction((rows: Row[], maxRv: number) => {
      for (const r of rows) {
        if (r[5] === null) remove.run(r[0], r[1], r[2]);
        else upsert.run(r[0], r[1], r[2], r[3], r[4], r[5]);
      }
      if (maxRv > 0) counter.run(maxRv);
    });
  }

  /** The connection's `synchronous` setting (2 = FULL), for tests. */
  synchronous(): number {
    return this.db.pragma("synchronous", { simple: true }) as number;
  }

  write(rows: Row[], maxResourceVersion: number): Promise<void> {
    try {
      this.tx(rows, maxResourceVersion);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

interface WorkerReply {
  id?: number;
  ready?: boolean;
  fatal?: string;
  error?: string;
  code?: string;
}

/**
 * Writes on a worker thread with its own connection. The event loop keeps running while a
 * batch is inserted and fsync'd, so the next batch gathers meanwhile (real group commit).
 * The worker keeps the process alive only while a write is in flight.
 */
export class WorkerBatchWriter implements BatchWriter {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  private dead: Error | undefined;
  private readonly started: Promise<void>;

  constructor(opts: BatchWriterOptions) {
    let started!: { resolve: () => void; reject: (e: unknown) => void };
    this.started = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
    // Nobody may be waiting for readiness; a failure also surfaces on every write.
    this.started.catch(() => undefined);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: opts.file, busyTimeoutMs: opts.busyTimeoutMs, sql: SQL, driver: driverPath() },
    });
    const fail = (err: Error) => {
      this.dead ??= err;
      started.reject(this.dead);
      for (const w of this.waiting.values()) w.reject(this.dead);
      this.waiting.clear();
    };
    this.worker.unref();
    this.worker.on("message", (m: WorkerReply) => {
      if (m.ready) started.resolve();
      if (m.fatal !== undefined) fail(new Error(m.fatal));
      if (m.id === undefined) return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (!w) return;
      if (m.error !== undefined) w.reject(Object.assign(new Error(m.error), { code: m.code }));
      else w.resolve();
    });
    this.worker.on("error", (err) => fail(err));
    this.worker.on("exit", (code) => fail(new Error(`commit log worker exited (code ${code})`)));
  }

  write(rows: Row[], maxResourceVersion: number): Promise<void> {
    return this.send({ rows, maxRv: maxResourceVersion });
  }

  ready(): Promise<void> {
    // Hold the process open until the worker has answered.
    this.worker.ref();
    return this.started.finally(() => {
      if (this.waiting.size === 0) this.worker.unref();
    });
  }

  async close(): Promise<void> {
    if (!this.dead) await this.send({ close: true }).catch(() => undefined);
    await this.worker.terminate();
  }

  private send(msg: object): Promise<void> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, ...msg });
    });
  }
}

/** Where the worker loads better-sqlite3 from (the worker's own `require` resolves from the working directory). */
function driverPath(): string {
  try {
    const resolved: unknown = createRequire(import.meta.url).resolve("better-sqlite3");
    // Inside the Next.js server bundle, resolve() yields a bundler module id (a number), not a path.
    if (typeof resolved === "string") return resolved;
  } catch {
    // fall through to the project's node_modules
  }
  return path.join(process.cwd(), "node_modules", "better-sqlite3");
}
