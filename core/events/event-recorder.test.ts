import { describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../api/resources";
import type { CoreEvent, KubeObject } from "../api/types";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import type { ObjectClient } from "../store/types";
import { makeNode, makePod } from "../testing/builders";
import { EventRecorderImpl } from "./event-recorder";

const EVENTS = resourceTypeByKind("", "Event")!;

async function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const recorder = new EventRecorderImpl({ client: store, clock, source: { component: "kubelet", host: "node-1" } });
  const pod = await store.create(makePod("web").build());
  const events = () => store.list<CoreEvent>(EVENTS).items;
  return { clock, store, recorder, pod, events };
}

describe("EventRecorderImpl", () => {
  it("writes a core/v1 Event the way Kubernetes does", async () => {
    const { recorder, pod, events } = await setup();
    recorder.event(pod, "Normal", "Pulling", 'Pulling image "nginx"');
    await recorder.flush();
    const [ev] = events();
    expect(ev.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(ev).toMatchObject({
      metadata: { namespace: "default" },
      involvedObject: { kind: "Pod", namespace: "default", name: "web", uid: pod.metadata.uid, apiVersion: "v1", resourceVersion: pod.metadata.resourceVersion },
      reason: "Pulling",
      message: 'Pulling image "nginx"',
      type: "Normal",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:00:00Z",
      count: 1,
      reportingComponent: "kubelet",
      reportingInstance: "node-1",
    });
  });

  it.each([
    { source: { component: "kubelet", host: "node-1" }, reportingInstance: "node-1" },
    { source: { component: "deployment-controller" }, reportingInstance: "" },
    { source: { component: "default-scheduler" }, reportingInstance: "" },
  ])("reports as $source.component (source, reportingComponent and reportingInstance as client-go sets them)", async ({ source, reportingInstance }) => {
    const { store, pod, events } = await setup();
    const recorder = new EventRecorderImpl({ client: store, clock: new FakeClock(), source });
    recorder.event(pod, "Normal", "Test", "m");
    await recorder.flush();
    expect(events()[0]).toMatchObject({ source, reportingComponent: source.component, reportingInstance });
  });

  it("puts events about cluster-scoped objects in the default namespace", async () => {
    const { store, recorder, events } = await setup();
    const node = await store.create(makeNode("node-1").build());
    recorder.event(node, "Normal", "NodeReady", "Node node-1 status is now: NodeReady");
    await recorder.flush();
    expect(events()[0].metadata.namespace).toBe("default");
    expect(events()[0].involvedObject.namespace).toBeUndefined();
  });

  it("aggregates identical events into one with a count and the last timestamp", async () => {
    const { clock, recorder, pod, events } = await setup();
    recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
    await clock.advance(10_000);
    recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
    recorder.event(pod, "Warning", "BackOff", "Back-off restarting failed container");
    await recorder.flush();
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject({ count: 3, firstTimestamp: "2026-01-01T00:00:00Z", lastTimestamp: "2026-01-01T00:00:10Z" });
  });

  it.each([
    { name: "another reason", other: ["Normal", "Pulled", "m"] },
    { name: "another type", other: ["Warning", "Pulling", "m"] },
    { name: "another message", other: ["Normal", "Pulling", "other"] },
  ] as const)("keeps events with $name apart", async ({ other }) => {
    const { recorder, pod, events } = await setup();
    recorder.event(pod, "Normal", "Pulling", "m");
    recorder.event(pod, other[0], other[1], other[2]);
    await recorder.flush();
    expect(events()).toHaveLength(2);
  });

  it("combines many distinct messages for one reason after ten", async () => {
    const { recorder, pod, events } = await setup();
    for (let i = 0; i < 13; i++) recorder.event(pod, "Warning", "Unhealthy", `probe failed ${i}`);
    await recorder.flush();
    const combined = events().filter((e) => e.message!.startsWith("(combined from similar events): "));
    expect(events()).toHaveLength(11);
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({ count: 3, message: "(combined from similar events): probe failed 12" });
  });

  it("creates a fresh Event when the aggregated one was deleted", async () => {
    const { store, recorder, pod, events } = await setup();
    recorder.event(pod, "Normal", "Killing", "Stopping container nginx");
    await recorder.flush();
    await store.delete(EVENTS, "default", events()[0].metadata.name!);
    recorder.event(pod, "Normal", "Killing", "Stopping container nginx");
    await recorder.flush();
    expect(events()).toHaveLength(1);
    expect(events()[0].count).toBe(2);
  });

  it("never throws and swallows write errors", async () => {
    const clock = new FakeClock();
    const broken = {
      create: () => Promise.reject(new Error("down")),
      get: () => undefined,
    } as unknown as ObjectClient;
    const recorder = new EventRecorderImpl({ client: broken, clock, source: { component: "x" } });
    expect(() => recorder.event({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } } as KubeObject, "Normal", "R", "m")).not.toThrow();
    expect(() => recorder.event(null as unknown as KubeObject, "Normal", "R", "m")).not.toThrow();
    await expect(recorder.flush()).resolves.toBeUndefined();
  });
});
