// Why: watchers per resource type, the retained event history for resuming watches (410 Gone past it), selector transitions and bookmarks.

import type { KubeObject } from "../api/types";
import type { Clock, TimerHandle } from "../clock/clock";
import { gone } from "../api/errors";
import { matches, type LabelRequirement } from "../api/selectors";
import { fieldValue, objectFieldsMatch, type FieldRequirement } from "../api/fields";
import type { Watch, WatchEvent } from "./types";
import { cloneValue, deepFreeze } from "./strategy";

/** A committed change as the hub keeps it: the new object, and the previous one for MODIFIED. */
export interface StoreEvent {
  rv: number;
  typeKey: string;
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: KubeObject;
  prev?: KubeObject;
}

/** What a watcher selects. */
export interface WatchFilter {
  typeKey: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  labels: readonly LabelRequirement[];
  fields: readonly FieldRequirement[];
}

interface Watcher {
  filter: WatchFilter;
  /** Events at or below this resourceVersion were seen (or are part of the initial list). */
  seen: number;
  cb: (e: WatchEvent) => void;
  stopped: boolean;
  bookmarkTimer?: TimerHandle;
}

export interface WatchHubConfig {
  clock: Clock;
  historySize: number;
  bookmarkIntervalMs: number;
  /** History starts after this resourceVersion (a restored snapshot's). */
  startRV: number;
  /**
   * Field-selector fields indexed per resource (`group/plural`): watchers selecting `field=value`
   * on one of them are only visited for events whose object has that value (1,000 kubelets
   * watching `spec.nodeName=<their node>` do not each look at every pod event).
   */
  indexedFields?: (typeKey: string) => readonly string[];
}

interface TypeWatchers {
  general: Set<Watcher>;
  byField: Map<string, Map<string, Set<Watcher>>>;
}

/** Fans committed events out to watchers and keeps the last `historySize` for replay. */
export class WatchHub {
  private history: StoreEvent[] = [];
  private head = 0;
  private compacted: number;
  private dispatched: number;
  private watchers = new Map<string, TypeWatchers>();

  constructor(private readonly cfg: WatchHubConfig) {
    this.compacted = cfg.startRV;
    this.dispatched = cfg.startRV;
  }

  /** The resourceVersion of the last event dispatched. */
  get lastDispatched(): number {
    return this.dispatched;
  }

