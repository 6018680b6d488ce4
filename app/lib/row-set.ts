// Why: the rows of a live list as an immutable snapshot that watch events update cheaply, even at tens of thousands of rows.

import type { BaseRow } from "./rows/types";

/** One change to apply, already mapped to a row (DELETED carries the last row). */
export interface RowChange<R extends BaseRow> {
  type: "ADDED" | "MODIFIED" | "DELETED";
  row: R;
}

/** Default order: namespace then name, as `kubectl get -A` prints. */
export function compareByNamespaceName(a: BaseRow, b: BaseRow): number {
  const ns = (a.namespace ?? "").localeCompare(b.namespace ?? "");
  return ns !== 0 ? ns : a.name.localeCompare(b.name);
}

/**
 * An immutable, sorted set of rows keyed by `row.key`. `apply` returns a new set; it
 * re-sorts only when membership changes or a changed row moves, so a burst of MODIFIED
 * events over 50k rows costs a copy, not a sort.
 */
export class RowSet<R extends BaseRow> {
  private constructor(
    readonly rows: readonly R[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly compare: (a: R, b: R) => number,
  ) {}

  /** A set from an unordered list (later duplicates win). */
  static from<R extends BaseRow>(rows: readonly R[], compare: (a: R, b: R) => number = compareByNamespaceName): RowSet<R> {
    const byKey = new Map<string, R>();
    for (const r of rows) byKey.set(r.key, r);
    return RowSet.sorted([...byKey.values()], compare);
  }

  private static sorted<R extends BaseRow>(rows: R[], compare: (a: R, b: R) => number): RowSet<R> {
    rows.sort(compare);
    return new RowSet(rows, new Map(rows.map((r, i) => [r.key, i])), compare);
  }

  get size(): number {
    return this.rows.length;
  }

  get(key: string): R | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.rows[i];
  }

  /** The set after `changes`, in order. Returns `this` when nothing changed. */
  apply(changes: readonly RowChange<R>[]): RowSet<R> {
    if (changes.length === 0) return this;
    let next: R[] | undefined;
    const removed = new Set<string>();
    const added = new Map<string, R>();
    let resort = false;
    for (const c of changes) {
      const i = this.index.get(c.row.key);
      if (c.type === "DELETED") {
        added.delete(c.row.key);
        if (i !== undefined) removed.add(c.row.key);
        continue;
      }
      if (i !== undefined && !removed.has(c.row.key)) {
        next ??= this.rows.slice();
        const before = next[i];
        next[i] = c.row;
        if (this.compare(before, c.row) !== 0) resort = true;
      } else {
        removed.delete(c.row.key);
        added.set(c.row.key, c.row);
      }
    }
    if (!next && removed.size === 0 && added.size === 0) return this;
    let rows = next ?? this.rows.slice();
    if (removed.size > 0) rows = rows.filter((r) => !removed.has(r.key));
    if (added.size > 0) {
      // A key removed then re-added in the same batch is in `added`; drop its old slot.
      rows = rows.filter((r) => !added.has(r.key));
      rows.push(...added.values());
      resort = true;
    }
    if (resort) return RowSet.sorted(rows, this.compare);
    return new RowSet(rows, removed.size > 0 ? new Map(rows.map((r, i) => [r.key, i])) : this.index, this.compare);
  }
}
