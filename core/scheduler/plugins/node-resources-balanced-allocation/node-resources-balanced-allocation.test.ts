import { describe, expect, it } from "vitest";
import { makeNode, makePod } from "../../../testing/builders";
import { newNodeInfo } from "../../framework/node-info";
import { balancedAllocationScore } from "./node-resources-balanced-allocation";

describe("balancedAllocationScore", () => {
  const info = newNodeInfo(makeNode("n1").capacity({ cpu: "4", memory: "8Gi" }).build(), []);
  it.each([
    { name: "evenly balanced", cpu: "2", memory: "4Gi", want: 100 },
    { name: "cpu heavy", cpu: "4", memory: "0", want: 50 },
    { name: "a quarter apart", cpu: "2", memory: "2Gi", want: 87 },
  ])("$name", ({ cpu, memory, want }) => {
    const p = makePod("p").container("c", "nginx", { requests: { cpu, memory } }).build();
    expect(balancedAllocationScore(p, info)).toBe(want);
  });
});
