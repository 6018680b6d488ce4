// Why: controllers read from a watch-fed cache (client-go's SharedIndexInformer) instead of the store, and are told what changed.

import type { Clock, TimerHandle } from "../clock/clock";
import { isReason } from "../api/errors";
import type { ResourceType } from "../api/resources";
import { objectKey, type KubeObject } from "../api/types";
import type { ObjectClient, Watch, WatchEvent } from "../store/types";

/** Callbacks for cache changes. They run after the cache is updated and should only enqueue keys. */
export interface EventHandler<T extends KubeObject> {
  onAdd?(obj: T): void;
  onUpdate?(oldObj: T, newObj: T): void;
  /** `obj` is the last state seen (the final state from the watch, or the cached one after a re-list). */
  onDelete?(obj: T): void;
}

/** Maps an object to the index values it is filed under (e.g. its controller owner's uid). */
export type IndexFunc<T extends KubeObject> = (obj: T) => string[];

export interface InformerConfig {
  client: ObjectClient;
  type: ResourceType;
  /** Retries of a failed watch/list wait on this clock. */
  clock: Clock;
  /** Watch one namespace only; omitted: all namespaces. */
  namespace?: string;
  /** Delay before retrying a failed list or watch. Default 1000 ms. */
  retryMs?: number;
  /** A handler threw (handlers should only enqueue). Default: ignore, so one bad handler cannot stop the others or the watch. */
  onHandlerError?: (err: unknown) => void;
}

/** The built-in index of every informer: objects by namespace. */
export const NAMESPACE_INDEX = "namespace";

/**
 * Lists then watches one resource type, keeps a cache keyed by `namespace/name`, keeps
 * custom indexes, and notifies handlers. On 410 Gone it lists again and reports the
 * differences (adds, updates, deletes) so handlers stay level-correct.
 */
export class Informer<T extends KubeObject = KubeObject> {
  readonly type: ResourceType;
  private readonly client: ObjectClient;
  private readonly clock: Clock;
  private readonly namespace?: string;
  private readonly retryMs: number;
  private readonly onHandlerError: (err: unknown) => void;
  private cache = new Map<string, T>();
  private handlers: EventHandler<T>[] = [];
  private indexers = new Map<string, IndexFunc<T>>();
  private indexes = new Map<string, Map<string, Set<string>>>();
  private watch?: Watch;
  private retryTimer?: TimerHandle;
  private synced = false;
  private running = false;
  private lastResourceVersion = "";
  /** Changes applied since start (tests and idle detection use it). */
  private generation = 0;

  constructor(config: InformerConfig) {
    this.client = config.client;
    this.type = config.type;
    this.clock = config.clock;
    this.namespace = config.namespace;
    this.retryMs = config.retryMs ?? 1000;
    this.onHandlerError = config.onHandlerError ?? (() => {});
    this.addIndexer(NAMESPACE_INDEX, (o) => [o.metadata.namespace ?? ""]);
  }

  /** Register handlers. When already synced, the current objects are replayed as adds (as client-go does). */
  addEventHandler(handler: EventHandler<T>): void {
    this.handlers.push(handler);
    if (this.synced) for (const obj of this.cache.values()) this.notify(() => handler.onAdd?.(obj));
  }

  /** Add an index; objects already cached are indexed at once. */
  addIndexer(name: string, fn: IndexFunc<T>): void {
    if (this.indexers.has(name)) throw new Error(`informer ${this.type.plural}: indexer ${name} already exists`);
    this.indexers.set(name, fn);
    this.indexes.set(name, new Map());
    for (const [key, obj] of this.cache) this.indexObject(name, fn, key, obj);
  }

  /** True when an indexer named `name` exists (shared informers: the first controller adds it). */
  hasIndexer(name: string): boolean {
    return this.indexers.has(name);
  }

