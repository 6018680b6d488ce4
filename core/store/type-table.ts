// Why: one resource type's objects with the indexes (namespace, labels, chosen fields) that keep lists of 150,000 pods from scanning everything.

import type { KubeObject } from "../api/types";
import type { LabelRequirement } from "../api/selectors";
import type { FieldRequirement } from "../api/fields";
import { fieldValue } from "../api/fields";

/** Orders keys as Kubernetes lists them: by namespace, then name. */
export function compareKeys(a: string, b: string): number {
  const ia = a.indexOf("/");
  const ib = b.indexOf("/");
  const na = ia < 0 ? "" : a.slice(0, ia);
  const nb = ib < 0 ? "" : b.slice(0, ib);
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = ia < 0 ? a : a.slice(ia + 1);
  const mb = ib < 0 ? b : b.slice(ib + 1);
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

function addTo<K>(m: Map<K, Set<string>>, k: K, key: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(key);
}

function removeFrom<K>(m: Map<K, Set<string>>, k: K, key: string): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(key);
  if (s.size === 0) m.delete(k);
}

/** The stored objects of one resource type, indexed. Objects are frozen and owned by the table. */
export class TypeTable {
  readonly objects = new Map<string, KubeObject>();
  private sorted: string[] = [];
  private added: string[] = [];
  private dirty = false;
  private byNamespace = new Map<string, Set<string>>();
  private byLabel = new Map<string, Map<string, Set<string>>>();
  private byField = new Map<string, Map<string, Set<string>>>();

  /** `indexedFields` are field-selector names (`spec.nodeName`) to index for equality. */
  constructor(
    private readonly kind: string,
    private readonly indexedFields: readonly string[] = [],
  ) {
    for (const f of indexedFields) this.byField.set(f, new Map());
  }

  get size(): number {
    return this.objects.size;
  }

  /** Inserts or replaces the object at `key`. */
  put(key: string, obj: KubeObject): void {
    const prev = this.objects.get(key);
    if (prev) this.unindex(key, prev);
    else {
      this.added.push(key);
      this.dirty = true;
    }
    this.objects.set(key, obj);
    this.index(key, obj);
  }

  remove(key: string): void {
    const prev = this.objects.get(key);
    if (!prev) return;
    this.unindex(key, prev);
    this.objects.delete(key);
    this.dirty = true;
  }

  /**
   * The smallest candidate key set the indexes give for a query, or undefined when no index
   * applies (scan everything). Candidates still need exact filtering.
   */
  candidates(namespace: string | undefined, labels: readonly LabelRequirement[], fields: readonly FieldRequirement[]): Set<string> | undefined {
    let best: Set<string> | undefined;
    const consider = (s: Set<string>) => {
      if (!best || s.size < best.size) best = s;
    };
    if (namespace !== undefined) consider(this.byNamespace.get(namespace) ?? new Set());
    for (const r of labels) {
      if (r.operator !== "=" && r.operator !== "in") continue;
      const vals = this.byLabel.get(r.key);
      if (r.values.length === 1) consider(vals?.get(r.values[0]) ?? new Set());
      else {
        const u = new Set<string>();
        for (const v of r.values) for (const k of vals?.get(v) ?? []) u.add(k);
        consider(u);
      }
    }
    for (const r of fields) {
      const idx = this.byField.get(r.field);
      if (idx && r.operator === "=") consider(idx.get(r.value) ?? new Set());
    }
    return best;
  }

  /** Keys in list order, optionally only those after `after`. */
  keysInOrder(subset?: Set<string>, after?: string): string[] {
    if (subset) {
      const ks = [...subset];
      ks.sort(compareKeys);
      return after === undefined ? ks : ks.filter((k) => compareKeys(k, after) > 0);
    }
    const sorted = this.ordered();
    if (after === undefined) return sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(sorted[mid], after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return sorted.slice(lo);
  }

  /**
   * Every key in order. Creates and deletes only mark the order stale (O(1) writes); the next
   * ordered read merges the sorted new keys into the kept order in O(n + k log k).
   */
  private ordered(): string[] {
    if (!this.dirty) return this.sorted;
    const fresh = this.added.filter((k) => this.objects.has(k)).sort(compareKeys);
    const kept = this.sorted.filter((k) => this.objects.has(k));
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (i < kept.length || j < fresh.length) {
      const c = i >= kept.length ? 1 : j >= fresh.length ? -1 : compareKeys(kept[i], fresh[j]);
      const k = c <= 0 ? kept[i++] : fresh[j++];
      if (c === 0) j++;
      if (out.length === 0 || out[out.length - 1] !== k) out.push(k);
    }
    this.sorted = out;
    this.added = [];
    this.dirty = false;
    return out;
  }

  private index(key: string, obj: KubeObject): void {
    addTo(this.byNamespace, obj.metadata.namespace ?? "", key);
    const labels = obj.metadata.labels;
    for (const k in labels) {
      let vals = this.byLabel.get(k);
      if (!vals) this.byLabel.set(k, (vals = new Map()));
      addTo(vals, labels[k], key);
    }
    for (const name of this.indexedFields) addTo(this.byField.get(name)!, fieldValue(this.kind, obj, name), key);
  }

  private unindex(key: string, obj: KubeObject): void {
    removeFrom(this.byNamespace, obj.metadata.namespace ?? "", key);
    const labels = obj.metadata.labels;
    for (const k in labels) {
      const vals = this.byLabel.get(k);
      if (!vals) continue;
      removeFrom(vals, labels[k], key);
      if (vals.size === 0) this.byLabel.delete(k);
    }
    for (const name of this.indexedFields) removeFrom(this.byField.get(name)!, fieldValue(this.kind, obj, name), key);
  }
}
