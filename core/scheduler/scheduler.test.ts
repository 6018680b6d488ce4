import { describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../api/resources";
import type { CoreEvent, Node, Pod } from "../api/types";
import { FakeClock } from "../clock/fake-clock";
import type { EventRecorder, EventType } from "../events/recorder";
import { MemoryStore } from "../store/memory-store";
import { makeNode, makePod } from "../testing/builders";
import { Scheduler } from "./scheduler";

const PODS = resourceTypeByKind("", "Pod")!;

class FakeRecorder implements EventRecorder {
  events: { name: string; type: EventType; reason: string; message: string }[] = [];
  event(obj: { metadata: { name?: string } }, type: EventType, reason: string, message: string): void {
    this.events.push({ name: obj.metadata.name ?? "", type, reason, message });
  }
}

async function setup(nodes: Node[]) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const n of nodes) await store.create(n);
  const recorder = new FakeRecorder();
  let seed = 0;
  const scheduler = new Scheduler({ client: store, clock, recorder, random: () => (seed++ % 7) / 7 });
  scheduler.start();
  const pod = (name: string) => store.get<Pod>(PODS, "default", name)!;
  return { clock, store, recorder, scheduler, pod };
}

const controlPlane = () => makeNode("control-plane").capacity({ cpu: "4", memory: "8Gi" }).taint("node-role.kubernetes.io/control-plane", "", "NoSchedule").build();
const worker = (name: string, cpu = "2") => makeNode(name).capacity({ cpu, memory: "8Gi" }).build();

