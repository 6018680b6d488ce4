import { describe, expect, it } from "vitest";
import { makeNode, makePod } from "../../../testing/builders";
import { newNodeInfo } from "../../framework/node-info";
import { newNodeUnschedulable } from "./node-unschedulable";

describe("NodeUnschedulable", () => {
  it.each([
    { name: "schedulable node", cordoned: false, tolerates: false, ok: true },
    { name: "cordoned node", cordoned: true, tolerates: false, ok: false },
    { name: "cordoned node, pod tolerates", cordoned: true, tolerates: true, ok: true },
  ])("$name", ({ cordoned, tolerates, ok }) => {
    const pb = makePod("p");
    if (tolerates) pb.toleration({ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" });
    const s = newNodeUnschedulable().filter(new Map(), pb.build(), newNodeInfo(makeNode("n1").unschedulable(cordoned).build(), []));
    expect(s).toEqual(ok ? null : { code: "UnschedulableAndUnresolvable", reasons: ["node(s) were unschedulable"] });
  });
});
