// Why: the cluster's nodes as one object: create kubelets, read container logs the way the apiserver proxies them, and inject faults.

import type { Clock } from "../clock/clock";
import { badRequest, notFound } from "../api/errors";
import { resourceTypeByKind } from "../api/resources";
import type { Pod } from "../api/types";
import type { EventRecorder, EventSource } from "../events/recorder";
import type { ObjectClient } from "../store/types";
import { Kubelet, type KubeletConfig } from "./kubelet";
import type { LogOptions } from "./log-buffer";
import type { Workload } from "./workloads/types";

const PODS = resourceTypeByKind("", "Pod")!;
const PULL_REASONS = new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"]);

/** Shared settings for every kubelet of the pool. */
export interface KubeletPoolConfig {
  client: ObjectClient;
  clock: Clock;
  /** A recorder, or a factory per node (`{component: "kubelet", host: node}`); default: EventRecorderImpl per node. */
  recorder?: EventRecorder | ((source: EventSource) => EventRecorder);
  random?: () => number;
  /** Defaults applied to every node added (capacity, logLimits, syntheticTraffic…). */
  defaults?: Partial<Omit<KubeletConfig, "client" | "clock" | "nodeName">>;
}

/** Per-node settings for {@link KubeletPool.addNode}; podCIDR and internalIP default to the next free `10.244.N.0/24` / `172.18.0.N`. */
export type NodeOptions = Partial<Omit<KubeletConfig, "client" | "clock" | "nodeName" | "recorder">>;

/** Holds the kubelets by node name. */
export class KubeletPool {
  private readonly client: ObjectClient;
  private readonly clock: Clock;
  private readonly config: KubeletPoolConfig;
  private readonly kubelets = new Map<string, Kubelet>();
  private nextIndex = 0;

  constructor(config: KubeletPoolConfig) {
    this.client = config.client;
    this.clock = config.clock;
    this.config = config;
  }

  /** Creates and starts a kubelet for `nodeName`; resolves once its Node is registered. */
  async addNode(nodeName: string, opts: NodeOptions = {}): Promise<Kubelet> {
    if (this.kubelets.has(nodeName)) throw new Error(`kubelet for node "${nodeName}" already exists`);
    const i = this.nextIndex++;
    const kubelet = new Kubelet({
      capacity: { cpu: "4", memory: "8Gi", pods: 110 },
      podCIDR: `10.244.${i}.0/24`,
      internalIP: `172.18.0.${i + 2}`,
      random: this.config.random,
      ...this.config.defaults,
      ...opts,
      recorder: this.config.recorder,
      client: this.client,
      clock: this.clock,
      nodeName,
    });
    this.kubelets.set(nodeName, kubelet);
    await kubelet.start();
    return kubelet;
  }

  get(nodeName: string): Kubelet | undefined {
    return this.kubelets.get(nodeName);
  }

  nodeNames(): string[] {
    return [...this.kubelets.keys()];
  }

  /** Stops every kubelet and forgets the pods they ran. */
  stopAll(): void {
    for (const k of this.kubelets.values()) k.dispose();
  }

  /** Removes a node's kubelet (the Node object is left to whoever deletes it). */
  removeNode(nodeName: string): void {
    this.kubelets.get(nodeName)?.dispose();
    this.kubelets.delete(nodeName);
  }

  /** Fault injection: the kubelet stops heartbeating and stops updating its pods. */
  stopNode(nodeName: string): void {
    this.kubeletOf(nodeName).stop();
  }

  /** Brings a stopped kubelet back: re-registers, renews its Lease, catches up on its pods. */
  async startNode(nodeName: string): Promise<void> {
    await this.kubeletOf(nodeName).start();
  }

  /** Fault injection: SIGKILL a container (exit code 137); its pod's restart policy applies. `reason` defaults to "Error" ("OOMKilled" for the memory limit). */
  killContainer(namespace: string, podName: string, container: string, reason?: string): boolean {
    const pod = this.client.get<Pod>(PODS, namespace, podName);
    const node = pod?.spec?.nodeName;
    return node ? (this.kubelets.get(node)?.killContainer(namespace, podName, container, reason) ?? false) : false;
  }

  /** The running workload of a container, for service routing and exec. */
  workload(namespace: string, podName: string, container?: string): Workload | undefined {
    const pod = this.client.get<Pod>(PODS, namespace, podName);
    const node = pod?.spec?.nodeName;
    if (!pod || !node) return undefined;
    return this.kubelets.get(node)?.workload(namespace, podName, container ?? pod.spec!.containers[0]?.name ?? "");
  }

  /**
   * `kubectl logs` (GET pods/log): validates as the apiserver does, then reads from the kubelet.
   * Throws ApiError: 404 for a missing pod, 400 for a missing/invalid container name, a
   * container that has not started, or a missing previous instance.
   */
  readLogs(namespace: string, podName: string, container: string | undefined, opts: LogOptions = {}): string {
    const pod = this.client.get<Pod>(PODS, namespace, podName);
    if (!pod) throw notFound({ kind: "pods", name: podName });
    const names = (pod.spec?.containers ?? []).map((c) => c.name);
    const inits = (pod.spec?.initContainers ?? []).map((c) => c.name);
    const ephemeral = (pod.spec?.ephemeralContainers ?? []).map((c) => c.name);
    let name = container;
    if (!name) {
      if (names.length === 1 && inits.length === 0) name = names[0];
      else if (names.length === 1) name = names[0];
      else {
        let msg = `a container name must be specified for pod ${podName}, choose one of: [${names.join(" ")}]`;
        if (inits.length) msg += ` or one of the init containers: [${inits.join(" ")}]`;
        throw badRequest(msg);
      }
    }
    if (![...names, ...inits, ...ephemeral].includes(name)) throw badRequest(`container ${name} is not valid for pod ${podName}`);
    const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
    const st = statuses.find((s) => s.name === name);
    const waiting = st?.state?.waiting;
    const neverRan = !st?.lastState?.terminated;
    if (!opts.previous && waiting && neverRan) {
      const why = PULL_REASONS.has(waiting.reason ?? "") ? "trying and failing to pull image" : (waiting.reason ?? "ContainerCreating");
      throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${why}`);
    }
    if (!pod.spec?.nodeName) {
      if (opts.previous) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
      throw badRequest(`pod ${podName} does not have a host assigned`);
    }
    const kubelet = this.kubelets.get(pod.spec.nodeName);
    if (!kubelet) throw badRequest(`Get "https://${pod.status?.hostIP ?? pod.spec.nodeName}:10250/containerLogs/${namespace}/${podName}/${name}": dial tcp: connect: connection refused`);
    return kubelet.readLogs(namespace, podName, name, opts);
  }

  private kubeletOf(nodeName: string): Kubelet {
    const k = this.kubelets.get(nodeName);
    if (!k) throw new Error(`no kubelet for node "${nodeName}"`);
    return k;
  }
}
