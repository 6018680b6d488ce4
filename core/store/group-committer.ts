// Why: writes become durable in groups (one commit per batch while the previous one is in flight), and are acknowledged only after.

import type { CommitLog, StoredChange } from "./types";
import { internalError } from "../api/errors";

/** The writes of one commit: their changes, what to do once durable, and the one promise they all wait on. */
interface Group<E> {
  changes: StoredChange[];
  events: E[];
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitterConfig<E> {
  /** Without one, every group commits at once (still asynchronously). */
  commitLog?: CommitLog;
  /** Runs for each write after its group committed, in submission order, before the writes' promises resolve (dispatches the watch event). */
  onCommitted: (event: E) => void;
  /** Called once when a commit fails: the store is unusable from then on. */
  onFatal?: (err: unknown) => void;
}

/**
 * Batches writes for the commit log. Writes submitted while a commit is in flight wait and
 * go together in the next `commit` call; the first write after a quiet period starts a group
 * that takes every write of the same turn (a microtask later). All writes of a group share
 * one promise: once the commit resolves, `onCommitted` runs for every write in submission
 * (resourceVersion) order and then the promise resolves, so every acknowledgement of the
 * group runs after all of its events, in submission order (as the awaiting callers attached
 * to it). No closure or promise per write.
 */
export class GroupCommitter<E> {
  private pending: Group<E> | undefined;
  private inFlight = false;
  private scheduled = false;
  private failure: unknown;
  /** Sizes of the most recent commit groups (the last 1,000: a long-running server must not grow this). */
  readonly groupSizes: number[] = [];

  constructor(private readonly cfg: GroupCommitterConfig<E>) {}

  /** True while writes wait for, or are in, a commit. */
  get busy(): boolean {
    return this.inFlight || this.pending !== undefined;
  }

  /** True once a commit has failed. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The error to throw for writes after a failure. */
  failedError() {
    return internalError(`the store is unavailable after a failed commit: ${String((this.failure as Error)?.message ?? this.failure)}`);
  }

  /** Queues `change`; the promise resolves after its group is durable and `onCommitted(event)` ran. */
  submit(change: StoredChange, event: E): Promise<void> {
    if (this.failed) return Promise.reject(this.failedError());
    let g = this.pending;
    if (!g) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      g = this.pending = { changes: [], events: [], promise, resolve, reject };
      this.schedule();
    }
    g.changes.push(change);
    g.events.push(event);
    return g.promise;
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
    const group = this.pending;
    if (this.inFlight || !group || this.failed) return;
    this.pending = undefined;
    this.inFlight = true;
    this.groupSizes.push(group.changes.length);
    if (this.groupSizes.length > 1000) this.groupSizes.splice(0, this.groupSizes.length - 1000);
    try {
      if (this.cfg.commitLog) await this.cfg.commitLog.commit(group.changes);
    } catch (err) {
      this.fail(err, group);
      return;
    }
    for (const ev of group.events) {
      try {
        this.cfg.onCommitted(ev);
      } catch {
        // dispatch isolates watchers already; never leave a write unacknowledged
      }
    }
    group.resolve();
    this.inFlight = false;
    if (this.pending) this.schedule();
  }

  private fail(err: unknown, group: Group<E>): void {
    this.failure = err ?? new Error("commit failed");
    const e = this.failedError();
    group.reject(e);
    this.pending?.reject(e);
    this.pending = undefined;
    try {
      this.cfg.onFatal?.(err);
    } catch {
      // onFatal must not break the rejection path
    }
  }
}
