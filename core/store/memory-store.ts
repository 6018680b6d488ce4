// Why: the cluster's versioned object store: memory-first reads and conflict checks, group-committed durability, watches with history.

import type { KubeObject } from "../api/types";
import { objectKey } from "../api/types";
import type { Clock } from "../clock/clock";
import { rfc3339 } from "../clock/clock";
import type { ResourceType } from "../api/resources";
import { resourceTypeFor } from "../api/resources";
import { ApiError, alreadyExists, badRequest, CauseType, conflict, invalid, notFound, type ErrorTarget } from "../api/errors";
import { matches, parseLabelSelector, type LabelRequirement } from "../api/selectors";
import { compileFieldSelector, objectFieldsMatch, type FieldRequirement } from "../api/fields";
import type { CommitLog, CreateOptions, DeleteOptions, ListOptions, ListResult, ObjectStore, StoreSnapshot, StoredChange, UpdateOptions, Watch, WatchEvent, WatchOptions } from "./types";
import { TypeTable } from "./type-table";
import { GroupCommitter } from "./group-committer";
import { WatchHub, type StoreEvent } from "./watch-hub";
import { decodeContinue, encodeContinue } from "./continue-token";
import { cloneValue, deepEqual, deepFreeze, frozenFields, deletionGracePeriod, isNamespace, isPod, prepareForCreate, shouldDeleteDuringUpdate, specChanged } from "./strategy";

export interface MemoryStoreConfig {
  clock: Clock;
  /** Where writes become durable; without one they are acknowledged on the next microtask. */
  commitLog?: CommitLog;
  /** State to start from (objects and the resourceVersion counter); no events are emitted for it. */
  snapshot?: StoreSnapshot;
  /** Watch events retained for resuming watches (default 10000); older resourceVersions get 410 Gone. */
  historySize?: number;
  /** BOOKMARK period for watches that allow bookmarks (default 60000 ms). */
  bookmarkIntervalMs?: number;
  /** Source of randomness for generateName (default Math.random). */
  random?: () => number;
  /** Called once when a commit fails; the store then rejects every write. */
  onFatal?: (err: unknown) => void;
  /** Field-selector fields indexed for equality, per resource (`group/plural`). Default `{ "/pods": ["spec.nodeName"] }`. */
  fieldIndexes?: Record<string, string[]>;
}

/** Counters for tests and figures. */
export interface MemoryStoreStats {
  objects: number;
  /** Objects the last list (or initial watch list) looked at: proves index use. */
  lastListScanned: number;
  /** Sizes of the most recent commit groups (at most 1,000). */
  commitGroups: readonly number[];
  /** Writes are waiting for, or in, a commit (not yet acknowledged). */
  commitBusy: boolean;
  watchers: number;
}

const NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
const MODIFIED_MSG = "the object has been modified; please apply your changes to the latest version and try again";

/** `group/plural` as StoredChange.resource says it (`/pods`, `apps/deployments`). */
export function resourceKey(t: ResourceType): string {
  return `${t.group}/${t.plural}`;
}

function target(t: ResourceType, name?: string): ErrorTarget {
  return { ...(t.group ? { group: t.group } : {}), kind: t.plural, name };
}

function notServed(apiVersion: string, kind: string): ApiError {
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "the server could not find the requested resource",
    reason: "NotFound",
    code: 404,
    details: { kind, ...(apiVersion.includes("/") ? { group: apiVersion.split("/")[0] } : {}) },
  });
}

/**
 * A stored (frozen) object opened for the next version: a new top level and metadata, every
 * deeper part shared. The store only assigns top-level and metadata fields of such a copy
 * (a new status, new finalizer lists...), so sharing the frozen rest is safe and saves
 * copying and re-freezing the whole object on every update and delete.
 */
function openCopy(cur: KubeObject): KubeObject {
  return { ...cur, metadata: { ...cur.metadata } };
}

/**
 * The in-memory ObjectStore, behaving like the Kubernetes apiserver's generic registry on
 * etcd: one global resourceVersion, optimistic concurrency, graceful deletion and finalizers,
 * indexed lists with paging, and watches resumable from a resourceVersion. Writes apply to
 * memory at once and are acknowledged (and their watch events sent) once their commit group
 * is durable in `commitLog`.
 */
