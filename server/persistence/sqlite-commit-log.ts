// Why: the store's write hot path; raw better-sqlite3 prepared statements, one fsync'd transaction per group of commits, because Prisma's query layer is ~12x slower row by row.
import type { CommitLog, StoredChange } from "../../core/store/types";
import { InlineBatchWriter, WorkerBatchWriter, type BatchWriter, type Row } from "./sqlite-batch-writer";

export { RESOURCE_VERSION_KEY } from "./sqlite-batch-writer";

export interface SqliteCommitLogOptions {
  /** The database file; it must already be migrated (see `migrate`). */
  file: string;
  /** Milliseconds to wait for another connection's write lock before failing. Default 10 000. */
  busyTimeoutMs?: number;
  /**
   * Where the SQL runs. "worker" (default): on a worker thread, so the event loop keeps
   * serving while a batch is written and fsync'd. "main": on the calling thread.
   */
  thread?: "worker" | "main";
}

interface Pending {
  changes: StoredChange[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Figures for benchmarks and diagnostics. */
export interface CommitLogStats {
  /** Transactions written. */
  transactions: number;
  /** Changes (rows upserted or deleted) written. */
  changes: number;
  /** `commit` calls acknowledged. */
  commits: number;
}

/**
 * A CommitLog on a dedicated better-sqlite3 connection to the store's SQLite file.
 *
 * Durability: WAL with `synchronous=FULL`, so the WAL is fsync'd at every commit and a
 * resolved `commit()` survives kill -9 and power loss. Each transaction upserts the objects,
 * deletes the removed ones and raises the `resourceVersion` counter (never lowers it), all or
 * nothing. Group commit: one transaction is in flight at a time; calls made meanwhile, and
 * calls made in the same event-loop turn, go together into the next one. A failed
 * transaction rejects every call in it and writes none of it. Calls are written in call order.
 */
export class SqliteCommitLog implements CommitLog {
  private readonly writer: BatchWriter;
  private pending: Pending[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  private lastCommitted = 0;
  private readonly counters: CommitLogStats = { transactions: 0, changes: 0, commits: 0 };

  constructor(opts: SqliteCommitLogOptions) {
    const writerOpts = { file: opts.file, busyTimeoutMs: opts.busyTimeoutMs ?? 10_000 };
    this.writer = (opts.thread ?? "worker") === "worker" ? new WorkerBatchWriter(writerOpts) : new InlineBatchWriter(writerOpts);
  }

  /** Makes `changes` durable, in call order; resolves once they are fsync'd. */
  commit(changes: StoredChange[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error("commit log is closed"));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ changes, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once the writer's connection is open (the worker thread started); rejects with the reason it could not open. */
  ready(): Promise<void> {
    return this.writer.ready();
  }

  /** The highest resourceVersion this commit log has made durable (0 before the first commit). */
  lastCommittedResourceVersion(): number {
    return this.lastCommitted;
  }

  stats(): CommitLogStats {
    return { ...this.counters };
  }

  /** Writes everything queued, then closes the connection. Later commits are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.inFlight || this.pending.length) {
      if (this.inFlight) await this.inFlight;
      else await this.flush();
    }
    await this.writer.close();
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    // A macrotask later, so every commit of this turn (and the I/O callbacks already due) joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private flush(): Promise<void> {
    if (this.inFlight || this.pending.length === 0) return this.inFlight ?? Promise.resolve();
    const batch = this.pending;
    this.pending = [];
    const run = async () => {
      let rows: Row[];
      let maxRv = 0;
      try {
        rows = [];
        for (const p of batch) {
          for (const c of p.changes) {
            rows.push([c.resource, c.namespace, c.name, c.object?.metadata?.uid ?? "", c.resourceVersion, c.object === null ? null : JSON.stringify(c.object)]);
            if (c.resourceVersion > maxRv) maxRv = c.resourceVersion;
          }
        }
        await this.writer.write(rows, maxRv);
      } catch (err) {
        for (const p of batch) p.reject(err);
        return;
      }
      this.counters.transactions++;
      this.counters.changes += rows.length;
      this.counters.commits += batch.length;
      if (maxRv > this.lastCommitted) this.lastCommitted = maxRv;
      for (const p of batch) p.resolve();
    };
    this.inFlight = run().finally(() => {
      this.inFlight = undefined;
      // Whatever arrived while this batch was written goes next, without waiting another turn.
      if (this.pending.length && !this.closed) void this.flush();
    });
    return this.inFlight;
  }
}
