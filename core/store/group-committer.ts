// Why: writes become durable in groups (one commit per batch while the previous one is in flight), and are acknowledged only after.

import type { CommitLog, StoredChange } from "./types";
import { internalError } from "../api/errors";

interface Entry {
  change: StoredChange;
  /** Runs after the group committed, before the write's promise resolves (dispatches the watch event). */
  onCommitted: () => void;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitterConfig {
  /** Without one, every group commits at once (still asynchronously). */
  commitLog?: CommitLog;
  /** Called once when a commit fails: the store is unusable from then on. */
  onFatal?: (err: unknown) => void;
}

/**
 * Batches writes for the commit log. Writes submitted while a commit is in flight wait and
 * go together in the next `commit` call; the first write after a quiet period starts a group
 * that takes every write of the same turn (a microtask later). Acknowledgements run in
 * submission (resourceVersion) order.
 */
export class GroupCommitter {
  private pending: Entry[] = [];
  private inFlight = false;
  private scheduled = false;
  private failure: unknown;
  /** Size of every group committed so far (for tests and figures). */
  /** Sizes of the most recent commit groups (the last 1,000: a long-running server must not grow this). */
  readonly groupSizes: number[] = [];

  constructor(private readonly cfg: GroupCommitterConfig) {}

  /** True once a commit has failed. */
  /** True while writes wait for, or are in, a commit. */
  get busy(): boolean {
    return this.inFlight || this.pending.length > 0;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The error to throw for writes after a failure. */
  failedError() {
    return internalError(`the store is unavailable after a failed commit: ${String((this.failure as Error)?.message ?? this.failure)}`);
  }

  submit(change: StoredChange, onCommitted: () => void): Promise<void> {
    if (this.failed) return Promise.reject(this.failedError());
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ change, onCommitted, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.inFlight || this.pending.length === 0 || this.failed) return;
    const group = this.pending;
    this.pending = [];
    this.inFlight = true;
    this.groupSizes.push(group.length);
    if (this.groupSizes.length > 1000) this.groupSizes.splice(0, this.groupSizes.length - 1000);
    try {
      if (this.cfg.commitLog) await this.cfg.commitLog.commit(group.map((e) => e.change));
    } catch (err) {
      this.fail(err, group);
      return;
    }
    for (const e of group) {
      try {
        e.onCommitted();
      } catch {
        // dispatch isolates watchers already; never leave a write unacknowledged
      }
      e.resolve();
    }
    this.inFlight = false;
    if (this.pending.length) this.schedule();
  }

  private fail(err: unknown, group: Entry[]): void {
    this.failure = err ?? new Error("commit failed");
    const e = this.failedError();
    for (const entry of [...group, ...this.pending]) entry.reject(e);
    this.pending = [];
    try {
      this.cfg.onFatal?.(err);
    } catch {
      // onFatal must not break the rejection path
    }
  }
}
