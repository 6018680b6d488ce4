// Why: a Service with a selector is only reachable through the Endpoints object listing its pods' addresses; this controller keeps that object equal to the Service's matching pods, as Kubernetes' endpoint controller does.

import { isReason } from "../../api/errors";
import { resourceTypeByKind } from "../../api/resources";
import { matches, selectorFromSet } from "../../api/selectors";
import { objectKey, splitKey, type KubeObject, type ObjectMeta, type Pod, type Service } from "../../api/types";
import type { Informer } from "../../informer/informer";
import { Controller, QueueBackedController, type ReconcileResult } from "../controller";
import type { ControllerContext } from "../context";
import { isNamespaceTerminating } from "../owner-refs";
import { isPodReady } from "../pod-util";
import { computeSubsets, countAddresses, MAX_ENDPOINTS, truncateSubsets, type EndpointSubset } from "./endpoint-subsets";
import { rfc3339Nano, TriggerTimeTracker } from "./trigger-time-tracker";

const SERVICES = resourceTypeByKind("", "Service")!;
const PODS = resourceTypeByKind("", "Pod")!;
const ENDPOINTS = resourceTypeByKind("", "Endpoints")!;

/** Annotation with the time of the change the Endpoints reflect. */
export const LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
/** Annotation set to `truncated` when more than {@link MAX_ENDPOINTS} addresses were cut. */
export const OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";
/** Label on the Endpoints of a headless Service. */
export const HEADLESS_LABEL = "service.kubernetes.io/headless";

/** A core/v1 Endpoints object. */
export interface Endpoints extends KubeObject {
  metadata: ObjectMeta;
  subsets?: EndpointSubset[];
}

/** JSON with object keys sorted, so stored and computed objects compare equal whatever their key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}
const sameJson = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** What of a pod the Endpoints reflect; a pod update that changes none of it wakes no Service. */
function podEndpointState(pod: Pod): string {
  return JSON.stringify([
    pod.status?.podIP,
    pod.status?.podIPs,
    isPodReady(pod),
    !!pod.metadata.deletionTimestamp,
    pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed",
    pod.spec?.nodeName,
    pod.spec?.hostname,
    pod.spec?.subdomain,
    pod.spec?.containers?.map((c) => c.ports),
  ]);
}

/** The endpoint controller (`--controllers=endpoint`). Construct with a {@link ControllerContext}; the manager starts it. */
export class EndpointsController extends QueueBackedController {
  readonly name = "endpoint";
  protected readonly controller: Controller;
  private readonly ctx: ControllerContext;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly triggers = new TriggerTimeTracker();

  constructor(ctx: ControllerContext) {
    super();
    this.ctx = ctx;
    this.controller = new Controller({ name: this.name, reconciler: this, clock: ctx.clock, workers: ctx.workers, onError: ctx.onError });
    this.services = ctx.informers.informerFor<Service>(SERVICES);
    this.pods = ctx.informers.informerFor<Pod>(PODS);
    this.endpoints = ctx.informers.informerFor<Endpoints>(ENDPOINTS);
    const enqueue = (o: KubeObject) => this.controller.enqueue(objectKey(o));
    this.services.addEventHandler({ onAdd: enqueue, onUpdate: (_o, n) => enqueue(n), onDelete: enqueue });
    this.pods.addEventHandler({
      onAdd: (pod) => this.podChanged(pod),
      onUpdate: (old, pod) => {
        if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
        const labelsChanged = !sameJson(old.metadata.labels, pod.metadata.labels);
        if (!labelsChanged && podEndpointState(old) === podEndpointState(pod)) return;
        this.podChanged(pod);
        if (labelsChanged) this.podChanged(old);
      },
      onDelete: (pod) => this.podChanged(pod),
    });
    // Someone deleted Endpoints of a live Service: put them back.
    this.endpoints.addEventHandler({ onDelete: enqueue });
  }

  /** Start, and clean up Endpoints whose Service went away while nothing was watching (checkLeftoverEndpoints). */
  override start(): void {
    super.start();
    for (const ep of this.endpoints.list()) if (!this.services.get(objectKey(ep))) this.controller.enqueue(objectKey(ep));
  }

  /** Queue every Service in the pod's namespace whose selector matches it. */
  private podChanged(pod: Pod): void {
    for (const svc of this.services.list(pod.metadata.namespace ?? "")) {
      const sel = svc.spec?.selector;
      if (sel && Object.keys(sel).length && matches(selectorFromSet(sel), pod.metadata.labels)) this.controller.enqueue(objectKey(svc));
    }
  }

  /** Converge the Endpoints named like the Service `key`. */
  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(key);
    if (!svc) {
      this.triggers.forget(key);
      if (!this.endpoints.get(key)) return;
      try {
        await this.ctx.client.delete(ENDPOINTS, namespace, name);
      } catch (e) {
        if (!isReason(e, "NotFound")) throw e;
      }
      return;
    }
    const selector = svc.spec?.selector;
    // No selector: someone else manages the Endpoints. ExternalName Services get none.
    if (!selector || Object.keys(selector).length === 0 || svc.spec?.type === "ExternalName") return;

    const pods = this.pods.list(namespace ?? "").filter((p) => matches(selectorFromSet(selector), p.metadata.labels));
    const triggerTime = this.triggers.compute(key, svc, pods);
    let subsets = computeSubsets(svc, pods);
    const overCapacity = countAddresses(subsets) > MAX_ENDPOINTS;
    if (overCapacity) subsets = truncateSubsets(subsets);

    const current = this.endpoints.get(key);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec?.clusterIP === "None") labels[HEADLESS_LABEL] = "";
    if (current) {
      const currentLabels = { ...(current.metadata.labels ?? {}) };
      delete currentLabels[HEADLESS_LABEL];
      const capacityRight = overCapacity ? current.metadata.annotations?.[OVER_CAPACITY] === "truncated" : !current.metadata.annotations?.[OVER_CAPACITY];
      if (sameJson(current.subsets ?? [], subsets) && sameJson(currentLabels, svc.metadata.labels ?? {}) && capacityRight) return;
    }

    const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = rfc3339Nano(triggerTime);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    if (overCapacity) annotations[OVER_CAPACITY] = "truncated";
    else delete annotations[OVER_CAPACITY];

    const metadata: ObjectMeta = current ? structuredClone(current.metadata) : { name, namespace };
    metadata.labels = labels;
    metadata.annotations = annotations;
    if (!Object.keys(labels).length) delete metadata.labels;
    if (!Object.keys(annotations).length) delete metadata.annotations;
    const next: Endpoints = { apiVersion: "v1", kind: "Endpoints", metadata, ...(subsets.length ? { subsets } : {}) };
    try {
      if (current) await this.ctx.client.update(next);
      else await this.ctx.client.create(next);
    } catch (e) {
      // The namespace is going away with everything in it: nothing to retry.
      if (isNamespaceTerminating(e)) return;
      throw e;
    }
  }
}
