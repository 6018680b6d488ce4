import { describe, expect, it } from "vitest";
import { makeNode, makePod } from "../../../testing/builders";
import { newNodeInfo } from "../../framework/node-info";
import { matchesRequirement, newNodeAffinity, preferredAffinityScore, type NodeSelectorRequirement } from "./node-affinity";

const labels = { zone: "a", disk: "ssd", cores: "8" };

describe("matchesRequirement", () => {
  it.each<{ req: NodeSelectorRequirement; want: boolean }>([
    { req: { key: "zone", operator: "In", values: ["a", "b"] }, want: true },
    { req: { key: "zone", operator: "In", values: ["c"] }, want: false },
    { req: { key: "zone", operator: "NotIn", values: ["c"] }, want: true },
    { req: { key: "absent", operator: "NotIn", values: ["c"] }, want: true },
    { req: { key: "zone", operator: "NotIn", values: ["a"] }, want: false },
    { req: { key: "disk", operator: "Exists" }, want: true },
    { req: { key: "gpu", operator: "Exists" }, want: false },
    { req: { key: "gpu", operator: "DoesNotExist" }, want: true },
    { req: { key: "disk", operator: "DoesNotExist" }, want: false },
    { req: { key: "cores", operator: "Gt", values: ["4"] }, want: true },
    { req: { key: "cores", operator: "Gt", values: ["8"] }, want: false },
    { req: { key: "cores", operator: "Lt", values: ["16"] }, want: true },
    { req: { key: "zone", operator: "Lt", values: ["16"] }, want: false },
  ])("$req.key $req.operator $req.values → $want", ({ req, want }) => {
    expect(matchesRequirement(req, labels)).toBe(want);
  });
});

describe("NodeAffinity plugin", () => {
  const plugin = newNodeAffinity();
  const node = newNodeInfo(makeNode("n1").labels(labels).build(), []);
  const required = (terms: object[]) =>
    makePod("p")
      .with((p) => {
        p.spec!.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms as never } } };
      })
      .build();

  it.each([
    { name: "no constraints", pod: makePod("p").build(), ok: true },
    { name: "matching nodeSelector", pod: makePod("p").nodeSelector({ zone: "a" }).build(), ok: true },
    { name: "mismatching nodeSelector", pod: makePod("p").nodeSelector({ zone: "b" }).build(), ok: false },
    { name: "one of two terms matches", pod: required([{ matchExpressions: [{ key: "zone", operator: "In", values: ["z"] }] }, { matchExpressions: [{ key: "disk", operator: "Exists" }] }]), ok: true },
    { name: "expressions in a term are ANDed", pod: required([{ matchExpressions: [{ key: "disk", operator: "Exists" }, { key: "zone", operator: "In", values: ["z"] }] }]), ok: false },
    { name: "matchFields on metadata.name", pod: required([{ matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] }]), ok: true },
    { name: "empty term matches nothing", pod: required([{}]), ok: false },
  ])("$name", ({ pod, ok }) => {
    const s = plugin.filter(new Map(), pod, node);
    expect(s).toEqual(ok ? null : { code: "UnschedulableAndUnresolvable", reasons: ["node(s) didn't match Pod's node affinity/selector"] });
  });

  it("scores preferred terms by weight and normalizes to 100", () => {
    const pod = makePod("p")
      .with((p) => {
        p.spec!.affinity = {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 10, preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] } },
              { weight: 30, preference: { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }] } },
            ],
          },
        };
      })
      .build();
    const other = makeNode("n2").labels({ zone: "a" }).build();
    expect(preferredAffinityScore(pod, node.node)).toBe(40);
    const scores = new Map([["n1", 40], ["n2", preferredAffinityScore(pod, other)]]);
    plugin.normalizeScore(new Map(), pod, scores);
    expect(Object.fromEntries(scores)).toEqual({ n1: 100, n2: 25 });
  });
});
