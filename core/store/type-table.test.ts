// Why: list order and index candidates must stay right through any mix of creates, updates and deletes.
import { describe, it, expect } from "vitest";
import { TypeTable, compareKeys } from "./type-table";
import { makePod } from "../testing/builders";
import type { KubeObject } from "../api/types";

const pod = (ns: string, name: string, labels: Record<string, string> = {}, node?: string): KubeObject => {
  const b = makePod(name).namespace(ns).labels(labels);
  return (node ? b.onNode(node) : b).build();
};

describe("compareKeys", () => {
  it.each([
    ["a/x", "a-b/x", -1],
    ["a/z", "b/a", -1],
    ["a/b", "a/b", 0],
    ["n2", "n10", 1],
  ] as const)("%s vs %s", (a, b, want) => {
    expect(Math.sign(compareKeys(a, b))).toBe(want);
  });
});

describe("TypeTable", () => {
  it("keeps list order through creates, deletes and re-creates (seeded random churn)", () => {
    const t = new TypeTable("Pod");
    const live = new Set<string>();
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let step = 0; step < 2000; step++) {
      const ns = `ns${Math.floor(rnd() * 4)}`;
      const name = `p${Math.floor(rnd() * 60)}`;
      const key = `${ns}/${name}`;
      if (live.has(key) && rnd() < 0.5) {
        t.remove(key);
        live.delete(key);
      } else {
        t.put(key, pod(ns, name));
        live.add(key);
      }
      if (step % 97 === 0) expect(t.keysInOrder()).toEqual([...live].sort(compareKeys));
    }
    expect(t.keysInOrder()).toEqual([...live].sort(compareKeys));
    const after = [...live].sort(compareKeys)[10];
    expect(t.keysInOrder(undefined, after)).toEqual([...live].sort(compareKeys).slice(11));
  });

  it("gives the smallest candidate set from namespace, label and field indexes", () => {
    const t = new TypeTable("Pod", ["spec.nodeName"]);
    t.put("a/1", pod("a", "1", { app: "web" }, "n1"));
    t.put("a/2", pod("a", "2", { app: "db" }, "n2"));
    t.put("b/3", pod("b", "3", { app: "web" }, "n1"));
    expect(t.candidates(undefined, [], [])).toBeUndefined();
    expect([...t.candidates("a", [], [])!]).toEqual(["a/1", "a/2"]);
    expect([...t.candidates("a", [{ key: "app", operator: "=", values: ["db"] }], [])!]).toEqual(["a/2"]);
    expect([...t.candidates(undefined, [{ key: "app", operator: "in", values: ["db", "web"] }], [{ field: "spec.nodeName", operator: "=", value: "n2" }])!]).toEqual(["a/2"]);
    t.put("a/2", pod("a", "2", { app: "web" }, "n1"));
    expect(t.candidates(undefined, [{ key: "app", operator: "=", values: ["db"] }], [])!.size).toBe(0);
    expect(t.candidates(undefined, [], [{ field: "spec.nodeName", operator: "=", value: "n1" }])!.size).toBe(3);
    t.remove("a/1");
    expect(t.candidates("a", [], [])!.size).toBe(1);
  });
});
