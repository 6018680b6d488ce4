// Why: one simulated kubelet per node: registers the Node, renews its Lease, and runs the pods bound to it.

import type { Clock, TimerHandle } from "../clock/clock";
import { microTime } from "../clock/clock";
import { resourceTypeByKind } from "../api/resources";
import { badRequest } from "../api/errors";
import { cpuMillis } from "../api/quantity";
import type { Lease, Node, Pod, Taint } from "../api/types";
import { objectKey } from "../api/types";
import { EventRecorderImpl } from "../events/event-recorder";
import type { EventRecorder, EventSource } from "../events/recorder";
import type { ObjectClient, Watch, WatchEvent } from "../store/types";
import { ImageCache } from "./image-puller";
import { renderLog, type LogBufferConfig, type LogOptions } from "./log-buffer";
import { buildLease, buildNode, healthyConditions, NODE_LEASE_NAMESPACE, nodeLabels, type NodeSpecInput } from "./node-object";
import { PodWorker, type RunningContainer } from "./pod-worker";
import type { Workload } from "./workloads/types";

const PODS = resourceTypeByKind("", "Pod")!;
const NODES = resourceTypeByKind("", "Node")!;
const LEASES = resourceTypeByKind("coordination.k8s.io", "Lease")!;

/** How a Kubelet is built. */
export interface KubeletConfig {
  client: ObjectClient;
  clock: Clock;
  /** A recorder, or a factory given `{component: "kubelet", host: nodeName}`; default: an EventRecorderImpl on `client`. */
  recorder?: EventRecorder | ((source: EventSource) => EventRecorder);
  nodeName: string;
  capacity: { cpu: string | number; memory: string | number; pods?: string | number; "ephemeral-storage"?: string | number };
  labels?: Record<string, string>;
  taints?: Taint[];
  /** e.g. `10.244.1.0/24`; pod IPs are handed out from it. */
  podCIDR: string;
  internalIP: string;
  /** Sets the `node.kubernetes.io/instance-type` label. */
  instanceType?: string;
  random?: () => number;
  /** Lease duration (40 s) and renew interval (10 s, a quarter of it, as the kubelet does). */
  leaseDurationSeconds?: number;
  leaseRenewIntervalMs?: number;
  /** How often node status is checked (10 s) and re-posted even when unchanged (5 min). */
  nodeStatusUpdateMs?: number;
  nodeStatusReportMs?: number;
  /** Bounds of each container's log ring. */
  logLimits?: LogBufferConfig;
  /** nginx models send occasional synthetic client requests (default true). */
  syntheticTraffic?: boolean;
}

/** A node agent: Node registration and heartbeats, Lease renewal, and a PodWorker per pod bound here. */
export class Kubelet {
  readonly nodeName: string;
  private readonly client: ObjectClient;
  private readonly clock: Clock;
  private readonly recorder: EventRecorder;
  private readonly random: () => number;
  private readonly input: NodeSpecInput;
  private readonly images = new ImageCache();
  private readonly workers = new Map<string, PodWorker>();
  private readonly usedIPs = new Set<string>();
  private readonly ipPrefix: string;
  private readonly leaseDuration: number;
  private readonly leaseRenewMs: number;
  private readonly statusUpdateMs: number;
  private readonly statusReportMs: number;
  private readonly logLimits?: LogBufferConfig;
  private readonly syntheticTraffic: boolean;
  private watch?: Watch;
  private timers: TimerHandle[] = [];
  private running = false;
  private stopped = false;
  private lastReport = 0;

  constructor(config: KubeletConfig) {
    this.client = config.client;
    this.clock = config.clock;
    this.nodeName = config.nodeName;
    this.random = config.random ?? Math.random;
    const source = { component: "kubelet", host: config.nodeName };
    this.recorder =
      typeof config.recorder === "function" ? config.recorder(source) : (config.recorder ?? new EventRecorderImpl({ client: config.client, clock: config.clock, source }));
    this.input = {
      nodeName: config.nodeName,
      capacity: config.capacity,
      labels: config.labels,
      taints: config.taints,
      podCIDR: config.podCIDR,
      internalIP: config.internalIP,
      instanceType: config.instanceType,
    };
    const m = /^(\d+\.\d+\.\d+)\.\d+\/\d+$/.exec(config.podCIDR);
    if (!m) throw new Error(`kubelet: podCIDR must look like 10.244.1.0/24, got "${config.podCIDR}"`);
    this.ipPrefix = m[1];
    this.leaseDuration = config.leaseDurationSeconds ?? 40;
    this.leaseRenewMs = config.leaseRenewIntervalMs ?? (this.leaseDuration * 1000) / 4;
    this.statusUpdateMs = config.nodeStatusUpdateMs ?? 10_000;
    this.statusReportMs = config.nodeStatusReportMs ?? 5 * 60_000;
    this.logLimits = config.logLimits;
    this.syntheticTraffic = config.syntheticTraffic ?? true;
  }

