// Why: keeps the number of running pods of each ReplicaSet equal to spec.replicas, as Kubernetes' ReplicaSet controller does.

import { isReason } from "../../api/errors";
import { resourceTypeByKind } from "../../api/resources";
import { matches, selectorFromLabelSelector, type LabelRequirements } from "../../api/selectors";
import { objectKey, type Pod, type ReplicaSet } from "../../api/types";
import type { Informer } from "../../informer/informer";
import { Controller, DoNotRetryError, QueueBackedController, type ReconcileResult } from "../controller";
import type { ControllerContext } from "../context";
import { ControllerExpectations } from "../expectations";
import { claimCandidates, CONTROLLER_UID_INDEX, ensureControllerIndex } from "../indexes";
import { claimObjects, controllerRefOf, isNamespaceTerminating, newControllerRef, ownerStillValid } from "../owner-refs";
import { isPodActive } from "../pod-util";
import { podsToDelete } from "./pod-ranking";
import { calculateReplicaSetStatus, replicaSetStatusEqual, nextAvailableCheck } from "./replicaset-status";

const RS = resourceTypeByKind("apps", "ReplicaSet")!;
const POD = resourceTypeByKind("", "Pod")!;
/** At most this many pods are created or deleted in one reconcile (Kubernetes' burstReplicas). */
export const BURST_REPLICAS = 500;

/** The ReplicaSet controller. Construct with a {@link ControllerContext}; the manager starts it. */
export class ReplicaSetController extends QueueBackedController {
  readonly name = "replicaset";
  readonly expectations: ControllerExpectations;
  private readonly ctx: ControllerContext;
  protected readonly controller: Controller;
  private readonly rsInformer: Informer<ReplicaSet>;
  private readonly podInformer: Informer<Pod>;

