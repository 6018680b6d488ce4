import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import { resourceTypeByKind } from "../api/resources";
import type { CoreEvent, Deployment, Node, Pod } from "../api/types";
import { Cluster } from "./cluster";

const PODS = resourceTypeByKind("", "Pod")!;
const NODES = resourceTypeByKind("", "Node")!;
const DEPLOYMENTS = resourceTypeByKind("apps", "Deployment")!;
const EVENTS = resourceTypeByKind("", "Event")!;
const ADMIN = { name: "admin", groups: ["system:masters"] };

const web = (image: string, replicas: number) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: nginx
          image: ${image}
          resources: { requests: { cpu: 500m, memory: 128Mi } }
`;

/** A small deterministic PRNG (mulberry32) so generated names differ but runs repeat. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("Cluster", () => {
  let cluster: Cluster | undefined;
  afterEach(() => cluster?.stop());

  async function boot(nodes: number) {
    const clock = new FakeClock();
    const random = seeded(42);
    const store = new MemoryStore({ clock, random });
    cluster = new Cluster({ store, clock, random, onControllerError: (c, k, e) => console.warn(c, k, e) });
    await cluster.start();
    for (let i = 1; i <= nodes; i++) await cluster.addNode(`n${i}`, { capacity: { cpu: "2", memory: "4Gi", pods: 110 } });
    return { clock, store, cluster };
  }

  const running = (store: MemoryStore) => store.list<Pod>(PODS, { namespace: "default" }).items.filter((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp);

  it("runs a Deployment's pods on the nodes, then rolls out a new image", async () => {
    const { clock, store, cluster } = await boot(3);
    expect(store.list<Node>(NODES).items.map((n) => n.metadata.name)).toEqual(["n1", "n2", "n3"]);
    await cluster.apiServer.apply(ADMIN, web("nginx:1.27", 3));
    for (let i = 0; i < 30 && running(store).length < 3; i++) await clock.advance(1000);
    const pods = running(store);
    expect(pods).toHaveLength(3);
    expect(new Set(pods.map((p) => p.spec!.nodeName)).size).toBe(3); // LeastAllocated spreads them
    expect(pods.every((p) => p.status!.podIP && p.status!.conditions!.some((c) => c.type === "Ready" && c.status === "True"))).toBe(true);

    await cluster.apiServer.apply(ADMIN, web("nginx:1.28", 3));
    for (let i = 0; i < 120; i++) {
      await clock.advance(1000);
      const d = store.get<Deployment>(DEPLOYMENTS, "default", "web")!;
      if (d.status?.updatedReplicas === 3 && d.status?.availableReplicas === 3 && (d.status?.replicas ?? 0) === 3) break;
    }
    const after = running(store);
    expect(after.map((p) => p.spec!.containers[0].image)).toEqual(["nginx:1.28", "nginx:1.28", "nginx:1.28"]);
    const reasons = new Set(store.list<CoreEvent>(EVENTS, { namespace: "default" }).items.map((e) => e.reason));
    for (const r of ["ScalingReplicaSet", "SuccessfulCreate", "Scheduled", "Pulling", "Pulled", "Created", "Started", "Killing"]) expect(reasons).toContain(r);
  });

  it("leaves a pod that fits nowhere Pending with FailedScheduling, and places it when a node is added", async () => {
    const { clock, store, cluster } = await boot(2);
    await cluster.apiServer.apply(ADMIN, web("nginx:1.27", 1).replace("cpu: 500m", "cpu: '3'"));
    await clock.advance(5000);
    const pending = store.list<Pod>(PODS, { namespace: "default" }).items;
    expect(pending).toHaveLength(1);
    expect(pending[0].spec!.nodeName).toBeUndefined();
    const failed = store.list<CoreEvent>(EVENTS, { namespace: "default", fieldSelector: "reason=FailedScheduling" }).items;
    expect(failed[0]?.message).toMatch(/^0\/2 nodes are available: 2 Insufficient cpu\./);

    await cluster.addNode("big", { capacity: { cpu: "8", memory: "16Gi", pods: 110 } });
    for (let i = 0; i < 30 && running(store).length < 1; i++) await clock.advance(1000);
    expect(running(store)[0]?.spec!.nodeName).toBe("big");
  });

  describe("events carry the reporting component's Kubernetes name", () => {
    let events: CoreEvent[] = [];
    beforeAll(async () => {
      const { clock, store, cluster } = await boot(1);
      await cluster.apiServer.apply(ADMIN, web("nginx:1.27", 1));
      for (let i = 0; i < 30 && running(store).length < 1; i++) await clock.advance(1000);
      events = store.list<CoreEvent>(EVENTS).items;
    });
    it.each([
      { reason: "ScalingReplicaSet", component: "deployment-controller", instance: "" },
      { reason: "SuccessfulCreate", component: "replicaset-controller", instance: "" },
      { reason: "Scheduled", component: "default-scheduler", instance: "" },
      { reason: "Pulling", component: "kubelet", host: "n1", instance: "n1" },
      { reason: "Started", component: "kubelet", host: "n1", instance: "n1" },
    ])("$reason: $component", ({ reason, component, host, instance }) => {
      const ev = events.find((e) => e.reason === reason);
      expect(ev, `an event ${reason}`).toBeDefined();
      expect(ev!.source).toEqual(host ? { component, host } : { component });
      expect(ev!.reportingComponent).toBe(component);
      expect(ev!.reportingInstance).toBe(instance);
    });
  });
});
