// Why: the kubelets' usage, sampled on the clock into bounded time series: what metrics-server serves (`kubectl top`), what the HPA reads, what the console charts.

import type { Clock, TimerHandle } from "../clock/clock";
import { bytes, cpuMillis } from "../api/quantity";
import { resourceTypeByKind } from "../api/resources";
import type { Node } from "../api/types";
import type { KubeletPool } from "../kubelet/kubelet-pool";
import type { ObjectClient } from "../store/types";
import { RingBuffer } from "./ring-buffer";
import { containerUsage, systemOverhead, type Usage } from "./usage-model";

const NODES = resourceTypeByKind("", "Node")!;

/** How a MetricsCollector is built. */
export interface MetricsCollectorConfig {
  clock: Clock;
  kubelets: KubeletPool;
  /** Reads Node labels (metrics-server copies them onto NodeMetrics); without it nodes carry only their name. */
  client?: ObjectClient;
  /** Sampling period: the kubelet's housekeeping and metrics-server's resolution (15 s). */
  intervalMs?: number;
  /** How much history each series keeps (15 min). */
  retentionMs?: number;
  /** Kill a container whose working set is over its memory limit, reason OOMKilled (default true). */
  enforceMemoryLimits?: boolean;
}

/** One point of a series: usage over the window ending at `timestamp`. */
export interface UsageSample extends Usage {
  timestamp: number;
  windowMs: number;
}

/** One container's usage in the latest scrape. */
export interface ContainerUsage extends Usage {
  name: string;
}

/** A pod's usage in the latest scrape (what PodMetrics serves). */
export interface PodUsage {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  nodeName: string;
  timestamp: number;
  windowMs: number;
  containers: ContainerUsage[];
}

/** A node's usage in the latest scrape (what NodeMetrics serves): its pods plus system overhead. */
export interface NodeUsage extends Usage {
  name: string;
  labels: Record<string, string>;
  timestamp: number;
  windowMs: number;
}

/** Cumulative counters seen at the previous scrape, per container instance. */
interface Baseline {
  at: number;
  busyMs: number;
  requests: number;
}

interface Series {
  uid: string;
  samples: RingBuffer<UsageSample>;
}

/**
 * Scrapes every running kubelet each interval. A container is reported from its second
 * scrape on (rates need two points, as metrics-server's do); stopped kubelets are not
 * scraped, so their nodes and pods drop out of the API as they would with metrics-server.
 */
export class MetricsCollector {
  private readonly clock: Clock;
  private readonly kubelets: KubeletPool;
  private readonly client?: ObjectClient;
  readonly intervalMs: number;
  readonly retentionMs: number;
  private readonly enforceMemoryLimits: boolean;
  private readonly capacity: number;
  private readonly baselines = new Map<string, Baseline>();
  private readonly containerSeries = new Map<string, Series>();
  private readonly nodeSeriesMap = new Map<string, RingBuffer<UsageSample>>();
  private latestPods = new Map<string, PodUsage>();
  private latestNodes = new Map<string, NodeUsage>();
  private timer?: TimerHandle;
  private running = false;

  constructor(config: MetricsCollectorConfig) {
    this.clock = config.clock;
    this.kubelets = config.kubelets;
    this.client = config.client;
    this.intervalMs = config.intervalMs ?? 15_000;
    this.retentionMs = config.retentionMs ?? 15 * 60_000;
    this.enforceMemoryLimits = config.enforceMemoryLimits ?? true;
    if (!(this.intervalMs > 0)) throw new Error(`MetricsCollector: intervalMs must be positive, got ${this.intervalMs}`);
    if (!(this.retentionMs >= this.intervalMs)) throw new Error(`MetricsCollector: retentionMs must be at least intervalMs`);
    this.capacity = Math.ceil(this.retentionMs / this.intervalMs);
  }