  /** Registers the node, starts heartbeats and the pod watch. Resolves once the Node is registered. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopped = false;
    await this.registerNode();
    await this.renewLease();
    this.syncPods();
    this.loop(this.leaseRenewMs, () => this.renewLease());
    this.loop(this.statusUpdateMs, () => this.updateNodeStatus(false));
  }

  /** Stops the kubelet process: no more heartbeats or status writes; containers are left as they are. */
  stop(): void {
    this.running = false;
    this.stopped = true;
    this.watch?.stop();
    this.watch = undefined;
    for (const t of this.timers) this.clock.clearTimer(t);
    this.timers = [];
  }

  /** Stops and forgets every pod (shutdown of the whole cluster). */
  dispose(): void {
    this.stop();
    for (const w of this.workers.values()) w.dispose();
    this.workers.clear();
  }

  isRunning(): boolean {
    return this.running;
  }

  /** The pod IPs of this node's gateway: where probes come from. */
  gatewayIP(): string {
    return `${this.ipPrefix}.1`;
  }

  /** Logs of a container of a pod on this node, with `kubectl logs` options. */
  readLogs(namespace: string, podName: string, container: string, opts: LogOptions = {}): string {
    const w = this.workers.get(`${namespace}/${podName}`);
    const buf = w?.logs(container, !!opts.previous);
    if (!buf) {
      if (opts.previous) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
      throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ContainerCreating`);
    }
    return renderLog(buf.all(), opts, this.clock.now());
  }

  /** The running workload of a container (services route to it; kubectl exec runs in it). */
  workload(namespace: string, podName: string, container: string): Workload | undefined {
    return this.workers.get(`${namespace}/${podName}`)?.workload(container);
  }

  /** SIGKILL one container (fault injection, or reason "OOMKilled"). Returns false when it is not running. */
  killContainer(namespace: string, podName: string, container: string, reason?: string): boolean {
    return this.workers.get(`${namespace}/${podName}`)?.killContainer(container, reason) ?? false;
  }

  /** Every pod on this node with its running containers: the stats the metrics collector scrapes. */
  runningPods(): { pod: Pod; containers: RunningContainer[] }[] {
    const out: { pod: Pod; containers: RunningContainer[] }[] = [];
    for (const w of this.workers.values()) {
      const containers = w.runningContainers();
      if (containers.length) out.push({ pod: w.pod, containers });
    }
    return out;
  }

  private loop(ms: number, fn: () => Promise<void> | void): void {
    const tick = () => {
      if (!this.running) return;
      const h = this.clock.setTimer(() => {
        this.timers = this.timers.filter((t) => t !== h);
        void Promise.resolve()
          .then(fn)
          .catch(() => undefined)
          .finally(tick);
      }, ms);
      this.timers.push(h);
    };
    tick();
  }

  private async registerNode(): Promise<void> {
    const now = this.clock.now();
    const existing = this.client.get<Node>(NODES, undefined, this.nodeName);
    const fresh = buildNode(this.input, now, this.images.list());
    if (!existing) {
      this.recorder.event(fresh, "Normal", "Starting", "Starting kubelet.");
      const created = await this.client.create(fresh);
      this.lastReport = now;
      await this.client.update({ ...structuredClone(created), status: fresh.status }, { subresource: "status" }).catch(() => undefined);
      for (const [reason] of [["NodeHasSufficientMemory"], ["NodeHasNoDiskPressure"], ["NodeHasSufficientPID"]]) {
        this.recorder.event(created, "Normal", reason, `Node ${this.nodeName} status is now: ${reason}`);
      }
      this.recorder.event(created, "Normal", "NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
      this.recorder.event(created, "Normal", "NodeReady", `Node ${this.nodeName} status is now: NodeReady`);
      return;
    }
    const next = structuredClone(existing) as Node;
    next.metadata.labels = { ...existing.metadata.labels, ...nodeLabels(this.input) };
    next.spec = { ...next.spec, podCIDR: this.input.podCIDR, podCIDRs: [this.input.podCIDR] };
    const updated = await this.client.update(next).catch(() => existing);
    this.recorder.event(updated, "Normal", "Starting", "Starting kubelet.");
    await this.updateNodeStatus(true);
  }

  private async updateNodeStatus(force: boolean): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    const cur = this.client.get<Node>(NODES, undefined, this.nodeName);
    if (!cur) {
      await this.registerNode();
      return;
    }
    const fresh = buildNode(this.input, now, this.images.list());
    const conditions = healthyConditions(now, cur.status?.conditions);
    const wasReady = cur.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
    const status = { ...cur.status, capacity: fresh.status!.capacity, allocatable: fresh.status!.allocatable, addresses: fresh.status!.addresses, daemonEndpoints: fresh.status!.daemonEndpoints, nodeInfo: { ...fresh.status!.nodeInfo, bootID: cur.status?.nodeInfo?.bootID ?? fresh.status!.nodeInfo!.bootID }, images: fresh.status!.images };
    const strip = (s: unknown) => JSON.stringify(s, (k, v) => (k === "lastHeartbeatTime" || k === "lastTransitionTime" ? undefined : v));
    const changed = strip({ ...status, conditions }) !== strip(cur.status);
    if (!force && !changed && now - this.lastReport < this.statusReportMs) return;
    const next = structuredClone(cur) as Node;
    next.status = { ...status, conditions } as Node["status"];
    this.lastReport = now;
    await this.client.update(next, { subresource: "status" });
    if (!wasReady) this.recorder.event(cur, "Normal", "NodeReady", `Node ${this.nodeName} status is now: NodeReady`);
  }

  private async renewLease(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    const cur = this.client.get<Lease>(LEASES, NODE_LEASE_NAMESPACE, this.nodeName);
    if (!cur) {
      const node = this.client.get<Node>(NODES, undefined, this.nodeName);
      await this.client.create(buildLease(this.nodeName, node?.metadata.uid, now, this.leaseDuration));
      return;
    }
    const next = structuredClone(cur) as Lease;
    next.spec = { ...next.spec, holderIdentity: this.nodeName, leaseDurationSeconds: this.leaseDuration, renewTime: microTime(now) };
    await this.client.update(next);
  }

  /** Lists the pods bound here, reconciles workers, then watches. */
  private syncPods(): void {
    const fieldSelector = `spec.nodeName=${this.nodeName}`;
    const list = this.client.list<Pod>(PODS, { fieldSelector });
    const seen = new Set<string>();
    for (const p of list.items) {
      seen.add(objectKey(p));
      this.onPod({ type: "ADDED", object: p });
    }
    for (const [key, w] of this.workers) {
      if (!seen.has(key)) {
        w.dispose();
        this.workers.delete(key);
      } else w.resync();
    }
    this.watch = this.client.watch<Pod>(PODS, { fieldSelector, resourceVersion: list.resourceVersion }, (e) => this.onPod(e));
  }

  private onPod(e: WatchEvent<Pod>): void {
    if (e.type === "BOOKMARK" || this.stopped) return;
    const key = objectKey(e.object);
    const w = this.workers.get(key);
    if (e.type === "DELETED") {
      if (w) {
        w.dispose();
        this.workers.delete(key);
      }
      return;
    }
    if (w && w.pod.metadata.uid === e.object.metadata.uid) {
      w.update(e.object);
      return;
    }
    if (w) w.dispose();
    const worker = new PodWorker(
      {
        client: this.client,
        clock: this.clock,
        recorder: this.recorder,
        random: this.random,
        hostIP: this.input.internalIP,
        probeSourceIP: this.gatewayIP(),
        cpus: Math.max(1, Math.round(cpuMillis(this.input.capacity.cpu) / 1000)),
        images: this.images,
        allocateIP: () => this.allocateIP(),
        releaseIP: (ip) => this.usedIPs.delete(ip),
        paused: () => this.stopped,
        logLimits: this.logLimits,
        syntheticTraffic: this.syntheticTraffic,
      },
      e.object,
    );
    this.workers.set(key, worker);
    worker.start();
  }

  private allocateIP(): string {
    for (let i = 2; i < 255; i++) {
      const ip = `${this.ipPrefix}.${i}`;
      if (!this.usedIPs.has(ip)) {
        this.usedIPs.add(ip);
        return ip;
      }
    }
    return `${this.ipPrefix}.254`;
  }
}