  /** Records a committed event and delivers it to every matching watcher. */
  dispatch(ev: StoreEvent): void {
    deepFreeze(ev);
    this.history.push(ev);
    this.dispatched = ev.rv;
    if (this.history.length - this.head > this.cfg.historySize) {
      this.compacted = this.history[this.head].rv;
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.history.length) {
        this.history = this.history.slice(this.head);
        this.head = 0;
      }
    }
    const tw = this.watchers.get(ev.typeKey);
    if (!tw) return;
    for (const w of tw.general) this.deliver(w, ev);
    if (tw.byField.size === 0) return;
    for (const [field, byValue] of tw.byField) {
      const targets = new Set(byValue.get(fieldValue(ev.object.kind, ev.object, field)));
      if (ev.prev) for (const w of byValue.get(fieldValue(ev.prev.kind, ev.prev, field)) ?? []) targets.add(w);
      for (const w of targets) this.deliver(w, ev);
    }
  }

  /**
   * Starts a watcher. `initial` (the current matches, for a watch from "now") are sent as
   * ADDED before this returns; otherwise history after `fromRV` is replayed. 410 Gone when
   * `fromRV` predates the retained history.
   */
  add(filter: WatchFilter, opts: { fromRV: number; initial?: KubeObject[]; allowBookmarks?: boolean }, cb: (e: WatchEvent) => void): Watch {
    const w: Watcher = { filter, seen: opts.fromRV, cb, stopped: false };
    if (opts.initial) {
      for (const o of opts.initial) this.safeCall(w, { type: "ADDED", object: o });
    } else {
      if (opts.fromRV < this.compacted) throw gone(`too old resource version: ${opts.fromRV} (${this.compacted})`);
      for (let i = this.head; i < this.history.length; i++) {
        const ev = this.history[i];
        if (ev.typeKey === filter.typeKey && ev.rv > w.seen) this.deliver(w, ev);
      }
    }
    const unregister = this.register(w);
    if (opts.allowBookmarks) this.scheduleBookmark(w);
    return {
      stop: () => {
        w.stopped = true;
        if (w.bookmarkTimer) this.cfg.clock.clearTimer(w.bookmarkTimer);
        unregister();
      },
    };
  }

  private register(w: Watcher): () => void {
    const typeKey = w.filter.typeKey;
    let tw = this.watchers.get(typeKey);
    if (!tw) this.watchers.set(typeKey, (tw = { general: new Set(), byField: new Map() }));
    const indexed = this.cfg.indexedFields?.(typeKey) ?? [];
    const req = w.filter.fields.find((r) => r.operator === "=" && indexed.includes(r.field));
    if (!req) {
      tw.general.add(w);
      return () => tw.general.delete(w);
    }
    let byValue = tw.byField.get(req.field);
    if (!byValue) tw.byField.set(req.field, (byValue = new Map()));
    let set = byValue.get(req.value);
    if (!set) byValue.set(req.value, (set = new Set()));
    set.add(w);
    return () => {
      set.delete(w);
      if (set.size === 0) byValue.delete(req.value);
      if (byValue.size === 0) tw.byField.delete(req.field);
    };
  }

  /** Stops every watcher and timer. */
  close(): void {
    for (const w of this.all()) {
      w.stopped = true;
      if (w.bookmarkTimer) this.cfg.clock.clearTimer(w.bookmarkTimer);
    }
    this.watchers.clear();
  }

  private *all(): Iterable<Watcher> {
    for (const tw of this.watchers.values()) {
      yield* tw.general;
      for (const byValue of tw.byField.values()) for (const set of byValue.values()) yield* set;
    }
  }

  /** Number of active watchers (all types). */
  get watcherCount(): number {
    let n = 0;
    for (const _w of this.all()) n++;
    return n;
  }

  private scheduleBookmark(w: Watcher): void {
    w.bookmarkTimer = this.cfg.clock.setTimer(() => {
      if (w.stopped) return;
      const rv = String(Math.max(w.seen, this.dispatched));
      const object = deepFreeze({ apiVersion: w.filter.apiVersion, kind: w.filter.kind, metadata: { resourceVersion: rv } });
      this.safeCall(w, { type: "BOOKMARK", object });
      if (!w.stopped) this.scheduleBookmark(w);
    }, this.cfg.bookmarkIntervalMs);
  }

  private selects(f: WatchFilter, o: KubeObject): boolean {
    if (f.namespace !== undefined && (o.metadata.namespace ?? "") !== f.namespace) return false;
    if (f.labels.length && !matches(f.labels, o.metadata.labels)) return false;
    if (f.fields.length && !objectFieldsMatch(f.kind, f.fields, o)) return false;
    return true;
  }

  /** Converts a store event to what this watcher sees (cacheWatcher.convertToWatchEvent), and sends it. */
  private deliver(w: Watcher, ev: StoreEvent): void {
    if (w.stopped || ev.rv <= w.seen) return;
    w.seen = ev.rv;
    const f = w.filter;
    const cur = this.selects(f, ev.object);
    if (ev.type === "ADDED") {
      if (cur) this.safeCall(w, { type: "ADDED", object: ev.object });
    } else if (ev.type === "DELETED") {
      if (cur) this.safeCall(w, { type: "DELETED", object: ev.object });
    } else {
      const old = ev.prev ? this.selects(f, ev.prev) : false;
      if (cur && old) this.safeCall(w, { type: "MODIFIED", object: ev.object });
      else if (cur) this.safeCall(w, { type: "ADDED", object: ev.object });
      else if (old) {
        // The previous content, with the event's resourceVersion, as Kubernetes sends it.
        const prev = cloneValue(ev.prev!);
        prev.metadata.resourceVersion = String(ev.rv);
        this.safeCall(w, { type: "DELETED", object: deepFreeze(prev) });
      }
    }
  }

  private safeCall(w: Watcher, e: WatchEvent): void {
    if (w.stopped) return;
    try {
      w.cb(e);
    } catch {
      // A failing watcher must not break the store or other watchers.
    }
  }
}
