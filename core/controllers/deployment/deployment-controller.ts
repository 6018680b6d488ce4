// Why: rolls Deployments out through ReplicaSets (RollingUpdate, Recreate, pause, history), as Kubernetes' deployment controller does.

import { resourceTypeByKind } from "../../api/resources";
import { matches, selectorFromLabelSelector, type LabelRequirements } from "../../api/selectors";
import { objectKey, type Deployment, type Pod, type ReplicaSet } from "../../api/types";
import type { Informer } from "../../informer/informer";
import { Controller, DoNotRetryError, QueueBackedController, type ReconcileResult } from "../controller";
import type { ControllerContext } from "../context";
import { claimCandidates, ensureControllerIndex } from "../indexes";
import { claimObjects, controllerRefOf, ownerStillValid } from "../owner-refs";
import { DeploymentSync } from "./deployment-sync";

const DEPLOY = resourceTypeByKind("apps", "Deployment")!;
const RS = resourceTypeByKind("apps", "ReplicaSet")!;
const POD = resourceTypeByKind("", "Pod")!;

/** The Deployment controller. Construct with a {@link ControllerContext}; the manager starts it. */
export class DeploymentController extends QueueBackedController {
  readonly name = "deployment";
  private readonly ctx: ControllerContext;
  protected readonly controller: Controller;
  private readonly deployments: Informer<Deployment>;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super();
    this.ctx = ctx;
    this.controller = new Controller({ name: this.name, reconciler: this, clock: ctx.clock, workers: ctx.workers, onError: ctx.onError });
    this.deployments = ctx.informers.informerFor<Deployment>(DEPLOY);
    this.replicaSets = ctx.informers.informerFor<ReplicaSet>(RS);
    this.pods = ctx.informers.informerFor<Pod>(POD);
    ensureControllerIndex(this.replicaSets);
    ensureControllerIndex(this.pods);
    const enqueue = (d: Deployment) => this.controller.enqueue(objectKey(d));
    this.deployments.addEventHandler({ onAdd: enqueue, onUpdate: (_o, d) => enqueue(d), onDelete: enqueue });
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.rsChanged(rs),
      onUpdate: (old, rs) => {
        if (controllerRefOf(old)?.uid !== controllerRefOf(rs)?.uid) this.rsChanged(old);
        this.rsChanged(rs);
      },
      onDelete: (rs) => this.rsChanged(rs),
    });
    // Recreate waits for old pods to be gone: a pod deletion may unblock it.
    this.pods.addEventHandler({
      onDelete: (pod) => {
        const d = this.ownerOfPod(pod);
        if (d && d.spec?.strategy?.type === "Recreate") enqueue(d);
      },
    });
  }

  private resolve(namespace: string | undefined, obj: ReplicaSet): Deployment | undefined {
    const ref = controllerRefOf(obj);
    if (!ref || ref.kind !== "Deployment") return undefined;
    const d = this.deployments.get(`${namespace}/${ref.name}`);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  private ownerOfPod(pod: Pod): Deployment | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== "ReplicaSet") return undefined;
    const rs = this.replicaSets.get(`${pod.metadata.namespace}/${ref.name}`);
    return rs && rs.metadata.uid === ref.uid ? this.resolve(rs.metadata.namespace, rs) : undefined;
  }

  private rsChanged(rs: ReplicaSet): void {
    if (controllerRefOf(rs)) {
      const d = this.resolve(rs.metadata.namespace, rs);
      if (d) this.controller.enqueue(objectKey(d));
      return;
    }
    for (const d of this.deployments.list(rs.metadata.namespace ?? "")) {
      const sel = safeSelector(d);
      if (sel && sel.length > 0 && matches(sel, rs.metadata.labels)) this.controller.enqueue(objectKey(d));
    }
  }

  /** Converge one Deployment: claim its ReplicaSets, then scale, roll out, clean up and write status. */
  async reconcile(key: string): Promise<ReconcileResult | void> {
    const d = this.deployments.get(key);
    if (!d) return;
    const selector = safeSelector(d);
    if (selector === null) throw new DoNotRetryError(`Deployment ${key} has an invalid selector`);
    if (selector.length === 0) {
      this.ctx.recorder.event(d, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      return;
    }
    if (!matches(selector, d.spec?.template?.metadata?.labels)) {
      // The apiserver rejects this; a store written directly might not. Creating pods that the ReplicaSet cannot select would loop forever.
      throw new DoNotRetryError(`Deployment ${key}: selector does not match template labels`);
    }
    const sets = await claimObjects({
      client: this.ctx.client,
      type: RS,
      owner: d,
      selector,
      objects: claimCandidates(this.replicaSets, d),
      canAdopt: ownerStillValid(this.ctx.client, DEPLOY, d),
    });
    const after = await new DeploymentSync(this.ctx, this.pods, d, sets).run();
    return after !== undefined ? { requeueAfter: after } : undefined;
  }
}

function safeSelector(d: Deployment): LabelRequirements | null {
  try {
    return selectorFromLabelSelector(d.spec?.selector);
  } catch {
    return null;
  }
}