export class MemoryStore implements ObjectStore {
  private rv: number;
  private readonly tables = new Map<string, TypeTable>();
  private readonly hub: WatchHub;
  private readonly committer: GroupCommitter<StoreEvent>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly fieldIndexes: Record<string, string[]>;
  private scanned = 0;
  private lastStampSec = NaN;
  private lastStamp = "";

  constructor(cfg: MemoryStoreConfig) {
    this.clock = cfg.clock;
    this.random = cfg.random ?? Math.random;
    this.fieldIndexes = cfg.fieldIndexes ?? { "/pods": ["spec.nodeName"] };
    this.rv = cfg.snapshot?.resourceVersion ?? 0;
    this.hub = new WatchHub({ clock: cfg.clock, historySize: cfg.historySize ?? 10000, bookmarkIntervalMs: cfg.bookmarkIntervalMs ?? 60000, startRV: this.rv, indexedFields: (k) => this.fieldIndexes[k] ?? [] });
    this.committer = new GroupCommitter<StoreEvent>({ commitLog: cfg.commitLog, onCommitted: (ev) => this.hub.dispatch(ev), onFatal: cfg.onFatal });
    for (const o of cfg.snapshot?.objects ?? []) {
      const type = this.typeOf(o);
      this.table(type).put(objectKey(o), deepFreeze(cloneValue(o)));
    }
  }

  resourceVersion(): string {
    return String(this.rv);
  }

  /** Stops watchers and bookmark timers. Writes still work. */
  stop(): void {
    this.hub.close();
  }

  stats(): MemoryStoreStats {
    let objects = 0;
    for (const t of this.tables.values()) objects += t.size;
    return { objects, lastListScanned: this.scanned, commitGroups: this.committer.groupSizes, commitBusy: this.committer.busy, watchers: this.hub.watcherCount };
  }

  get<T extends KubeObject = KubeObject>(type: ResourceType, namespace: string | undefined, name: string): T | undefined {
    return this.tables.get(resourceKey(type))?.objects.get(this.keyFor(type, namespace, name)) as T | undefined;
  }

  async create<T extends KubeObject>(obj: T, opts: CreateOptions = {}): Promise<T> {
    this.assertWritable();
    const type = this.typeOf(obj);
    // Everything but metadata (and, below, the status or spec prepareForCreate replaces) is
    // copied and frozen in one walk; metadata's own fields are set below, then it is frozen.
    const o = frozenFields(obj, "metadata") as KubeObject;
    o.metadata = frozenFields(obj.metadata);
    this.normalizeNamespace(type, o);
    const table = this.table(type);
    if (!o.metadata.name) {
      if (!o.metadata.generateName) {
        throw invalid({ ...target(type), kind: type.kind, name: "" }, [
          { reason: CauseType.Required, message: "Required value: name or generateName is required", field: "metadata.name" },
        ]);
      }
      o.metadata.name = this.generateName(table, o);
    }
    const key = objectKey(o);
    if (table.objects.has(key)) throw alreadyExists(target(type, o.metadata.name));
    if (o.metadata.resourceVersion) throw badRequest("resourceVersion should not be set on objects to be created");
    prepareForCreate(type, o);
    o.metadata.uid = globalThis.crypto.randomUUID();
    o.metadata.creationTimestamp = this.timestamp(this.clock.now());
    if (type.tracksGeneration) o.metadata.generation = 1;
    else delete o.metadata.generation;
    delete o.metadata.deletionTimestamp;
    delete o.metadata.deletionGracePeriodSeconds;
    if (opts.dryRun) return deepFreeze(o) as T;
    o.metadata.resourceVersion = String(++this.rv);
    deepFreeze(o);
    table.put(key, o);
    await this.commit(type, o, { rv: this.rv, typeKey: resourceKey(type), type: "ADDED", object: o });
    return o as T;
  }

