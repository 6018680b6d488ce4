// Why: kube-controller-manager in one object: builds shared informers, constructs the chosen controllers, starts and stops them, and tells tests when everything is quiet.

import type { Clock } from "../clock/clock";
import { RealClock } from "../clock/real-clock";
import type { EventRecorder, EventSource } from "../events/recorder";
import { InformerFactory } from "../informer/informer-factory";
import type { ObjectClient } from "../store/types";
import type { ControllerContext } from "./context";
import type { ManagedController } from "./controller";
import { DeploymentController } from "./deployment/deployment-controller";
import { EndpointsController } from "./endpoints/endpoints-controller";
import { GarbageCollector } from "./garbage-collector/garbage-collector";
import { NamespaceController } from "./namespace/namespace-controller";
import { ReplicaSetController } from "./replicaset/replicaset-controller";
import { ClusterRoleAggregationController } from "./clusterrole-aggregation/clusterrole-aggregation-controller";
import { ServiceAccountsController } from "./serviceaccount/serviceaccounts-controller";
import { waitForIdle, type WaitForIdleOptions } from "./idle";

/** Controllers the manager knows, by the name kube-controller-manager's `--controllers` uses. */
export const CONTROLLER_FACTORIES: Readonly<Record<string, (ctx: ControllerContext) => ManagedController>> = {
  deployment: (ctx) => new DeploymentController(ctx),
  replicaset: (ctx) => new ReplicaSetController(ctx),
  "garbage-collector": (ctx) => new GarbageCollector(ctx),
  namespace: (ctx) => new NamespaceController(ctx),
  endpoint: (ctx) => new EndpointsController(ctx),
  "clusterrole-aggregation": (ctx) => new ClusterRoleAggregationController(ctx),
  serviceaccount: (ctx) => new ServiceAccountsController(ctx),
};

/**
 * The `source.component` (and `reportingController`) of the events each controller records:
 * the names kube-controller-manager's controllers give their event recorders.
 */
export const CONTROLLER_EVENT_COMPONENTS: Readonly<Record<keyof typeof CONTROLLER_FACTORIES, string>> = {
  deployment: "deployment-controller",
  replicaset: "replicaset-controller",
  "garbage-collector": "garbage-collector-controller",
  namespace: "namespace-controller",
  endpoint: "endpoint-controller",
  "clusterrole-aggregation": "clusterrole-aggregation-controller",
  serviceaccount: "service-account-controller",
};

export interface ControllerManagerConfig {
  client: ObjectClient;
  /** Default: the real clock. */
  clock?: Clock;
  /**
   * A factory given each controller's event source (`{ component: "deployment-controller" }`, see
   * {@link CONTROLLER_EVENT_COMPONENTS}), as kube-controller-manager gives each controller its own
   * recorder; or one recorder shared by all (tests).
   */
  recorder: EventRecorder | ((source: EventSource) => EventRecorder);
  /** Names from {@link CONTROLLER_FACTORIES}; default all. */
  controllers?: string[];
  /** Share informers with other components (scheduler, kubelets); default a new factory. */
  informers?: InformerFactory;
  /** Workers per controller. Default 1. */
  workers?: number;
  onError?: (controller: string, key: string, err: unknown) => void;
}

/**
 * Runs controllers over shared informers.
 *
 * ```ts
 * const cm = new ControllerManager({ client: store, clock, recorder });
 * cm.start();
 * await store.create(deployment);
 * await cm.waitForIdle();
 * cm.stop();
 * ```
 */
export class ControllerManager {
  readonly informers: InformerFactory;
  readonly controllers: ManagedController[];
  private started = false;

  constructor(config: ControllerManagerConfig) {
    const clock = config.clock ?? new RealClock();
    this.informers = config.informers ?? new InformerFactory({ client: config.client, clock });
    const names = config.controllers ?? Object.keys(CONTROLLER_FACTORIES);
    const base = { client: config.client, clock, informers: this.informers, workers: config.workers, onError: config.onError };
    const { recorder } = config;
    this.controllers = names.map((name) => {
      const make = CONTROLLER_FACTORIES[name];
      if (!make) throw new Error(`unknown controller ${JSON.stringify(name)}; known: ${Object.keys(CONTROLLER_FACTORIES).join(", ")}`);
      const component = CONTROLLER_EVENT_COMPONENTS[name] ?? `${name}-controller`;
      const ctx: ControllerContext = { ...base, recorder: typeof recorder === "function" ? recorder({ component }) : recorder };
      return make(ctx);
    });
  }

  /** The controller named `name`, if running. */
  controller(name: string): ManagedController | undefined {
    return this.controllers.find((c) => c.name === name);
  }

  /** Start informers (list + watch), then every controller's workers. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.informers.start();
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    for (const c of this.controllers) c.stop();
    this.informers.stop();
  }

  /** True when every queue is empty and no reconcile is running (delayed requeues do not count). */
  isIdle(): boolean {
    return this.controllers.every((c) => c.isIdle());
  }

  /** Resolves when every queue is empty and nothing is processing, and no store event is in flight (see {@link waitForIdle}). */
  waitForIdle(opts: WaitForIdleOptions = {}): Promise<void> {
    return waitForIdle(this.informers, this.controllers, opts);
  }
}
