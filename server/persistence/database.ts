// Why: one call that turns a data directory into a ready database: migrated, with the Prisma client for ordinary queries and the fast commit log for the store.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client";
import type { KubeObject } from "../../core/api/types";
import type { StoreSnapshot } from "../../core/store/types";
import { lockDataDir } from "./data-dir-lock";
import { migrate } from "./migrate";
import { RESOURCE_VERSION_KEY, SqliteCommitLog } from "./sqlite-commit-log";

/** The SQLite file inside the data directory. */
export const DATABASE_FILE_NAME = "wheelhouse.db";

export interface OpenDatabaseOptions {
  /** Created when missing; the database is `<dataDir>/wheelhouse.db`. */
  dataDir: string;
  /** Defaults to `prisma/migrations` under the working directory. */
  migrationsDir?: string;
  /** Milliseconds a connection waits for another's write lock. Default 10 000. */
  busyTimeoutMs?: number;
  /** Where the commit log's SQL runs: a worker thread (default) or the main thread. */
  commitThread?: "worker" | "main";
}

/** An open Wheelhouse database. Close it on shutdown so queued commits are written. */
export interface WheelhouseDatabase {
  /** Absolute path of the SQLite file. */
  readonly file: string;
  /** For everything but the store's hot path (users, tokens, audit log, ...). */
  readonly prisma: PrismaClient;
  /** Hand this to the durable store: writes go through it. */
  readonly commitLog: SqliteCommitLog;
  /** Names of migrations applied while opening (empty when the database was up to date). */
  readonly migrationsApplied: string[];
  /** Every stored object and the resourceVersion counter, to rebuild memory at start-up. */
  loadSnapshot(): Promise<StoreSnapshot>;
  /** Flushes the commit log and closes both connections. */
  close(): Promise<void>;
}

/**
 * Opens (creating when new) the SQLite database in `dataDir`, applies pending migrations,
 * and returns the Prisma client (better-sqlite3 driver adapter) and the commit log.
 * Throws when another process has the data directory open, when a migration fails or an
 * applied one was edited: do not start on a database whose shape is unknown.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<WheelhouseDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    return await openLocked(dataDir, opts, lock.release);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function openLocked(dataDir: string, opts: OpenDatabaseOptions, releaseLock: () => void): Promise<WheelhouseDatabase> {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const busyTimeoutMs = opts.busyTimeoutMs ?? 10_000;

  // Migrate (and switch to WAL, which is persistent in the file) before anything else connects.
  const admin = new Database(file);
  let migrationsApplied: string[];
  try {
    admin.pragma("journal_mode = WAL");
    admin.pragma(`busy_timeout = ${busyTimeoutMs}`);
    migrationsApplied = migrate({ db: admin, migrationsDir: opts.migrationsDir }).applied;
  } finally {
    admin.close();
  }

  const commitLog = new SqliteCommitLog({ file, busyTimeoutMs, thread: opts.commitThread });
  try {
    await commitLog.ready();
  } catch (err) {
    await commitLog.close().catch(() => undefined);
    throw err;
  }
  let prisma: PrismaClient;
  let reader: Database.Database;
  try {
    prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: busyTimeoutMs }) });
    // better-sqlite3 is built with WAL synchronous=NORMAL; Prisma's writes (users, tokens) get the same guarantee as the store's.
    await prisma.$executeRawUnsafe("PRAGMA synchronous = FULL");
    // The snapshot reader: a plain read-only connection (reads never block the writer in WAL).
    reader = new Database(file, { readonly: true, fileMustExist: true });
    reader.pragma(`busy_timeout = ${busyTimeoutMs}`);
  } catch (err) {
    await commitLog.close().catch(() => undefined);
    throw err;
  }

  return {
    file,
    prisma,
    commitLog,
    migrationsApplied,
    loadSnapshot: async () => loadSnapshot(reader),
    close: async () => {
      try {
        await commitLog.close();
        reader.close();
        await prisma.$disconnect();
      } finally {
        releaseLock();
      }
    },
  };
}

/**
 * Reads all objects and the counter in one read transaction, so the two agree. Raw
 * better-sqlite3 rather than Prisma: it is the start-up critical path (150k objects load in
 * well under a second this way; see docs/designs/persistence.md for the figures).
 */
function loadSnapshot(reader: Database.Database): StoreSnapshot {
  const read = reader.transaction((): StoreSnapshot => {
    const counter = reader
      .prepare<[string], { value: number | bigint }>(`SELECT "value" FROM "ClusterState" WHERE "key" = ?`)
      .get(RESOURCE_VERSION_KEY);
    const objects: KubeObject[] = [];
    let maxVersion = 0;
    const rows = reader.prepare<[], { data: string; resourceVersion: number }>(`SELECT "data", "resourceVersion" FROM "StoredObject"`);
    for (const row of rows.iterate()) {
      objects.push(JSON.parse(row.data) as KubeObject);
      if (row.resourceVersion > maxVersion) maxVersion = row.resourceVersion;
    }
    // The counter is written with every batch; the max over objects only guards against a counter row lost by hand.
    return { objects, resourceVersion: Math.max(counter ? Number(counter.value) : 0, maxVersion) };
  });
  return read.deferred();
}