  async update<T extends KubeObject>(obj: T, opts: UpdateOptions = {}): Promise<T> {
    this.assertWritable();
    const type = this.typeOf(obj);
    const input = cloneValue(obj) as KubeObject;
    input.metadata = { ...(input.metadata ?? {}) };
    this.normalizeNamespace(type, input);
    const name = input.metadata.name ?? "";
    const cur = this.get(type, input.metadata.namespace, name);
    if (!cur) throw notFound(target(type, name));
    const given = input.metadata.resourceVersion;
    if (given && given !== cur.metadata.resourceVersion) throw conflict(target(type, name), MODIFIED_MSG);
    if (input.metadata.uid && input.metadata.uid !== cur.metadata.uid) {
      throw conflict(target(type, name), `Precondition failed: UID in precondition: ${input.metadata.uid}, UID in object meta: ${cur.metadata.uid}`);
    }
    let next: KubeObject;
    if (opts.subresource === "status") {
      next = openCopy(cur);
      if (input.status === undefined) delete next.status;
      else next.status = input.status;
      // Pod QoS is decided at creation and immutable; keep it when a status writer leaves it out.
      if (isPod(type) && next.status && next.status.qosClass === undefined && cur.status?.qosClass !== undefined) next.status.qosClass = cur.status.qosClass;
    } else if (opts.subresource === "finalize") {
      next = openCopy(cur);
      next.spec = { ...(next.spec ?? {}), finalizers: [...(input.spec?.finalizers ?? [])] };
    } else {
      next = input;
      const m = next.metadata;
      for (const f of ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] as const) {
        if (cur.metadata[f] === undefined) delete m[f];
        else (m as Record<string, unknown>)[f] = cur.metadata[f];
      }
      if (type.hasStatus) {
        if (cur.status === undefined) delete next.status;
        else next.status = cur.status; // frozen: shared, never changed
      }
      if (isNamespace(type)) next.spec = { ...(next.spec ?? {}), finalizers: [...(cur.spec?.finalizers ?? [])] };
      if (cur.metadata.deletionTimestamp) {
        const added = (m.finalizers ?? []).filter((f) => !(cur.metadata.finalizers ?? []).includes(f));
        if (added.length) {
          throw invalid({ ...target(type), kind: type.kind, name }, [
            { reason: CauseType.Forbidden, field: "metadata.finalizers", message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` },
          ]);
        }
      }
    }
    next.metadata.resourceVersion = cur.metadata.resourceVersion;
    if (type.tracksGeneration && specChanged(cur, next)) next.metadata.generation = (cur.metadata.generation ?? 0) + 1;
    if (deepEqual(cur, next)) return cur as T;
    if (shouldDeleteDuringUpdate(type, next)) return (await this.writeRemoved(type, cur, next, !!opts.dryRun)) as T;
    return (await this.writeModified(type, cur, next, !!opts.dryRun)) as T;
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject> {
    this.assertWritable();
    const cur = this.get(type, namespace, name);
    if (!cur) throw notFound(target(type, name));
    const pre = opts.preconditions;
    if (pre?.uid !== undefined && pre.uid !== cur.metadata.uid) {
      throw conflict(target(type, name), `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid ?? ""}`);
    }
    if (pre?.resourceVersion !== undefined && pre.resourceVersion !== cur.metadata.resourceVersion) {
      throw conflict(target(type, name), `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion ?? ""}`);
    }
    const next = openCopy(cur);
    const m = next.metadata;
    const policy = opts.propagationPolicy;
    if (policy) {
      const fins = (m.finalizers ?? []).filter((f) => f !== "orphan" && f !== "foregroundDeletion");
      if (policy === "Foreground") fins.push("foregroundDeletion");
      if (policy === "Orphan") fins.push("orphan");
      const keep = (m.finalizers ?? []).filter((f) => fins.includes(f));
      const merged = [...keep, ...fins.filter((f) => !keep.includes(f))];
      if (merged.length) m.finalizers = merged;
      else delete m.finalizers;
    }
    const now = this.clock.now();
    const grace = deletionGracePeriod(type, cur, opts);
    const dry = !!opts.dryRun;
    if (grace > 0) {
      // Graceful deletion (pods on a node): the kubelet finishes it with gracePeriodSeconds 0.
      const pending = m.deletionGracePeriodSeconds;
      if (!m.deletionTimestamp || (pending !== undefined && pending > grace)) {
        m.deletionTimestamp = rfc3339(now + grace * 1000);
        m.deletionGracePeriodSeconds = grace;
        // rest.BeforeDelete: a generation is bumped only on objects that have one.
        if ((m.generation ?? 0) > 0) m.generation = m.generation! + 1;
      }
      return deepEqual(cur, next) ? cur : this.writeModified(type, cur, next, dry);
    }
    if (isNamespace(type) && !m.deletionTimestamp) {
      m.deletionTimestamp = rfc3339(now);
      m.deletionGracePeriodSeconds = 0;
      next.status = { ...(next.status ?? {}), phase: "Terminating" };
      return this.writeModified(type, cur, next, dry);
    }
    if (!shouldDeleteDuringUpdate(type, { ...next, metadata: { ...m, deletionTimestamp: m.deletionTimestamp ?? rfc3339(now), deletionGracePeriodSeconds: 0 } })) {
      if (!m.deletionTimestamp) m.deletionTimestamp = rfc3339(now);
      if (m.deletionGracePeriodSeconds !== 0) m.deletionGracePeriodSeconds = 0;
      return deepEqual(cur, next) ? cur : this.writeModified(type, cur, next, dry);
    }
    return this.writeRemoved(type, cur, next, dry);
  }

  list<T extends KubeObject = KubeObject>(type: ResourceType, opts: ListOptions = {}): ListResult<T> {
    const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : [];
    const fields = opts.fieldSelector ? compileFieldSelector(type.kind, opts.fieldSelector) : [];
    const namespace = type.namespaced && opts.namespace ? opts.namespace : undefined;
    let listRV = this.rv;
    let after: string | undefined;
    if (opts.continue) {
      const c = decodeContinue(opts.continue);
      listRV = c.rv;
      after = c.start;
    }
    const result: ListResult<T> = { items: [], resourceVersion: String(listRV) };
    const table = this.tables.get(resourceKey(type));
    this.scanned = 0;
    if (!table) return result;
    const candidates = table.candidates(namespace, labels, fields);
    const keys = table.keysInOrder(candidates, after);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const unfiltered = !candidates && namespace === undefined && labels.length === 0 && fields.length === 0;
    let lastKey: string | undefined;
    let remaining = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (unfiltered && result.items.length >= limit) {
        remaining = keys.length - i;
        break;
      }
      this.scanned++;
      const o = table.objects.get(k)!;
      if (!this.selects(type, o, namespace, labels, fields)) continue;
      if (result.items.length < limit) {
        result.items.push(o as T);
        lastKey = k;
      } else remaining++;
    }
    if (remaining > 0 && lastKey !== undefined) {
      result.continue = encodeContinue({ rv: listRV, start: lastKey });
      result.remainingItemCount = remaining;
    }
    return result;
  }

  watch<T extends KubeObject = KubeObject>(type: ResourceType, opts: WatchOptions, onEvent: (e: WatchEvent<T>) => void): Watch {
    const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : [];
    const fields = opts.fieldSelector ? compileFieldSelector(type.kind, opts.fieldSelector) : [];
    const namespace = type.namespaced && opts.namespace ? opts.namespace : undefined;
    const filter = { typeKey: resourceKey(type), apiVersion: type.group ? `${type.group}/${type.version}` : type.version, kind: type.kind, namespace, labels, fields };
    const cb = onEvent as (e: WatchEvent) => void;
    const rvStr = opts.resourceVersion;
    if (!rvStr || rvStr === "0") {
      const initial = this.list(type, { namespace, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector }).items;
      return this.hub.add(filter, { fromRV: this.rv, initial, allowBookmarks: opts.allowBookmarks }, cb);
    }
    const fromRV = Number(rvStr);
    if (!/^\d+$/.test(rvStr) || !Number.isSafeInteger(fromRV)) throw badRequest(`invalid resource version: ${JSON.stringify(rvStr)}`);
    return this.hub.add(filter, { fromRV, allowBookmarks: opts.allowBookmarks }, cb);
  }

  // ---- internals ----

  private selects(type: ResourceType, o: KubeObject, namespace: string | undefined, labels: readonly LabelRequirement[], fields: readonly FieldRequirement[]): boolean {
    if (namespace !== undefined && o.metadata.namespace !== namespace) return false;
    if (labels.length && !matches(labels, o.metadata.labels)) return false;
    if (fields.length && !objectFieldsMatch(type.kind, fields, o)) return false;
    return true;
  }

  private async writeModified(type: ResourceType, cur: KubeObject, next: KubeObject, dryRun: boolean): Promise<KubeObject> {
    if (dryRun) return deepFreeze(next);
    next.metadata.resourceVersion = String(++this.rv);
    deepFreeze(next);
    this.table(type).put(objectKey(next), next);
    await this.commit(type, next, { rv: this.rv, typeKey: resourceKey(type), type: "MODIFIED", object: next, prev: cur });
    return next;
  }

  private async writeRemoved(type: ResourceType, cur: KubeObject, last: KubeObject, dryRun: boolean): Promise<KubeObject> {
    if (dryRun) return deepFreeze(last);
    last.metadata.resourceVersion = String(++this.rv);
    deepFreeze(last);
    this.table(type).remove(objectKey(cur));
    await this.commit(type, last, { rv: this.rv, typeKey: resourceKey(type), type: "DELETED", object: last }, true);
    return last;
  }

  private commit(type: ResourceType, o: KubeObject, ev: StoreEvent, removed = false): Promise<void> {
    const change: StoredChange = {
      resourceVersion: ev.rv,
      resource: resourceKey(type),
      namespace: o.metadata.namespace ?? "",
      name: o.metadata.name ?? "",
      object: removed ? null : o,
    };
    return this.committer.submit(change, ev);
  }

  /** rfc3339(ms), remembering the last second formatted (a burst of creates shares it). */
  private timestamp(ms: number): string {
    const sec = Math.floor(ms / 1000);
    if (sec !== this.lastStampSec) {
      this.lastStampSec = sec;
      this.lastStamp = rfc3339(ms);
    }
    return this.lastStamp;
  }

  private assertWritable(): void {
    if (this.committer.failed) throw this.committer.failedError();
  }

  private typeOf(o: KubeObject): ResourceType {
    const t = o && typeof o.apiVersion === "string" && typeof o.kind === "string" ? resourceTypeFor(o.apiVersion, o.kind) : undefined;
    if (!t) throw notServed(String(o?.apiVersion), String(o?.kind));
    return t;
  }

  private table(type: ResourceType): TypeTable {
    const k = resourceKey(type);
    let t = this.tables.get(k);
    if (!t) this.tables.set(k, (t = new TypeTable(type.kind, this.fieldIndexes[k] ?? [])));
    return t;
  }

  private keyFor(type: ResourceType, namespace: string | undefined, name: string): string {
    return type.namespaced ? `${namespace ?? ""}/${name}` : name;
  }

  /** Namespaced types need a namespace; cluster-scoped ones lose any (rest.BeforeCreate). */
  private normalizeNamespace(type: ResourceType, o: KubeObject): void {
    if (!type.namespaced) {
      delete o.metadata.namespace;
      return;
    }
    if (!o.metadata.namespace) {
      throw invalid({ ...target(type), kind: type.kind, name: o.metadata.name ?? "" }, [
        { reason: CauseType.Required, message: "Required value", field: "metadata.namespace" },
      ]);
    }
  }

  private generateName(table: TypeTable, o: KubeObject): string {
    for (let attempt = 0; ; attempt++) {
      let suffix = "";
      for (let i = 0; i < 5; i++) suffix += NAME_CHARS[Math.floor(this.random() * NAME_CHARS.length) % NAME_CHARS.length];
      const name = `${o.metadata.generateName}${suffix}`;
      const key = o.metadata.namespace ? `${o.metadata.namespace}/${name}` : name;
      if (!table.objects.has(key) || attempt >= 8) return name;
    }
  }
}
