// Why: one place that wires the control plane (apiserver, controllers, scheduler, kubelets, event TTL) over a store and a clock, for the server, tests and benchmarks alike.

import type { Clock } from "../clock/clock";
import { ApiServer } from "../apiserver/api-server";
import { ensureKubernetesService } from "../apiserver/service-allocation/kubernetes-service";
import { allowAllAuthorizer, type Authorizer } from "../apiserver/authorizer";
import type { AuditSink } from "../apiserver/audit";
import type { UserInfo } from "../apiserver/types";
import { ControllerManager } from "../controllers/controller-manager";
import { ensureSystemNamespaces } from "../controllers/namespace/namespace-controller";
import { EventRecorderImpl } from "../events/event-recorder";
import { EventTtlCleaner } from "../events/event-ttl-cleaner";
import { KubeletPool, type NodeOptions } from "../kubelet/kubelet-pool";
import { MetricsCollector } from "../metrics/metrics-collector";
import { Scheduler } from "../scheduler/scheduler";
import type { ObjectStore } from "../store/types";
import type { Node } from "../api/types";
import { resourceTypeByKind } from "../api/resources";
import { ensureBootstrapPolicy } from "../rbac/bootstrap/ensure-bootstrap-policy";
import { EscalationGuard } from "../rbac/escalation";
import { RbacAuthorizer } from "../rbac/rbac-authorizer";
import { privilegedGroupsAuthorizer, unionAuthorizer } from "../rbac/union-authorizer";

/** The identity the controllers act as (kube-controller-manager's). */
export const CONTROLLER_MANAGER_USER: UserInfo = { name: "system:kube-controller-manager", groups: ["system:authenticated"] };
/** The identity of the apiserver's own writes (the `kubernetes` Service), a loopback client in system:masters as in Kubernetes. */
const API_SERVER_USER: UserInfo = { name: "system:apiserver", groups: ["system:masters", "system:authenticated"] };

export interface ClusterConfig {
  store: ObjectStore;
  clock: Clock;
  /**
   * "RBAC" (default): system:masters may do anything, everyone else what RBAC grants; the
   * default roles and bindings are ensured at start and role/binding writes cannot escalate.
   * "AlwaysAllow": everyone may do everything.
   */
  authorizationMode?: "RBAC" | "AlwaysAllow";
  /** Replaces the authorizer chosen by `authorizationMode` (no escalation checks, no bootstrap policy). */
  authorizer?: Authorizer;
  /** Tie-breaking and name generation; default Math.random. */
  random?: () => number;
  /** Workers per controller (default 1). */
  controllerWorkers?: number;
  /** Called when a controller's reconcile fails (it is retried with back-off). */
  onControllerError?: (controller: string, key: string, err: unknown) => void;
  /** Service cluster IP range (default 10.96.0.0/12) and node port range (default 30000-32767). */
  serviceCIDR?: string;
  nodePortRange?: string;
  /** The port the `kubernetes` Service in `default` targets (default 6443). */
  apiServerPort?: number;
  /** The apiserver's audit sink (requests made through a transport's client; see ApiServerConfig.audit). */
  audit?: AuditSink;
}

/**
 * A whole simulated cluster. The controllers go through the apiserver pipeline (so admission
 * applies to the pods they create); the scheduler and kubelets are node-level components
 * that write bindings and pod status straight to the store, as they own those fields.
 */
export class Cluster {
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly apiServer: ApiServer;
  /** The RBAC authorizer (rules reviews, "who can"), when authorization is RBAC. */
  readonly rbac?: RbacAuthorizer;
  readonly controllers: ControllerManager;
  readonly scheduler: Scheduler;
  readonly kubelets: KubeletPool;
  /** Usage of nodes and containers (metrics.k8s.io, the HPA, the console's charts). */
  readonly metrics: MetricsCollector;
  private readonly eventTtl: EventTtlCleaner;
  private readonly apiServerPort?: number;
  private started = false;

  constructor(config: ClusterConfig) {
    const { store, clock } = config;
    this.store = store;
    this.clock = clock;
    this.apiServerPort = config.apiServerPort;
    if (!config.authorizer && config.authorizationMode !== "AlwaysAllow") this.rbac = new RbacAuthorizer({ client: store });
    const authorizer = config.authorizer ?? (this.rbac ? unionAuthorizer([privilegedGroupsAuthorizer(), this.rbac]) : allowAllAuthorizer);
    const writeCheck = this.rbac ? new EscalationGuard({ rbac: this.rbac, authorizer }).check : undefined;
    this.apiServer = new ApiServer({ store, clock, authorizer, writeCheck, serviceCIDR: config.serviceCIDR, nodePortRange: config.nodePortRange, audit: config.audit });
    const controllerClient = this.apiServer.client(CONTROLLER_MANAGER_USER, { fieldValidation: "Ignore" });
    this.controllers = new ControllerManager({
      client: controllerClient,
      clock,
      // Each controller reports under its own name (deployment-controller, replicaset-controller, ...), as in kube-controller-manager.
      recorder: (source) => new EventRecorderImpl({ client: store, clock, source }),
      workers: config.controllerWorkers,
      onError: config.onControllerError,
    });
    this.scheduler = new Scheduler({
      client: store,
      clock,
      recorder: new EventRecorderImpl({ client: store, clock, source: { component: "default-scheduler" } }),
      random: config.random,
    });
    this.kubelets = new KubeletPool({ client: store, clock, random: config.random });
    this.eventTtl = new EventTtlCleaner({ client: store, clock });
    this.metrics = new MetricsCollector({ clock, kubelets: this.kubelets, client: store });
  }

  /**
   * Make sure the system namespaces exist, start every component, and start a kubelet for
   * each Node already stored (a restart brings its nodes back).
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await ensureSystemNamespaces(this.store);
    if (this.rbac) {
      await ensureBootstrapPolicy(this.store);
      this.rbac.start();
    }
    await ensureKubernetesService(this.apiServer.client(API_SERVER_USER), this.apiServer.services.firstIP(), this.apiServerPort);
    this.controllers.start();
    this.scheduler.start();
    this.eventTtl.start();
    this.metrics.start();
    const nodes = this.store.list<Node>(resourceTypeByKind("", "Node")!).items;
    for (const node of nodes) await this.kubelets.addNode(node.metadata.name!, nodeOptionsFrom(node));
  }

  /** Add a simulated node: its kubelet registers the Node object and starts heartbeating. */
  async addNode(name: string, opts: NodeOptions): Promise<void> {
    await this.kubelets.addNode(name, opts);
  }

  /** Stop every component (the store is the caller's). */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.kubelets.stopAll();
    this.scheduler.stop();
    this.controllers.stop();
    this.eventTtl.stop();
    this.metrics.stop();
    this.rbac?.stop();
  }
}

/** The kubelet settings of a stored Node, so a restarted cluster brings each node back as it was. */
export function nodeOptionsFrom(node: Node): NodeOptions {
  const capacity = node.status?.capacity ?? {};
  const opts: NodeOptions = {
    capacity: { cpu: capacity.cpu ?? "4", memory: capacity.memory ?? "8Gi", pods: capacity.pods ?? "110" },
    labels: node.metadata.labels,
    taints: node.spec?.taints,
  };
  if (node.spec?.podCIDR) opts.podCIDR = node.spec.podCIDR;
  const ip = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
  if (ip) opts.internalIP = ip;
  return opts;
}
