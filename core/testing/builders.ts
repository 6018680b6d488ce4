// Why: tests build Kubernetes objects fluently (like the scheduler's st.MakePod()) instead of repeating literal manifests.

import type { Container, Deployment, KubeObject, Namespace, Node, Pod, ReplicaSet, Taint, Toleration } from "../api/types";

type Quantity = string | number;
type ResourceList = Record<string, Quantity>;
type Labels = Record<string, string>;

/** Options of {@link PodBuilder.container}. */
export interface ContainerOptions {
  requests?: ResourceList;
  limits?: ResourceList;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  ports?: number[];
}

function resources(list?: ResourceList): Record<string, string> | undefined {
  if (!list) return undefined;
  return Object.fromEntries(Object.entries(list).map(([k, v]) => [k, String(v)]));
}

/** An ownerReference to `owner`, as controllers write it. */
export function ownerReferenceTo(owner: KubeObject, controller = true) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
  };
}

/** Builds a v1 Pod. Defaults: namespace "default", one container `app` running `nginx` unless containers are added. */
export class PodBuilder {
  private pod: Pod;
  private containers: Container[] = [];
  private isReady = false;

  constructor(name = "pod") {
    this.pod = { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { containers: [] }, status: { phase: "Pending" } };
  }

  namespace(ns: string): this {
    this.pod.metadata.namespace = ns;
    return this;
  }
  uid(uid: string): this {
    this.pod.metadata.uid = uid;
    return this;
  }
  labels(labels: Labels): this {
    this.pod.metadata.labels = { ...this.pod.metadata.labels, ...labels };
    return this;
  }
  annotations(annotations: Labels): this {
    this.pod.metadata.annotations = { ...this.pod.metadata.annotations, ...annotations };
    return this;
  }
  /** Bound to a node (spec.nodeName), as after scheduling. */
  onNode(node: string): this {
    this.pod.spec!.nodeName = node;
    return this;
  }
  container(name: string, image: string, opts: ContainerOptions = {}): this {
    const c: Container = { name, image };
    if (opts.command) c.command = [...opts.command];
    if (opts.args) c.args = [...opts.args];
    if (opts.env) c.env = Object.entries(opts.env).map(([n, value]) => ({ name: n, value }));
    if (opts.ports) c.ports = opts.ports.map((containerPort) => ({ containerPort, protocol: "TCP" }));
    if (opts.requests || opts.limits) {
      c.resources = {};
      if (opts.requests) c.resources.requests = resources(opts.requests);
      if (opts.limits) c.resources.limits = resources(opts.limits);
    }
    this.containers.push(c);
    return this;
  }
  /** Adds an ownerReference to `owner` (controller by default). */
  ownedBy(owner: KubeObject, controller = true): this {
    this.pod.metadata.ownerReferences = [...(this.pod.metadata.ownerReferences ?? []), ownerReferenceTo(owner, controller)];
    return this;
  }
  phase(phase: string): this {
    this.pod.status = { ...this.pod.status, phase };
    return this;
  }
  /** Running, with Ready/ContainersReady conditions True and every container ready and started. */
  ready(): this {
    this.isReady = true;
    return this;
  }
  nodeSelector(sel: Labels): this {
    this.pod.spec!.nodeSelector = { ...this.pod.spec!.nodeSelector, ...sel };
    return this;
  }
  toleration(t: Toleration): this {
    this.pod.spec!.tolerations = [...(this.pod.spec!.tolerations ?? []), t];
    return this;
  }
  restartPolicy(p: "Always" | "OnFailure" | "Never"): this {
    this.pod.spec!.restartPolicy = p;
    return this;
  }
  schedulerName(n: string): this {
    this.pod.spec!.schedulerName = n;
    return this;
  }
  priority(p: number): this {
    this.pod.spec!.priority = p;
    return this;
  }
  terminationGracePeriodSeconds(s: number): this {
    this.pod.spec!.terminationGracePeriodSeconds = s;
    return this;
  }
  /** Escape hatch: change the pod being built (containers already added are visible). */
  with(fn: (p: Pod) => void): this {
    this.flushContainers();
    fn(this.pod);
    return this;
  }
  build(): Pod {
    this.flushContainers();
    const p = structuredClone(this.pod);
    if (p.spec!.containers.length === 0) p.spec!.containers.push({ name: "app", image: "nginx" });
    if (this.isReady) {
      const t = "2026-01-01T00:00:00Z";
      p.status = { ...p.status, phase: "Running" };
      p.status.conditions = ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map((type) => ({ type, status: "True", lastTransitionTime: t }));
      p.status.containerStatuses = p.spec!.containers.map((c) => ({
        name: c.name,
        image: c.image ?? "",
        imageID: "",
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: t } },
      }));
    }
    return p;
  }
  private flushContainers(): void {
    this.pod.spec!.containers.push(...this.containers);
    this.containers = [];
  }
}

/** Builds a v1 Node. Defaults: 4 CPU, 8Gi memory, 110 pods, Ready; allocatable equals capacity. */
export class NodeBuilder {
  private node: Node;

