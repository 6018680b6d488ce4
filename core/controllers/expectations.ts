// Why: a controller's cache lags its own writes; expectations (Kubernetes' UIDTrackingControllerExpectations) stop it from creating or deleting twice while its last writes are in flight.

import type { Clock } from "../clock/clock";

interface Expectation {
  adds: number;
  deletes: Set<string>;
  setAt: number;
}

export interface ExpectationsConfig {
  clock: Clock;
  /** Expectations older than this are considered satisfied (a lost watch event must not block forever). Default 5 minutes, as Kubernetes. */
  ttlMs?: number;
}

/**
 * Per controller key: how many creations and which deletions (by pod uid) the controller
 * still expects to observe through its informer. `satisfied` is true when none remain.
 */
export class ControllerExpectations {
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private items = new Map<string, Expectation>();

  constructor(config: ExpectationsConfig) {
    this.clock = config.clock;
    this.ttlMs = config.ttlMs ?? 5 * 60 * 1000;
  }

  /** Record that `adds` creations and the deletion of `deleteUids` are about to be issued (replaces earlier ones). */
  expect(key: string, adds: number, deleteUids: string[] = []): void {
    this.items.set(key, { adds, deletes: new Set(deleteUids), setAt: this.clock.now() });
  }

  /** An object of `key` was seen created (or a create failed and will not be seen). */
  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e) e.adds--;
  }

  /** The object with `uid` was seen deleted (or its delete failed). */
  deletionObserved(key: string, uid: string): void {
    this.items.get(key)?.deletes.delete(uid);
  }

  /** True when nothing is expected for `key`, or the expectations expired. */
  satisfied(key: string): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.clock.now() - e.setAt > this.ttlMs;
  }

  /** Forget `key` (its owner was deleted). */
  delete(key: string): void {
    this.items.delete(key);
  }

  /** Pending adds and deletes, for tests and debugging. */
  pending(key: string): { adds: number; deletes: string[] } | undefined {
    const e = this.items.get(key);
    return e ? { adds: e.adds, deletes: [...e.deletes] } : undefined;
  }
}
