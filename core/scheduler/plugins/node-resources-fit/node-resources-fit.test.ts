import { describe, expect, it } from "vitest";
import { makeNode, makePod } from "../../../testing/builders";
import { newNodeInfo, podRequests } from "../../framework/node-info";
import { fitsRequest, leastAllocatedScore, newNodeResourcesFit } from "./node-resources-fit";

const node = (cpu: string, memory: string, pods = 110) => makeNode("n1").capacity({ cpu, memory, pods }).build();
const pod = (name: string, cpu?: string, memory?: string) =>
  makePod(name)
    .onNode("n1")
    .container("c", "nginx", { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } })
    .build();

describe("fitsRequest", () => {
  it.each([
    { name: "fits in an empty node", existing: [], cpu: "1", memory: "1Gi", want: [] },
    { name: "cpu exhausted", existing: [pod("a", "3500m")], cpu: "1", memory: "1Gi", want: ["Insufficient cpu"] },
    { name: "memory exhausted", existing: [pod("a", "100m", "7Gi")], cpu: "1", memory: "2Gi", want: ["Insufficient memory"] },
    { name: "both exhausted", existing: [pod("a", "4", "8Gi")], cpu: "1", memory: "1Gi", want: ["Insufficient cpu", "Insufficient memory"] },
    { name: "exactly fits", existing: [pod("a", "3", "7Gi")], cpu: "1", memory: "1Gi", want: [] },
    { name: "no requests always fits resources", existing: [pod("a", "4", "8Gi")], cpu: undefined, memory: undefined, want: [] },
  ])("$name", ({ existing, cpu, memory, want }) => {
    const info = newNodeInfo(node("4", "8Gi"), existing);
    expect(fitsRequest(podRequests(pod("new", cpu, memory)), info).map((r) => r.reason)).toEqual(want);
  });

  it("reports Too many pods first", () => {
    const info = newNodeInfo(node("4", "8Gi", 2), [pod("a"), pod("b")]);
    expect(fitsRequest(podRequests(pod("c", "8")), info).map((r) => r.reason)).toEqual(["Too many pods", "Insufficient cpu"]);
  });

  it("ignores terminal pods on the node", () => {
    const done = makePod("done").onNode("n1").container("c", "busybox", { requests: { cpu: "4" } }).phase("Succeeded").build();
    const info = newNodeInfo(node("4", "8Gi"), [done]);
    expect(fitsRequest(podRequests(pod("new", "1")), info)).toEqual([]);
  });
});

describe("podRequests", () => {
  it.each([
    { name: "sums containers", containers: ["100m", "200m"], init: [], want: 300 },
    { name: "init container larger than the sum wins", containers: ["100m", "200m"], init: ["1"], want: 1000 },
    { name: "init container smaller than the sum", containers: ["500m", "500m"], init: ["200m"], want: 1000 },
  ])("$name", ({ containers, init, want }) => {
    const p = makePod("p")
      .with((x) => {
        x.spec!.containers = containers.map((cpu, i) => ({ name: `c${i}`, image: "nginx", resources: { requests: { cpu } } }));
        x.spec!.initContainers = init.map((cpu, i) => ({ name: `i${i}`, image: "busybox", resources: { requests: { cpu } } }));
      })
      .build();
    expect(podRequests(p).milliCPU).toBe(want);
  });
});

describe("LeastAllocated", () => {
  it("prefers the emptier node", () => {
    const empty = newNodeInfo(node("4", "8Gi"), []);
    const busy = newNodeInfo(node("4", "8Gi"), [pod("a", "2", "4Gi")]);
    const p = pod("new", "1", "2Gi");
    expect(leastAllocatedScore(p, empty)).toBe(75);
    expect(leastAllocatedScore(p, busy)).toBe(25);
  });

  it("the plugin filters with the requests computed in PreFilter", () => {
    const plugin = newNodeResourcesFit();
    const state = new Map();
    const p = pod("new", "5");
    const info = newNodeInfo(node("4", "8Gi"), []);
    expect(plugin.preFilter(state, p)).toBeNull();
    expect(plugin.filter(state, p, info)).toEqual({ code: "Unschedulable", reasons: ["Insufficient cpu"] });
  });
});
