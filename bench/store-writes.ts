// Why: the durable store's write rate against raw better-sqlite3 on the same disk, in one run, so the cost of the store and Prisma-free hot path is a measured figure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { RealClock } from "../core/clock/real-clock";
import type { Pod } from "../core/api/types";
import { MemoryStore } from "../core/store/memory-store";
import { makePod } from "../core/testing/builders";
import { openDatabase } from "../server/persistence/database";
import { migrate } from "../server/persistence/migrate";

export interface StoreWritesOptions {
  /** Objects written by each side. Default 20 000. */
  rows?: number;
  /** Where the two databases are created (under a fresh temp folder by default). Removed afterwards. */
  dataDir?: string;
  /** Creates in flight at once on the store side. Default 500. */
  concurrency?: number;
  /** Where the commit log's SQL runs (see SqliteCommitLog). Default "worker". */
  commitThread?: "worker" | "main";
  /** Raw and store runs alternate this many times; the medians are reported (the machine is shared). Default 3. */
  repeats?: number;
}

export interface StoreWritesResult {
  /** Raw better-sqlite3: prepared INSERTs of pre-serialised ~1.5 kB rows, 100 per transaction, WAL, synchronous=FULL. */
  rawRowsPerSec: number;
  /** MemoryStore + SqliteCommitLog: concurrent `create` calls of ~1.5 kB pods, counted when acknowledged (durable). */
  storeWritesPerSec: number;
  /** storeWritesPerSec / rawRowsPerSec. */
  ratio: number;
  /** Average changes per commit-log transaction on the store side. */
  averageGroupSize: number;
  /** Serialised size of one pod as stored, in bytes. */
  rowBytes: number;
  /** Process CPU time (all threads) per row, in microseconds: steadier than rates on a busy machine. */
  rawCpuMicrosPerRow: number;
  storeCpuMicrosPerWrite: number;
  /** 1-minute load average when the run started (the rates mean little when it exceeds the core count). */
  loadAverage: number;
}

/** A pod of about 1.5 kB once stored (the size of a typical small workload pod with status). */
export function benchPod(i: number): Pod {
  return makePod(`bench-${i}`)
    .namespace("bench")
    .labels({ app: "bench", "pod-template-hash": "5d8f7c9b6d", tier: "web" })
    .annotations({ "kubectl.kubernetes.io/restartedAt": "2025-01-01T00:00:00Z", note: "x".repeat(760) })
    .container("web", "nginx:1.27", { ports: [80], requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" }, env: { MODE: "bench", LEVEL: "info" } })
    .container("sidecar", "busybox:1.36", { command: ["sh", "-c", "sleep 3600"] })
    .build();
}

/** Measures raw better-sqlite3 inserts, then the durable store, on fresh databases in `dataDir`. */
export async function benchStoreWrites(opts: StoreWritesOptions = {}): Promise<StoreWritesResult> {
  const rows = opts.rows ?? 20_000;
  const concurrency = opts.concurrency ?? 500;
  const root = fs.mkdtempSync(path.join(opts.dataDir ?? os.tmpdir(), "wh-bench-"));
  try {
    const rowBytes = Buffer.byteLength(JSON.stringify({ ...benchPod(0), metadata: { ...benchPod(0).metadata, uid: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", resourceVersion: "1000000", creationTimestamp: "2025-01-01T00:00:00Z" } }));
    const loadAverage = os.loadavg()[0];
    const raw: { rowsPerSec: number; cpuMicros: number }[] = [];
    const store: { writesPerSec: number; averageGroupSize: number; cpuMicros: number }[] = [];
    for (let i = 0; i < (opts.repeats ?? 3); i++) {
      raw.push(benchRaw(path.join(root, `raw-${i}`), rows));
      store.push(await benchStore(path.join(root, `store-${i}`), rows, concurrency, opts.commitThread ?? "worker"));
    }
    const rawRowsPerSec = median(raw.map((r) => r.rowsPerSec));
    const storeWritesPerSec = median(store.map((s) => s.writesPerSec));
    return {
      rawRowsPerSec,
      storeWritesPerSec,
      ratio: storeWritesPerSec / rawRowsPerSec,
      averageGroupSize: median(store.map((s) => s.averageGroupSize)),
      rowBytes,
      rawCpuMicrosPerRow: median(raw.map((r) => r.cpuMicros)) / rows,
      storeCpuMicrosPerWrite: median(store.map((s) => s.cpuMicros)) / rows,
      loadAverage,
    };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return u.user + u.system;
}

function benchRaw(dir: string, rows: number): { rowsPerSec: number; cpuMicros: number } {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, "raw.db"));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    migrate({ db });
    const data = Array.from({ length: rows }, (_, i) => {
      const p = benchPod(i);
      p.metadata = { ...p.metadata, uid: `uid-${i}`, resourceVersion: String(i + 1), creationTimestamp: "2025-01-01T00:00:00Z" };
      return JSON.stringify(p);
    });
    const insert = db.prepare(`INSERT INTO "StoredObject" ("resource", "namespace", "name", "uid", "resourceVersion", "data") VALUES (?, ?, ?, ?, ?, ?)`);
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run("/pods", "bench", `bench-${i}`, `uid-${i}`, i + 1, data[i]);
    });
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < rows; i += 100) batch(i, Math.min(rows, i + 100));
    return { rowsPerSec: rows / ((performance.now() - start) / 1000), cpuMicros: cpuMicros(cpu) };
  } finally {
    db.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function benchStore(dir: string, rows: number, concurrency: number, commitThread: "worker" | "main"): Promise<{ writesPerSec: number; averageGroupSize: number; cpuMicros: number }> {
  const db = await openDatabase({ dataDir: dir, commitThread });
  const store = new MemoryStore({ clock: new RealClock(), commitLog: db.commitLog });
  try {
    const pods = Array.from({ length: rows }, (_, i) => benchPod(i));
    await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench" } });
    let next = 0;
    const worker = async () => {
      while (next < rows) await store.create(pods[next++]);
    };
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    const cpuUsed = cpuMicros(cpu);
    const stats = db.commitLog.stats();
    return { writesPerSec: rows / seconds, averageGroupSize: stats.changes / stats.transactions, cpuMicros: cpuUsed };
  } finally {
    store.stop();
    await db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = Number(process.env.ROWS ?? 20_000);
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  for (const commitThread of ["worker", "main"] as const) {
    const r = await benchStoreWrites({ rows, commitThread });
    console.log(`store writes, ${fmt(rows)} objects of ${r.rowBytes} bytes (WAL, synchronous=FULL), commit log on the ${commitThread} thread, medians of 3, load average ${r.loadAverage.toFixed(1)} on ${os.cpus().length} cores`);
    console.log(`  raw better-sqlite3, 100-row transactions: ${fmt(r.rawRowsPerSec)} rows/s (${r.rawCpuMicrosPerRow.toFixed(1)} µs CPU per row)`);
    console.log(`  MemoryStore + SqliteCommitLog creates:    ${fmt(r.storeWritesPerSec)} writes/s (${r.storeCpuMicrosPerWrite.toFixed(1)} µs CPU per write, avg ${r.averageGroupSize.toFixed(0)} per transaction)`);
    console.log(`  ratio: ${r.ratio.toFixed(2)} (target >= 0.33)`);
  }
}
