import { describe, expect, it } from "vitest";
import type { Taint, Toleration } from "../../../api/types";
import { makeNode, makePod } from "../../../testing/builders";
import { newNodeInfo } from "../../framework/node-info";
import { newTaintToleration, toleratesTaint } from "./taint-toleration";

describe("toleratesTaint", () => {
  const taint: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
  it.each<{ name: string; t: Toleration; want: boolean }>([
    { name: "Equal with same value", t: { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }, want: true },
    { name: "Equal is the default operator", t: { key: "dedicated", value: "gpu" }, want: true },
    { name: "Equal with another value", t: { key: "dedicated", value: "cpu" }, want: false },
    { name: "Exists on the key", t: { key: "dedicated", operator: "Exists" }, want: true },
    { name: "Exists with no key tolerates everything", t: { operator: "Exists" }, want: true },
    { name: "other effect", t: { key: "dedicated", operator: "Exists", effect: "NoExecute" }, want: false },
    { name: "other key", t: { key: "zone", operator: "Exists" }, want: false },
  ])("$name", ({ t, want }) => {
    expect(toleratesTaint(t, taint)).toBe(want);
  });
});

describe("TaintToleration filter", () => {
  const plugin = newTaintToleration();
  it.each([
    { name: "untainted node", effect: undefined, tolerate: false, want: null },
    { name: "NoSchedule rejects", effect: "NoSchedule" as const, tolerate: false, want: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" },
    { name: "NoExecute rejects", effect: "NoExecute" as const, tolerate: false, want: "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }" },
    { name: "PreferNoSchedule does not filter", effect: "PreferNoSchedule" as const, tolerate: false, want: null },
    { name: "tolerated NoSchedule", effect: "NoSchedule" as const, tolerate: true, want: null },
  ])("$name", ({ effect, tolerate, want }) => {
    const nb = makeNode("n1");
    if (effect) nb.taint("node-role.kubernetes.io/control-plane", "", effect);
    const pb = makePod("p");
    if (tolerate) pb.toleration({ key: "node-role.kubernetes.io/control-plane", operator: "Exists" });
    const s = plugin.filter(new Map(), pb.build(), newNodeInfo(nb.build(), []));
    expect(s ? s.reasons[0] : null).toBe(want);
    if (s) expect(s.code).toBe("UnschedulableAndUnresolvable");
  });

  it("writes the taint value in the reason", () => {
    const n = makeNode("n1").taint("dedicated", "gpu", "NoSchedule").build();
    expect(plugin.filter(new Map(), makePod("p").build(), newNodeInfo(n, []))?.reasons).toEqual(["node(s) had untolerated taint {dedicated: gpu}"]);
  });

  it("scores nodes with fewer intolerable PreferNoSchedule taints higher", () => {
    const p = makePod("p").build();
    const a = newNodeInfo(makeNode("a").build(), []);
    const b = newNodeInfo(makeNode("b").taint("x", "1", "PreferNoSchedule").taint("y", "1", "PreferNoSchedule").build(), []);
    const c = newNodeInfo(makeNode("c").taint("x", "1", "PreferNoSchedule").build(), []);
    const scores = new Map([a, b, c].map((n) => [n.name, plugin.score(new Map(), p, n)]));
    plugin.normalizeScore(new Map(), p, scores);
    expect(Object.fromEntries(scores)).toEqual({ a: 100, b: 0, c: 50 });
  });
});