describe("Scheduler", () => {
  it("binds a pod, sets PodScheduled and records the Scheduled event", async () => {
    const { clock, store, recorder, scheduler, pod } = await setup([worker("w1")]);
    await store.create(makePod("web").container("nginx", "nginx", { requests: { cpu: "100m" } }).build());
    await clock.advance(0);
    expect(pod("web").spec!.nodeName).toBe("w1");
    expect(pod("web").status!.conditions).toEqual([{ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" }]);
    expect(recorder.events).toEqual([{ name: "web", type: "Normal", reason: "Scheduled", message: "Successfully assigned default/web to w1" }]);
    const [d] = scheduler.decisions("default/web");
    expect(d).toMatchObject({ attempt: 1, result: "Scheduled", selectedNode: "w1", numNodes: 1, rejected: [] });
    expect(Object.keys(d.scores[0].plugins).sort()).toEqual(["NodeAffinity", "NodeResourcesBalancedAllocation", "NodeResourcesFit", "TaintToleration"]);
  });

  it("spreads pods by LeastAllocated, counting pods it has just assumed", async () => {
    const { clock, store, pod } = await setup([worker("w1", "4"), worker("w2", "4"), worker("w3", "4")]);
    for (let i = 0; i < 6; i++) await store.create(makePod(`p${i}`).container("c", "nginx", { requests: { cpu: "1", memory: "1Gi" } }).build());
    await clock.advance(0);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 6; i++) counts[pod(`p${i}`).spec!.nodeName!] = (counts[pod(`p${i}`).spec!.nodeName!] ?? 0) + 1;
    expect(counts).toEqual({ w1: 2, w2: 2, w3: 2 });
  });

  it("records FailedScheduling with Kubernetes' exact message and the Unschedulable condition", async () => {
    const { clock, store, recorder, scheduler, pod } = await setup([controlPlane(), worker("w1", "1"), worker("w2", "1")]);
    await store.create(makePod("big").container("c", "nginx", { requests: { cpu: "2" } }).build());
    await clock.advance(0);
    const msg =
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. " +
      "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
    expect(recorder.events).toEqual([{ name: "big", type: "Warning", reason: "FailedScheduling", message: msg }]);
    expect(pod("big").status!.conditions).toEqual([{ type: "PodScheduled", status: "False", reason: "Unschedulable", message: msg, lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" }]);
    const [d] = scheduler.decisions("default/big");
    expect(d.rejected).toEqual([
      { node: "control-plane", plugin: "TaintToleration", code: "UnschedulableAndUnresolvable", reasons: ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"] },
      { node: "w1", plugin: "NodeResourcesFit", code: "Unschedulable", reasons: ["Insufficient cpu"] },
      { node: "w2", plugin: "NodeResourcesFit", code: "Unschedulable", reasons: ["Insufficient cpu"] },
    ]);
    expect(scheduler.queueLengths().unschedulable).toBe(1);
  });

  it("writes no nodes available when the cluster has none", async () => {
    const { clock, store, recorder } = await setup([]);
    await store.create(makePod("p").build());
    await clock.advance(0);
    expect(recorder.events[0].message).toBe("no nodes available to schedule pods");
  });

  it("retries an unschedulable pod when a node is added", async () => {
    const { clock, store, recorder, pod } = await setup([worker("w1", "1")]);
    await store.create(makePod("big").container("c", "nginx", { requests: { cpu: "2" } }).build());
    await clock.advance(0);
    expect(pod("big").spec!.nodeName).toBeUndefined();
    await clock.advance(60_000);
    expect(recorder.events.filter((e) => e.reason === "FailedScheduling")).toHaveLength(1); // parked, not retried without a change
    await store.create(worker("w2", "4"));
    await clock.advance(10_000);
    expect(pod("big").spec!.nodeName).toBe("w2");
    expect(recorder.events.at(-1)).toMatchObject({ reason: "Scheduled", message: "Successfully assigned default/big to w2" });
  });

  it("retries when a pod on the node is deleted, and again after the periodic flush", async () => {
    const { clock, store, recorder, pod } = await setup([worker("w1", "1")]);
    await store.create(makePod("a").container("c", "nginx", { requests: { cpu: "1" } }).build());
    await clock.advance(0);
    await store.create(makePod("b").container("c", "nginx", { requests: { cpu: "1" } }).build());
    await clock.advance(0);
    expect(pod("b").spec!.nodeName).toBeUndefined();
    await clock.advance(5 * 60_000 + 30_000);
    expect(recorder.events.filter((e) => e.name === "b" && e.reason === "FailedScheduling").length).toBeGreaterThanOrEqual(2);
    await store.delete(PODS, "default", "a", { gracePeriodSeconds: 0 });
    await clock.advance(10_000);
    expect(pod("b").spec!.nodeName).toBe("w1");
  });

  it("ignores pods for another scheduler and pods already bound", async () => {
    const { clock, store, recorder } = await setup([worker("w1")]);
    await store.create(makePod("other").schedulerName("my-scheduler").build());
    await store.create(makePod("bound").onNode("w1").build());
    await clock.advance(0);
    expect(recorder.events).toEqual([]);
  });

  it("honours nodeSelector and records the affinity reason", async () => {
    const { clock, store, scheduler, pod } = await setup([makeNode("a").labels({ disk: "hdd" }).build(), makeNode("b").labels({ disk: "ssd" }).build()]);
    await store.create(makePod("p").nodeSelector({ disk: "ssd" }).build());
    await clock.advance(0);
    expect(pod("p").spec!.nodeName).toBe("b");
    expect(scheduler.recentDecisions()[0].rejected).toEqual([{ node: "a", plugin: "NodeAffinity", code: "UnschedulableAndUnresolvable", reasons: ["node(s) didn't match Pod's node affinity/selector"] }]);
  });

  it("the real event recorder aggregates repeated FailedScheduling events", async () => {
    const { EventRecorderImpl } = await import("../events/event-recorder");
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    await store.create(worker("w1", "1"));
    const recorder = new EventRecorderImpl({ client: store, clock, source: { component: "default-scheduler" } });
    const scheduler = new Scheduler({ client: store, clock, recorder });
    scheduler.start();
    await store.create(makePod("big").container("c", "nginx", { requests: { cpu: "2" } }).build());
    await clock.advance(0);
    await store.create(makePod("other").container("c", "nginx", { requests: { cpu: "100m" } }).build());
    await clock.advance(11 * 60_000);
    await recorder.flush();
    const events = store.list<CoreEvent>(resourceTypeByKind("", "Event")!).items.filter((e) => e.reason === "FailedScheduling");
    expect(events).toHaveLength(1);
    expect(events[0].count).toBeGreaterThanOrEqual(2);
  });
});