  /** Objects filed under `value` in index `name`. */
  byIndex(name: string, value: string): T[] {
    const idx = this.indexes.get(name);
    if (!idx) throw new Error(`informer ${this.type.plural}: no indexer ${name}`);
    const keys = idx.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const o = this.cache.get(k);
      if (o) out.push(o);
    }
    return out;
  }

  /** The cached object for `namespace/name` (or `name` for cluster-scoped types). */
  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  /** Cached objects, of one namespace when given. */
  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.cache.values()];
    return this.byIndex(NAMESPACE_INDEX, namespace);
  }

  /** True once the first list has been loaded into the cache. */
  hasSynced(): boolean {
    return this.synced;
  }

  /** How many changes the cache has applied; changes when anything happens. */
  changeCount(): number {
    return this.generation;
  }

  /** List and start watching. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.relist();
  }

  stop(): void {
    this.running = false;
    this.watch?.stop();
    this.watch = undefined;
    if (this.retryTimer) this.clock.clearTimer(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** List again, emit the differences from the cache, and watch from the new resourceVersion. */
  relist(): void {
    if (!this.running) return;
    this.watch?.stop();
    this.watch = undefined;
    let items: T[];
    let rv: string;
    try {
      const res = this.client.list<T>(this.type, this.namespace ? { namespace: this.namespace } : {});
      items = res.items;
      rv = res.resourceVersion;
    } catch {
      this.scheduleRetry(() => this.relist());
      return;
    }
    const seen = new Set<string>();
    for (const obj of items) {
      const key = objectKey(obj);
      seen.add(key);
      const old = this.cache.get(key);
      if (!old) this.apply("ADDED", obj);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.apply("MODIFIED", obj);
    }
    for (const [key, obj] of [...this.cache]) if (!seen.has(key)) this.apply("DELETED", obj);
    this.lastResourceVersion = rv;
    this.synced = true;
    this.startWatch();
  }

  private startWatch(): void {
    if (!this.running) return;
    try {
      this.watch = this.client.watch<T>(
        this.type,
        { ...(this.namespace ? { namespace: this.namespace } : {}), resourceVersion: this.lastResourceVersion, allowBookmarks: true },
        (e) => this.onWatchEvent(e),
      );
    } catch (e) {
      if (isReason(e, "Expired") || isReason(e, "Gone")) this.relist();
      else this.scheduleRetry(() => this.startWatch());
    }
  }

  private onWatchEvent(e: WatchEvent<T>): void {
    if (!this.running) return;
    const rv = e.object.metadata?.resourceVersion;
    if (rv) this.lastResourceVersion = rv;
    if (e.type === "BOOKMARK") return;
    this.apply(e.type, e.object);
  }

  private scheduleRetry(fn: () => void): void {
    if (!this.running || this.retryTimer) return;
    this.retryTimer = this.clock.setTimer(() => {
      this.retryTimer = undefined;
      fn();
    }, this.retryMs);
  }

  private apply(type: "ADDED" | "MODIFIED" | "DELETED", obj: T): void {
    const key = objectKey(obj);
    const old = this.cache.get(key);
    this.generation++;
    if (type === "DELETED") {
      if (old) this.unindex(key, old);
      this.cache.delete(key);
      for (const h of this.handlers) this.notify(() => h.onDelete?.(obj));
      return;
    }
    if (old) this.unindex(key, old);
    this.cache.set(key, obj);
    for (const [name, fn] of this.indexers) this.indexObject(name, fn, key, obj);
    for (const h of this.handlers) this.notify(() => (old ? h.onUpdate?.(old, obj) : h.onAdd?.(obj)));
  }

  private notify(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.onHandlerError(e);
    }
  }

  private indexObject(name: string, fn: IndexFunc<T>, key: string, obj: T): void {
    const idx = this.indexes.get(name)!;
    for (const v of fn(obj)) {
      let set = idx.get(v);
      if (!set) idx.set(v, (set = new Set()));
      set.add(key);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name)!;
      for (const v of fn(obj)) {
        const set = idx.get(v);
        if (!set) continue;
        set.delete(key);
        if (set.size === 0) idx.delete(v);
      }
    }
  }
}