  constructor(ctx: ControllerContext) {
    super();
    this.ctx = ctx;
    this.expectations = new ControllerExpectations({ clock: ctx.clock });
    this.controller = new Controller({ name: this.name, reconciler: this, clock: ctx.clock, workers: ctx.workers, onError: ctx.onError });
    this.rsInformer = ctx.informers.informerFor<ReplicaSet>(RS);
    this.podInformer = ctx.informers.informerFor<Pod>(POD);
    ensureControllerIndex(this.rsInformer);
    ensureControllerIndex(this.podInformer);
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.controller.enqueue(objectKey(rs)),
      onUpdate: (_old, rs) => this.controller.enqueue(objectKey(rs)),
      onDelete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.controller.enqueue(objectKey(rs));
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
      onDelete: (pod) => this.podDeleted(pod),
    });
  }

  /** The ReplicaSet a controller ownerReference points to, if it is that exact object (same uid). */
  private resolveRef(namespace: string | undefined, pod: Pod): ReplicaSet | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== "ReplicaSet" || ref.apiVersion !== "apps/v1") return undefined;
    const rs = this.rsInformer.get(`${namespace}/${ref.name}`);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** ReplicaSets whose (non-empty) selector matches an orphan pod. */
  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.rsInformer.list(pod.metadata.namespace ?? "").filter((rs) => {
      const sel = safeSelector(rs);
      return sel !== null && sel.length > 0 && matches(sel, pod.metadata.labels);
    });
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.podDeleted(pod);
    if (controllerRefOf(pod)) {
      const rs = this.resolveRef(pod.metadata.namespace, pod);
      if (!rs) return;
      this.expectations.creationObserved(objectKey(rs));
      this.controller.enqueue(objectKey(rs));
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.controller.enqueue(objectKey(rs));
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
    if (pod.metadata.deletionTimestamp) {
      this.podDeleted(pod);
      if (labelsChanged) this.podDeleted(old);
      return;
    }
    const oldRef = controllerRefOf(old);
    const curRef = controllerRefOf(pod);
    if (oldRef && oldRef.uid !== curRef?.uid) {
      const rs = this.resolveRef(old.metadata.namespace, old);
      if (rs) this.controller.enqueue(objectKey(rs));
    }
    if (curRef) {
      const rs = this.resolveRef(pod.metadata.namespace, pod);
      if (rs) this.controller.enqueue(objectKey(rs));
      return;
    }
    if (labelsChanged || oldRef) for (const rs of this.matchingReplicaSets(pod)) this.controller.enqueue(objectKey(rs));
  }

  private podDeleted(pod: Pod): void {
    const rs = this.resolveRef(pod.metadata.namespace, pod);
    if (!rs) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, pod.metadata.uid ?? "");
    this.controller.enqueue(key);
  }

  /** Converge one ReplicaSet: claim pods, create or delete the difference, write status. */
  async reconcile(key: string): Promise<ReconcileResult | void> {
    const rs = this.rsInformer.get(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key) && !rs.metadata.deletionTimestamp;
    const selector = safeSelector(rs);
    if (selector === null) throw new DoNotRetryError(`ReplicaSet ${key} has an invalid selector`);
    const candidates = claimCandidates(this.podInformer, rs).filter(isPodActive);
    const pods = await claimObjects({
      client: this.ctx.client,
      type: POD,
      owner: rs,
      selector,
      objects: candidates,
      canAdopt: ownerStillValid(this.ctx.client, RS, rs),
    });
    let manageError: unknown;
    // The apiserver rejects a template its selector does not match; written straight to the store it would make pods the ReplicaSet immediately releases, forever.
    const templateSelectable = matches(selector, rs.spec?.template?.metadata?.labels);
    if (!templateSelectable) manageError = new DoNotRetryError(`ReplicaSet ${key}: selector does not match template labels`);
    else if (needsSync) {
      try {
        await this.manageReplicas(key, rs, pods);
      } catch (e) {
        manageError = e;
      }
    }
    const now = this.ctx.clock.now();
    const status = calculateReplicaSetStatus(rs, pods, manageError, now);
    await this.updateStatus(rs, status);
    if (manageError) throw manageError;
    const wait = nextAvailableCheck(rs, pods, now);
    return wait !== undefined ? { requeueAfter: wait } : undefined;
  }

  private async manageReplicas(key: string, rs: ReplicaSet, pods: Pod[]): Promise<void> {
    const want = rs.spec?.replicas ?? 1;
    const diff = pods.length - want;
    if (diff < 0) return this.createPods(key, rs, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) return this.deletePods(key, rs, pods, Math.min(diff, BURST_REPLICAS));
  }

  /** Create in slow-start batches (1, 2, 4, ...): a failing batch stops the rest, as Kubernetes does. */
  private async createPods(key: string, rs: ReplicaSet, count: number): Promise<void> {
    this.expectations.expect(key, count);
    let remaining = count;
    let batch = 1;
    while (remaining > 0) {
      const size = Math.min(batch, remaining);
      const results = await Promise.allSettled(Array.from({ length: size }, () => this.ctx.client.create(podFromTemplate(rs))));
      let firstError: unknown;
      let stop = false;
      for (const r of results) {
        if (r.status === "fulfilled") {
          this.ctx.recorder.event(rs, "Normal", "SuccessfulCreate", `Created pod: ${r.value.metadata.name}`);
        } else if (isNamespaceTerminating(r.reason)) {
          // Every create will fail until the namespace is gone; the namespace controller deletes this ReplicaSet.
          this.expectations.creationObserved(key);
          stop = true;
        } else {
          this.expectations.creationObserved(key);
          firstError ??= r.reason;
          this.ctx.recorder.event(rs, "Warning", "FailedCreate", `Error creating: ${errorMessage(r.reason)}`);
        }
      }
      remaining -= size;
      if (firstError || stop) {
        for (let i = 0; i < remaining; i++) this.expectations.creationObserved(key);
        if (firstError) throw firstError;
        return;
      }
      batch *= 2;
    }
  }

  private async deletePods(key: string, rs: ReplicaSet, pods: Pod[], count: number): Promise<void> {
    const victims = podsToDelete(pods, this.relatedPods(rs), count);
    this.expectations.expect(
      key,
      0,
      victims.map((p) => p.metadata.uid ?? ""),
    );
    let firstError: unknown;
    await Promise.all(
      victims.map(async (p) => {
        try {
          await this.ctx.client.delete(POD, p.metadata.namespace, p.metadata.name ?? "");
          this.ctx.recorder.event(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
        } catch (e) {
          this.expectations.deletionObserved(key, p.metadata.uid ?? "");
          if (isReason(e, "NotFound")) return;
          firstError ??= e;
          this.ctx.recorder.event(rs, "Warning", "FailedDelete", `Error deleting: ${errorMessage(e)}`);
        }
      }),
    );
    if (firstError) throw firstError;
  }

  /** Active pods of every ReplicaSet with the same controller owner as `rs` (or of `rs` alone). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const ref = controllerRefOf(rs);
    const sets = ref ? this.rsInformer.byIndex(CONTROLLER_UID_INDEX, ref.uid) : [rs];
    return sets.flatMap((s) => this.podInformer.byIndex(CONTROLLER_UID_INDEX, s.metadata.uid ?? "")).filter(isPodActive);
  }

  private async updateStatus(rs: ReplicaSet, status: NonNullable<ReplicaSet["status"]>): Promise<void> {
    let current: ReplicaSet | undefined = rs;
    for (let attempt = 0; attempt < 2 && current; attempt++) {
      if (replicaSetStatusEqual(current.status, status)) return;
      const copy = structuredClone(current);
      copy.status = status;
      try {
        await this.ctx.client.update(copy, { subresource: "status" });
        return;
      } catch (e) {
        if (!isReason(e, "Conflict") || attempt === 1) throw e;
        current = this.ctx.client.get<ReplicaSet>(RS, rs.metadata.namespace, rs.metadata.name ?? "");
        if (current?.metadata.uid !== rs.metadata.uid) return;
      }
    }
  }
}

function safeSelector(rs: ReplicaSet): LabelRequirements | null {
  try {
    return selectorFromLabelSelector(rs.spec?.selector);
  } catch {
    return null;
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A pod from the ReplicaSet's template: `generateName: "<rs>-"`, the template's labels and annotations, a controller ownerReference. */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const tpl = rs.spec?.template ?? {};
  const meta = tpl.metadata ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [newControllerRef(rs)],
    },
    spec: structuredClone(tpl.spec ?? { containers: [] }),
  };
}