  constructor(name: string) {
    this.node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64" } },
      spec: {},
      status: { capacity: { cpu: "4", memory: "8Gi", pods: "110" }, conditions: [] },
    };
    this.ready(true);
  }

  capacity(cap: { cpu?: Quantity; memory?: Quantity; pods?: Quantity } & ResourceList): this {
    this.node.status!.capacity = { ...this.node.status!.capacity, ...resources(cap) };
    return this;
  }
  labels(labels: Labels): this {
    this.node.metadata.labels = { ...this.node.metadata.labels, ...labels };
    return this;
  }
  taint(key: string, value: string | undefined, effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute"): this {
    const t: Taint = { key, effect, ...(value !== undefined && value !== "" ? { value } : {}) };
    this.node.spec!.taints = [...(this.node.spec!.taints ?? []), t];
    return this;
  }
  unschedulable(u = true): this {
    this.node.spec!.unschedulable = u;
    return this;
  }
  /** Sets the Ready condition True (or False with reason KubeletNotReady). */
  ready(ready = true): this {
    const t = "2026-01-01T00:00:00Z";
    const cond = ready
      ? { type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status", lastHeartbeatTime: t, lastTransitionTime: t }
      : { type: "Ready", status: "False", reason: "KubeletNotReady", message: "container runtime is down", lastHeartbeatTime: t, lastTransitionTime: t };
    this.node.status!.conditions = [...(this.node.status!.conditions ?? []).filter((c) => c.type !== "Ready"), cond];
    return this;
  }
  with(fn: (n: Node) => void): this {
    fn(this.node);
    return this;
  }
  build(): Node {
    const n = structuredClone(this.node);
    n.status!.allocatable = { ...n.status!.capacity };
    return n;
  }
}

function podTemplate(labels: Labels, image: string) {
  return { metadata: { labels: { ...labels } }, spec: { containers: [{ name: "app", image }] } };
}

/** Builds an apps/v1 Deployment. Defaults: 1 replica, image nginx, labels `{app: name}`; the selector matches the template labels. */
export class DeploymentBuilder {
  private d: Deployment;
  private podLabels: Labels;
  private img = "nginx";

  constructor(name: string) {
    this.podLabels = { app: name };
    this.d = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "default" }, spec: { replicas: 1, selector: {}, template: {} } };
  }
  namespace(ns: string): this {
    this.d.metadata.namespace = ns;
    return this;
  }
  replicas(n: number): this {
    this.d.spec!.replicas = n;
    return this;
  }
  image(img: string): this {
    this.img = img;
    return this;
  }
  /** Template (and selector) labels; replaces the default `{app: name}`. */
  labels(labels: Labels): this {
    this.podLabels = { ...labels };
    return this;
  }
  /** `"Recreate"`, `{ maxSurge, maxUnavailable }` for RollingUpdate, or a full strategy object. */
  strategy(s: "Recreate" | "RollingUpdate" | { maxSurge?: string | number; maxUnavailable?: string | number } | NonNullable<Deployment["spec"]>["strategy"]): this {
    if (s === "Recreate") this.d.spec!.strategy = { type: "Recreate" };
    else if (s === "RollingUpdate") this.d.spec!.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } };
    else if (s && "type" in s) this.d.spec!.strategy = structuredClone(s);
    else this.d.spec!.strategy = { type: "RollingUpdate", rollingUpdate: { ...(s as object) } };
    return this;
  }
  with(fn: (d: Deployment) => void): this {
    fn(this.d);
    return this;
  }
  build(): Deployment {
    const d = structuredClone(this.d);
    d.spec!.selector = { matchLabels: { ...this.podLabels } };
    const tpl = podTemplate(this.podLabels, this.img);
    d.spec!.template = { ...tpl, ...d.spec!.template, metadata: tpl.metadata, spec: d.spec!.template.spec ?? tpl.spec };
    return d;
  }
}

/** Builds an apps/v1 ReplicaSet. Defaults as for {@link DeploymentBuilder}. */
export class ReplicaSetBuilder {
  private rs: ReplicaSet;
  private podLabels: Labels;
  private img = "nginx";

  constructor(name: string) {
    this.podLabels = { app: name };
    this.rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name, namespace: "default" }, spec: { replicas: 1, selector: {} } };
  }
  namespace(ns: string): this {
    this.rs.metadata.namespace = ns;
    return this;
  }
  replicas(n: number): this {
    this.rs.spec!.replicas = n;
    return this;
  }
  image(img: string): this {
    this.img = img;
    return this;
  }
  labels(labels: Labels): this {
    this.podLabels = { ...labels };
    return this;
  }
  ownedBy(owner: KubeObject, controller = true): this {
    this.rs.metadata.ownerReferences = [...(this.rs.metadata.ownerReferences ?? []), ownerReferenceTo(owner, controller)];
    return this;
  }
  with(fn: (rs: ReplicaSet) => void): this {
    fn(this.rs);
    return this;
  }
  build(): ReplicaSet {
    const rs = structuredClone(this.rs);
    rs.spec!.selector = { matchLabels: { ...this.podLabels } };
    const tpl = podTemplate(this.podLabels, this.img);
    rs.spec!.template = { ...tpl, ...rs.spec!.template, metadata: tpl.metadata, spec: rs.spec!.template?.spec ?? tpl.spec };
    return rs;
  }
}

/** Builds a v1 Namespace. */
export class NamespaceBuilder {
  private ns: Namespace;
  constructor(name: string) {
    this.ns = { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "kubernetes.io/metadata.name": name } } };
  }
  labels(labels: Labels): this {
    this.ns.metadata.labels = { ...this.ns.metadata.labels, ...labels };
    return this;
  }
  build(): Namespace {
    return structuredClone(this.ns);
  }
}

/** `makePod("web").onNode("n1").container("c", "nginx", { requests: { cpu: "100m" } }).build()` */
export const makePod = (name?: string) => new PodBuilder(name);
/** `makeNode("n1").capacity({ cpu: "2", memory: "4Gi", pods: 10 }).taint("k", "v", "NoSchedule").build()` */
export const makeNode = (name: string) => new NodeBuilder(name);
export const makeDeployment = (name: string) => new DeploymentBuilder(name);
export const makeReplicaSet = (name: string) => new ReplicaSetBuilder(name);
export const makeNamespace = (name: string) => new NamespaceBuilder(name);
