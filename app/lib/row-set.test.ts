// Why: live lists must stay correct (order, membership) under any mix of watch events.
import { describe, it, expect } from "vitest";
import { RowSet, type RowChange } from "./row-set";
import type { BaseRow } from "./rows/types";

type R = BaseRow & { v: number };
const row = (ns: string, name: string, v = 0): R => ({ key: `${ns}/${name}`, namespace: ns, name, v });
const names = (s: RowSet<R>) => s.rows.map((r) => r.key);

describe("RowSet", () => {
  it("sorts by namespace then name and dedupes by key", () => {
    const s = RowSet.from([row("b", "x"), row("a", "z"), row("a", "y"), row("a", "y", 2)]);
    expect(names(s)).toEqual(["a/y", "a/z", "b/x"]);
    expect(s.get("a/y")?.v).toBe(2);
  });

  it.each<{ name: string; changes: RowChange<R>[]; want: string[] }>([
    { name: "add in order", changes: [{ type: "ADDED", row: row("a", "b") }], want: ["a/a", "a/b", "a/c"] },
    { name: "delete", changes: [{ type: "DELETED", row: row("a", "a") }], want: ["a/c"] },
    { name: "delete unknown is a no-op", changes: [{ type: "DELETED", row: row("z", "z") }], want: ["a/a", "a/c"] },
    { name: "modified of unknown key adds it", changes: [{ type: "MODIFIED", row: row("a", "b") }], want: ["a/a", "a/b", "a/c"] },
    {
      name: "delete then re-add in one batch keeps one",
      changes: [
        { type: "DELETED", row: row("a", "a") },
        { type: "ADDED", row: row("a", "a", 9) },
      ],
      want: ["a/a", "a/c"],
    },
    {
      name: "add then delete in one batch leaves nothing",
      changes: [
        { type: "ADDED", row: row("a", "b") },
        { type: "DELETED", row: row("a", "b") },
      ],
      want: ["a/a", "a/c"],
    },
  ])("$name", ({ changes, want }) => {
    const s = RowSet.from([row("a", "c"), row("a", "a")]).apply(changes);
    expect(names(s)).toEqual(want);
    for (const [i, k] of want.entries()) expect(s.get(k)).toBe(s.rows[i]);
  });

  it("replaces a modified row in place and keeps the old snapshot intact", () => {
    const s0 = RowSet.from([row("a", "a", 1), row("a", "b", 1)]);
    const s1 = s0.apply([{ type: "MODIFIED", row: row("a", "b", 2) }]);
    expect(s1.get("a/b")?.v).toBe(2);
    expect(s0.get("a/b")?.v).toBe(1);
  });

  it("re-sorts when a custom order changes", () => {
    const byV = (a: R, b: R) => b.v - a.v;
    const s = RowSet.from([row("a", "a", 1), row("a", "b", 2)], byV).apply([{ type: "MODIFIED", row: row("a", "a", 5) }]);
    expect(names(s)).toEqual(["a/a", "a/b"]);
  });

  it("returns itself when nothing changes", () => {
    const s = RowSet.from([row("a", "a")]);
    expect(s.apply([])).toBe(s);
    expect(s.apply([{ type: "DELETED", row: row("x", "x") }])).toBe(s);
  });

  it("handles a burst over many rows", () => {
    const rows = Array.from({ length: 20000 }, (_, i) => row("ns", `p-${String(i).padStart(5, "0")}`));
    const s = RowSet.from(rows).apply(rows.slice(0, 5000).map((r) => ({ type: "MODIFIED" as const, row: { ...r, v: 1 } })));
    expect(s.size).toBe(20000);
    expect(s.rows[4999].v).toBe(1);
    expect(s.rows[5000].v).toBe(0);
  });
});
