import { describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../api/resources";
import type { Pod } from "../api/types";
import { FakeClock } from "../clock/fake-clock";
import { KubeletPool } from "../kubelet/kubelet-pool";
import { MemoryStore } from "../store/memory-store";
import { makePod } from "../testing/builders";
import { MetricsCollector } from "./metrics-collector";
import { containerUsage } from "./usage-model";

const PODS = resourceTypeByKind("", "Pod")!;
const MiB = 1024 * 1024;

async function setup(opts: { retentionMs?: number } = {}) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const pool = new KubeletPool({ client: store, clock, random, defaults: { syntheticTraffic: false } });
  await pool.addNode("node-1", { capacity: { cpu: "4", memory: "8Gi", pods: 110 }, labels: { zone: "a" } });
  await pool.addNode("node-2", { capacity: { cpu: "4", memory: "8Gi", pods: 110 } });
  const collector = new MetricsCollector({ clock, kubelets: pool, client: store, ...opts });
  const pod = (name: string) => store.get<Pod>(PODS, "default", name)!;
  return { clock, store, pool, collector, pod };
}

const millis = (n: number) => n / 1e6;

describe("MetricsCollector", () => {
  it("reports a running nginx from its second scrape on, within the model's bounds", async () => {
    const { clock, store, collector } = await setup();
    await store.create(makePod("web").onNode("node-1").labels({ app: "web" }).container("nginx", "nginx:1.27").build());
    await clock.advance(5_000);
    collector.start();
    expect(collector.podMetrics()).toEqual([]);
    await clock.advance(15_000);
    const [pm] = collector.podMetrics("default", "web");
    expect(pm).toMatchObject({ namespace: "default", name: "web", labels: { app: "web" }, nodeName: "node-1", windowMs: 15_000, timestamp: clock.now() });
    expect(pm.containers.map((c) => c.name)).toEqual(["nginx"]);
    const c = pm.containers[0];
    expect(millis(c.cpuNanoCores)).toBeGreaterThanOrEqual(1);
    expect(millis(c.cpuNanoCores)).toBeLessThanOrEqual(3);
    expect(c.memoryBytes / MiB).toBeGreaterThanOrEqual(3.9);
    expect(c.memoryBytes / MiB).toBeLessThanOrEqual(8.2);
    collector.stop();
  });

  it("is deterministic: each sample is the model's value for the pod's uid and the time", async () => {
    const { clock, store, collector, pod } = await setup();
    await store.create(makePod("web").onNode("node-1").container("nginx", "nginx:1.27").build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(60_000);
    const s = collector.series("default", "web", "nginx");
    expect(s).toHaveLength(4);
    const uid = pod("web").metadata.uid!;
    for (const x of s) {
      const expected = containerUsage({ seed: `${uid}/nginx`, image: "nginx:1.27", now: x.timestamp, windowMs: 15_000, requests: 0, busyMs: 0 });
      expect({ cpuNanoCores: x.cpuNanoCores, memoryBytes: x.memoryBytes }).toEqual(expected);
    }
    expect(new Set(s.map((x) => x.cpuNanoCores)).size).toBeGreaterThan(1);
  });

  it("node usage is the sum of its pods plus system overhead", async () => {
    const { clock, store, collector } = await setup();
    await store.create(makePod("a").onNode("node-1").container("nginx", "nginx:1.27").build());
    await store.create(makePod("b").onNode("node-1").container("sh", "busybox:1.36", { command: ["sleep", "3600"] }).build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(15_000);
    const [n1] = collector.nodeMetrics("node-1");
    const pods = collector.podMetrics().filter((p) => p.nodeName === "node-1");
    expect(pods.map((p) => p.name)).toEqual(["a", "b"]);
    const sumCpu = pods.flatMap((p) => p.containers).reduce((s, c) => s + c.cpuNanoCores, 0);
    const sumMem = pods.flatMap((p) => p.containers).reduce((s, c) => s + c.memoryBytes, 0);
    expect(millis(n1.cpuNanoCores - sumCpu)).toBeGreaterThanOrEqual(40);
    expect(millis(n1.cpuNanoCores - sumCpu)).toBeLessThanOrEqual(70);
    expect((n1.memoryBytes - sumMem) / MiB).toBeGreaterThanOrEqual(300);
    expect(n1.labels).toMatchObject({ zone: "a", "kubernetes.io/hostname": "node-1" });
    expect(collector.nodeMetrics().map((n) => n.name)).toEqual(["node-1", "node-2"]);
  });

  it.each([
    { name: "with a 500m limit it is throttled at the limit", limits: { cpu: "500m" }, lo: 485, hi: 500 },
    { name: "without a limit it takes about one core", limits: undefined, lo: 960, hi: 1000 },
  ])("a busy-loop container $name", async ({ limits, lo, hi }) => {
    const { clock, store, collector } = await setup();
    await store.create(makePod("spin").onNode("node-1").container("spin", "busybox:1.36", { command: ["sh", "-c", "while true; do :; done"], limits }).build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(30_000);
    const s = collector.series("default", "spin", "spin");
    expect(s).toHaveLength(2);
    for (const x of s) {
      expect(millis(x.cpuNanoCores)).toBeGreaterThanOrEqual(lo);
      expect(millis(x.cpuNanoCores)).toBeLessThanOrEqual(hi);
    }
    collector.stop();
  });

  it("an idle shell (sleep) stays near zero CPU", async () => {
    const { clock, store, collector } = await setup();
    await store.create(makePod("idle").onNode("node-1").container("c", "busybox:1.36", { command: ["sh", "-c", "while true; do sleep 5; done"] }).build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(30_000);
    for (const x of collector.series("default", "idle", "c")) expect(millis(x.cpuNanoCores)).toBeLessThanOrEqual(1);
  });

  it("keeps bounded history and forgets pods gone longer than the retention", async () => {
    const { clock, store, collector } = await setup({ retentionMs: 60_000 });
    await store.create(makePod("web").onNode("node-1").container("nginx", "nginx:1.27").build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(10 * 60_000);
    expect(collector.seriesCapacity()).toBe(4);
    const s = collector.series("default", "web", "nginx");
    expect(s).toHaveLength(4);
    expect(s.map((x) => x.timestamp)).toEqual([3, 2, 1, 0].map((i) => clock.now() - i * 15_000));
    expect(collector.nodeSeries("node-1")).toHaveLength(4);
    await store.delete(PODS, "default", "web", { gracePeriodSeconds: 0 });
    await clock.advance(15_000);
    expect(collector.podMetrics("default", "web")).toEqual([]);
    expect(collector.series("default", "web", "nginx")).toHaveLength(4);
    await clock.advance(2 * 60_000);
    expect(collector.series("default", "web", "nginx")).toEqual([]);
  });

  it("a stopped kubelet is not scraped: its node and pods drop out", async () => {
    const { clock, store, pool, collector } = await setup();
    await store.create(makePod("web").onNode("node-2").container("nginx", "nginx:1.27").build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(15_000);
    expect(collector.podMetrics()).toHaveLength(1);
    pool.stopNode("node-2");
    await clock.advance(15_000);
    expect(collector.nodeMetrics().map((n) => n.name)).toEqual(["node-1"]);
    expect(collector.podMetrics()).toEqual([]);
  });

  it("a container over its memory limit is OOMKilled (exit code 137) and restarted", async () => {
    const { clock, store, collector, pod } = await setup();
    await store.create(makePod("small").onNode("node-1").container("nginx", "nginx:1.27", { limits: { memory: "2Mi" } }).build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(15_000);
    expect(collector.podMetrics("default", "small")).toEqual([]);
    await clock.advance(2_000);
    const st = pod("small").status!.containerStatuses![0];
    const term = st.state?.terminated ?? st.lastState?.terminated;
    expect(term).toMatchObject({ reason: "OOMKilled", exitCode: 137 });
    await clock.advance(15_000);
    expect(pod("small").status!.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(1);
  });
});

describe("Cluster wiring", () => {
  it("a started Cluster scrapes its kubelets; a stopped one does not", async () => {
    const { Cluster } = await import("../cluster/cluster");
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const cluster = new Cluster({ store, clock, random: () => 0.5 });
    await cluster.start();
    await cluster.addNode("n1", { capacity: { cpu: "2", memory: "4Gi", pods: 110 } });
    await store.create(makePod("web").onNode("n1").container("nginx", "nginx").build());
    await clock.advance(35_000);
    expect(cluster.metrics.podMetrics("default").map((p) => p.name)).toEqual(["web"]);
    expect(cluster.metrics.nodeMetrics().map((n) => n.name)).toEqual(["n1"]);
    cluster.stop();
    const before = cluster.metrics.nodeSeries("n1").length;
    await clock.advance(60_000);
    expect(cluster.metrics.nodeSeries("n1")).toHaveLength(before);
  });
});