  /** Takes a first scrape (baselines) and then one every interval. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.scrape();
    const tick = () => {
      this.timer = this.clock.setTimer(() => {
        if (!this.running) return;
        this.scrape();
        tick();
      }, this.intervalMs);
    };
    tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** One scrape of every running kubelet, now. Called by the timer; tests may call it directly. */
  scrape(): void {
    const now = this.clock.now();
    const pods = new Map<string, PodUsage>();
    const nodes = new Map<string, NodeUsage>();
    const seenInstances = new Set<string>();
    for (const nodeName of this.kubelets.nodeNames()) {
      const kubelet = this.kubelets.get(nodeName);
      if (!kubelet?.isRunning()) continue;
      let nodeCpu = 0;
      let nodeMem = 0;
      let nodeWindow = this.intervalMs;
      for (const { pod, containers } of kubelet.runningPods()) {
        const ns = pod.metadata.namespace ?? "default";
        const name = pod.metadata.name ?? "";
        const uid = pod.metadata.uid ?? "";
        const usage: ContainerUsage[] = [];
        let window = this.intervalMs;
        for (const c of containers) {
          const instance = `${uid}/${c.name}/${c.containerID}`;
          seenInstances.add(instance);
          const act = c.workload.activity?.() ?? {};
          const cur: Baseline = { at: now, busyMs: act.busyMs ?? 0, requests: act.requests ?? 0 };
          const prev = this.baselines.get(instance);
          this.baselines.set(instance, cur);
          if (!prev || prev.at >= now) continue;
          window = now - prev.at;
          const limits = c.spec.resources?.limits ?? {};
          const memLimit = limits.memory !== undefined ? bytes(limits.memory) : undefined;
          const u = containerUsage({
            seed: `${uid}/${c.name}`,
            image: c.spec.image ?? c.image,
            command: c.spec.command,
            now,
            windowMs: window,
            busyMs: cur.busyMs - prev.busyMs,
            requests: cur.requests - prev.requests,
            cpuLimitMillis: limits.cpu !== undefined ? cpuMillis(limits.cpu) : undefined,
            memoryLimitBytes: memLimit,
          });
          if (this.enforceMemoryLimits && memLimit !== undefined && memLimit > 0 && u.memoryBytes > memLimit) {
            this.baselines.delete(instance);
            kubelet.killContainer(ns, name, c.name, "OOMKilled");
            continue;
          }
          usage.push({ name: c.name, ...u });
          this.record(ns, name, uid, c.name, { timestamp: now, windowMs: window, ...u });
          nodeCpu += u.cpuNanoCores;
          nodeMem += u.memoryBytes;
        }
        nodeWindow = window;
        if (usage.length) {
          pods.set(`${ns}/${name}`, { namespace: ns, name, uid, labels: { ...(pod.metadata.labels ?? {}) }, nodeName, timestamp: now, windowMs: window, containers: usage });
        }
      }
      const sys = systemOverhead(nodeName, now);
      const node: NodeUsage = {
        name: nodeName,
        labels: this.nodeLabels(nodeName),
        timestamp: now,
        windowMs: nodeWindow,
        cpuNanoCores: nodeCpu + sys.cpuNanoCores,
        memoryBytes: nodeMem + sys.memoryBytes,
      };
      nodes.set(nodeName, node);
      let ring = this.nodeSeriesMap.get(nodeName);
      if (!ring) this.nodeSeriesMap.set(nodeName, (ring = new RingBuffer(this.capacity)));
      ring.push({ timestamp: now, windowMs: node.windowMs, cpuNanoCores: node.cpuNanoCores, memoryBytes: node.memoryBytes });
    }
    for (const k of this.baselines.keys()) if (!seenInstances.has(k)) this.baselines.delete(k);
    this.forgetOld(now);
    this.latestPods = pods;
    this.latestNodes = nodes;
  }

  /** The latest usage of one node, or of every scraped node (sorted by name). */
  nodeMetrics(name?: string): NodeUsage[] {
    if (name !== undefined) {
      const n = this.latestNodes.get(name);
      return n ? [n] : [];
    }
    return [...this.latestNodes.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The latest usage of pods: all, one namespace's, or one pod's (sorted by namespace, then name). */
  podMetrics(namespace?: string, name?: string): PodUsage[] {
    if (namespace !== undefined && name !== undefined) {
      const p = this.latestPods.get(`${namespace}/${name}`);
      return p ? [p] : [];
    }
    const all = [...this.latestPods.values()].filter((p) => namespace === undefined || p.namespace === namespace);
    return all.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  }

  /** A container's history, oldest first (charts, the HPA). Empty when unknown. */
  series(namespace: string, pod: string, container: string): UsageSample[] {
    return this.containerSeries.get(`${namespace}/${pod}/${container}`)?.samples.toArray() ?? [];
  }

  /** A node's history, oldest first. */
  nodeSeries(name: string): UsageSample[] {
    return this.nodeSeriesMap.get(name)?.toArray() ?? [];
  }

  /** How many points a series holds at most (retention / interval). */
  seriesCapacity(): number {
    return this.capacity;
  }

  private record(ns: string, pod: string, uid: string, container: string, sample: UsageSample): void {
    const key = `${ns}/${pod}/${container}`;
    let s = this.containerSeries.get(key);
    // A new pod with an old pod's name (StatefulSet, re-created pod) starts a new series.
    if (!s || s.uid !== uid) this.containerSeries.set(key, (s = { uid, samples: new RingBuffer(this.capacity) }));
    s.samples.push(sample);
  }

  private forgetOld(now: number): void {
    const horizon = now - this.retentionMs;
    for (const [k, s] of this.containerSeries) if ((s.samples.last()?.timestamp ?? 0) < horizon) this.containerSeries.delete(k);
    for (const [k, r] of this.nodeSeriesMap) if ((r.last()?.timestamp ?? 0) < horizon) this.nodeSeriesMap.delete(k);
  }

  private nodeLabels(name: string): Record<string, string> {
    const node = this.client?.get<Node>(NODES, undefined, name);
    return { ...(node?.metadata.labels ?? {}) };
  }
}
