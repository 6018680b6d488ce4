import { describe, expect, it } from "vitest";
import { ApiError } from "@/core/api/errors";
import type { NodeUsage, PodUsage } from "@/core/metrics/metrics-collector";
import { getNodeMetrics, getPodMetrics, listNodeMetrics, listPodMetrics, type MetricsSource } from "./metrics-api";

const T = Date.parse("2026-01-01T00:10:00Z");
const NOW = T + 4_000;
const Ki = 1024;

const nodes: NodeUsage[] = [
  { name: "node-1", labels: { "kubernetes.io/hostname": "node-1", zone: "a" }, timestamp: T, windowMs: 15_000, cpuNanoCores: 143_829_549, memoryBytes: 1_346_796 * Ki },
  { name: "node-2", labels: { "kubernetes.io/hostname": "node-2", zone: "b" }, timestamp: T, windowMs: 15_000, cpuNanoCores: 60_000_000, memoryBytes: 350 * 1024 * Ki },
];
const pods: PodUsage[] = [
  { namespace: "default", name: "web", uid: "u1", labels: { app: "web" }, nodeName: "node-1", timestamp: T, windowMs: 15_000, containers: [{ name: "nginx", cpuNanoCores: 2_166_395, memoryBytes: 5_120 * Ki }] },
  { namespace: "default", name: "db", uid: "u2", labels: { app: "db" }, nodeName: "node-2", timestamp: T, windowMs: 15_000, containers: [{ name: "redis", cpuNanoCores: 3_000_000, memoryBytes: 3 * 1024 * Ki }] },
  { namespace: "kube-system", name: "coredns", uid: "u3", labels: { k8s: "dns" }, nodeName: "node-1", timestamp: T, windowMs: 15_000, containers: [{ name: "coredns", cpuNanoCores: 0, memoryBytes: 14_520 * Ki }] },
];

const src: MetricsSource = {
  nodeMetrics: (name) => nodes.filter((n) => name === undefined || n.name === name),
  podMetrics: (ns, name) => pods.filter((p) => (ns === undefined || p.namespace === ns) && (name === undefined || p.name === name)),
};

describe("metrics.k8s.io/v1beta1 documents", () => {
  it("NodeMetricsList has metrics-server's shape", () => {
    const list = listNodeMetrics(src, {}, NOW);
    expect(JSON.parse(JSON.stringify(list))).toEqual({
      kind: "NodeMetricsList",
      apiVersion: "metrics.k8s.io/v1beta1",
      metadata: {},
      items: [
        {
          metadata: { name: "node-1", creationTimestamp: "2026-01-01T00:10:04Z", labels: { "kubernetes.io/hostname": "node-1", zone: "a" } },
          timestamp: "2026-01-01T00:10:00Z",
          window: "15s",
          usage: { cpu: "143829549n", memory: "1346796Ki" },
        },
        {
          metadata: { name: "node-2", creationTimestamp: "2026-01-01T00:10:04Z", labels: { "kubernetes.io/hostname": "node-2", zone: "b" } },
          timestamp: "2026-01-01T00:10:00Z",
          window: "15s",
          usage: { cpu: "60m", memory: "350Mi" },
        },
      ],
    });
  });

  it("PodMetrics has metrics-server's shape", () => {
    expect(getPodMetrics(src, "default", "web", NOW)).toEqual({
      kind: "PodMetrics",
      apiVersion: "metrics.k8s.io/v1beta1",
      metadata: { name: "web", namespace: "default", creationTimestamp: "2026-01-01T00:10:04Z", labels: { app: "web" } },
      timestamp: "2026-01-01T00:10:00Z",
      window: "15s",
      containers: [{ name: "nginx", usage: { cpu: "2166395n", memory: "5Mi" } }],
    });
  });

  it.each([
    { name: "all namespaces", ns: undefined, opts: {}, want: ["default/web", "default/db", "kube-system/coredns"] },
    { name: "one namespace", ns: "default", opts: {}, want: ["default/web", "default/db"] },
    { name: "label selector", ns: undefined, opts: { labelSelector: "app in (web,db),app!=db" }, want: ["default/web"] },
    { name: "field selector on name", ns: undefined, opts: { fieldSelector: "metadata.name=coredns" }, want: ["kube-system/coredns"] },
    { name: "field selector on namespace", ns: undefined, opts: { fieldSelector: "metadata.namespace!=default" }, want: ["kube-system/coredns"] },
  ])("PodMetricsList: $name", ({ ns, opts, want }) => {
    const list = listPodMetrics(src, ns, opts, NOW);
    expect(list.kind).toBe("PodMetricsList");
    expect(list.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual(want);
  });

  it("a zero CPU usage is written as \"0\"", () => {
    const [dns] = listPodMetrics(src, "kube-system", {}, NOW).items;
    expect(dns.containers[0].usage).toEqual({ cpu: "0", memory: "14520Ki" });
  });

  it("NodeMetricsList filters by label", () => {
    expect(listNodeMetrics(src, { labelSelector: "zone=b" }, NOW).items.map((i) => i.metadata.name)).toEqual(["node-2"]);
  });

  it.each([
    { name: "node", call: () => getNodeMetrics(src, "nope", NOW), message: 'nodemetrics.metrics.k8s.io "nope" not found' },
    { name: "pod", call: () => getPodMetrics(src, "default", "nope", NOW), message: 'podmetrics.metrics.k8s.io "default/nope" not found' },
  ])("a missing $name is 404 NotFound as metrics-server says it", ({ call, message }) => {
    try {
      call();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).status).toMatchObject({ code: 404, reason: "NotFound", message });
    }
  });

  it.each([
    { name: "bad label selector", opts: { labelSelector: "app in (" } },
    { name: "unsupported field", opts: { fieldSelector: "spec.nodeName=node-1" } },
  ])("a $name is 400 BadRequest", ({ opts }) => {
    expect(() => listPodMetrics(src, undefined, opts, NOW)).toThrow(ApiError);
    try {
      listPodMetrics(src, undefined, opts, NOW);
    } catch (e) {
      expect((e as ApiError).code).toBe(400);
    }
  });
});

describe("metrics.k8s.io over a real collector", () => {
  it("serves a running pod's usage after the second scrape", async () => {
    const { FakeClock } = await import("@/core/clock/fake-clock");
    const { MemoryStore } = await import("@/core/store/memory-store");
    const { KubeletPool } = await import("@/core/kubelet/kubelet-pool");
    const { MetricsCollector } = await import("@/core/metrics/metrics-collector");
    const { makePod } = await import("@/core/testing/builders");
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const pool = new KubeletPool({ client: store, clock, random: () => 0.5, defaults: { syntheticTraffic: false } });
    await pool.addNode("node-1", {});
    const collector = new MetricsCollector({ clock, kubelets: pool, client: store });
    await store.create(makePod("web").onNode("node-1").labels({ app: "web" }).container("nginx", "nginx").build());
    await clock.advance(5_000);
    collector.start();
    await clock.advance(15_000);
    const list = listPodMetrics(collector, "default", { labelSelector: "app=web" }, clock.now());
    expect(list.items).toHaveLength(1);
    expect(list.items[0].window).toBe("15s");
    expect(list.items[0].containers[0].usage.cpu).toMatch(/^\d+(n|u|m)?$/);
    expect(list.items[0].containers[0].usage.memory).toMatch(/^\d+(Ki|Mi)$/);
    expect(getNodeMetrics(collector, "node-1", clock.now()).metadata.labels).toMatchObject({ "kubernetes.io/hostname": "node-1" });
    collector.stop();
    pool.stopAll();
  });
});
