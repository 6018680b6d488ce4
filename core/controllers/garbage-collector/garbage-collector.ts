// Why: deleting an owner deletes (or orphans) what it owns, through ownerReferences, as Kubernetes' garbage collector does (Background, Foreground, Orphan).

import { isReason } from "../../api/errors";
import { groupOf, qualifiedResource, RESOURCE_TYPES, resourceTypeByKind, resourceTypeFor, type ResourceType } from "../../api/resources";
import { objectKey, type KubeObject, type OwnerReference } from "../../api/types";
import type { Informer } from "../../informer/informer";
import type { PropagationPolicy } from "../../store/types";
import { Controller, QueueBackedController, type ReconcileResult } from "../controller";
import type { ControllerContext } from "../context";
import { ensureOwnerIndex, OWNER_UID_INDEX } from "../indexes";

export const FOREGROUND_FINALIZER = "foregroundDeletion";
export const ORPHAN_FINALIZER = "orphan";

type OwnerState = "solid" | "dangling" | "waiting";

/**
 * Watches every resource type. Reconcile keys are `<resource.group>|<namespace>/<name>`.
 * For an object being deleted with `orphan`: strips its ownerReference from dependents,
 * then drops the finalizer. With `foregroundDeletion`: has its dependents deleted first and
 * drops the finalizer when no dependent with blockOwnerDeletion remains. For any object
 * with owners: when none of them exists any more (by uid), deletes it.
 */
export class GarbageCollector extends QueueBackedController {
  readonly name = "garbage-collector";
  private readonly ctx: ControllerContext;
  protected readonly controller: Controller;
  private readonly informers = new Map<string, Informer>();

  constructor(ctx: ControllerContext, types: readonly ResourceType[] = RESOURCE_TYPES) {
    super();
    this.ctx = ctx;
    this.controller = new Controller({ name: this.name, reconciler: this, clock: ctx.clock, workers: ctx.workers, onError: ctx.onError });
    for (const t of types) {
      const inf = ctx.informers.informerFor(t);
      ensureOwnerIndex(inf);
      this.informers.set(qualifiedResource(t), inf);
      inf.addEventHandler({
        onAdd: (o) => this.observe(t, o),
        onUpdate: (old, o) => {
          this.observe(t, o);
          if (JSON.stringify(old.metadata.ownerReferences ?? []) !== JSON.stringify(o.metadata.ownerReferences ?? [])) this.enqueueOwners(old);
        },
        onDelete: (o) => {
          this.enqueueDependents(o.metadata.uid);
          this.enqueueOwners(o);
        },
      });
    }
  }

  private observe(t: ResourceType, o: KubeObject): void {
    if (o.metadata.deletionTimestamp) {
      this.enqueue(t, o);
      this.enqueueDependents(o.metadata.uid);
    } else if (o.metadata.ownerReferences?.length) {
      this.enqueue(t, o);
    }
  }

  private enqueue(t: ResourceType, o: KubeObject): void {
    this.controller.enqueue(`${qualifiedResource(t)}|${objectKey(o)}`);
  }

  private enqueueDependents(uid: string | undefined): void {
    if (!uid) return;
    for (const [id, inf] of this.informers) for (const dep of inf.byIndex(OWNER_UID_INDEX, uid)) this.controller.enqueue(`${id}|${objectKey(dep)}`);
  }

  private enqueueOwners(o: KubeObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) {
      const t = ownerType(ref);
      if (!t) continue;
      const key = t.namespaced ? `${o.metadata.namespace}/${ref.name}` : ref.name;
      this.controller.enqueue(`${qualifiedResource(t)}|${key}`);
    }
  }

  /** Everything whose ownerReferences name `uid`, across all watched types. */
  private dependentsOf(uid: string): { type: ResourceType; obj: KubeObject }[] {
    const out: { type: ResourceType; obj: KubeObject }[] = [];
    for (const inf of this.informers.values()) for (const obj of inf.byIndex(OWNER_UID_INDEX, uid)) out.push({ type: inf.type, obj });
    return out;
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const bar = key.indexOf("|");
    const inf = this.informers.get(key.slice(0, bar));
    const obj = inf?.get(key.slice(bar + 1));
    if (!inf || !obj) return;
    const type = inf.type;
    const finalizers = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp) {
      if (finalizers.includes(ORPHAN_FINALIZER)) return this.orphanDependents(type, obj);
      if (finalizers.includes(FOREGROUND_FINALIZER)) return this.deleteDependentsFirst(type, obj);
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const states = refs.map((r) => ({ ref: r, state: this.ownerState(obj, r) }));
    const solid = states.filter((s) => s.state === "solid");
    const gone = states.filter((s) => s.state !== "solid");
    if (solid.length > 0) {
      // Still owned by someone: only drop the references to owners that are gone or being deleted in the foreground.
      if (gone.length > 0) await this.removeOwnerRefs(type, obj, new Set(gone.map((s) => s.ref.uid)));
      return;
    }
    const waiting = states.some((s) => s.state === "waiting");
    let policy: PropagationPolicy = "Background";
    if (waiting && this.dependentsOf(obj.metadata.uid ?? "").length > 0) policy = "Foreground";
    else if (finalizers.includes(ORPHAN_FINALIZER)) policy = "Orphan";
    else if (finalizers.includes(FOREGROUND_FINALIZER)) policy = "Foreground";
    await this.deleteObject(type, obj, policy);
  }

  /** solid: exists with this uid; waiting: exists and is being deleted in the foreground; dangling: absent or a different uid. */
  private ownerState(dep: KubeObject, ref: OwnerReference): OwnerState {
    const t = ownerType(ref);
    if (!t) return "solid"; // A kind we do not serve: never delete on its account.
    if (t.namespaced && !dep.metadata.namespace) return "dangling";
    const owner = this.ctx.client.get(t, t.namespaced ? dep.metadata.namespace : undefined, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return "dangling";
    if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) return "waiting";
    return "solid";
  }

  private async deleteObject(type: ResourceType, obj: KubeObject, policy: PropagationPolicy): Promise<void> {
    try {
      await this.ctx.client.delete(type, obj.metadata.namespace, obj.metadata.name ?? "", { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } });
    } catch (e) {
      if (isReason(e, "NotFound") || isReason(e, "Conflict")) return;
      throw e;
    }
  }

  private async removeOwnerRefs(type: ResourceType, obj: KubeObject, uids: Set<string>): Promise<void> {
    const fresh = this.ctx.client.get(type, obj.metadata.namespace, obj.metadata.name ?? "");
    if (!fresh || fresh.metadata.uid !== obj.metadata.uid) return;
    const copy = structuredClone(fresh);
    copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
    if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
    try {
      await this.ctx.client.update(copy);
    } catch (e) {
      if (!isReason(e, "NotFound")) throw e;
    }
  }

  private async removeFinalizer(type: ResourceType, obj: KubeObject, finalizer: string): Promise<void> {
    const fresh = this.ctx.client.get(type, obj.metadata.namespace, obj.metadata.name ?? "");
    if (!fresh || fresh.metadata.uid !== obj.metadata.uid || !(fresh.metadata.finalizers ?? []).includes(finalizer)) return;
    const copy = structuredClone(fresh);
    copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    try {
      await this.ctx.client.update(copy);
    } catch (e) {
      if (!isReason(e, "NotFound")) throw e;
    }
  }

  private async orphanDependents(type: ResourceType, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid ?? "";
    for (const dep of this.dependentsOf(uid)) await this.removeOwnerRefs(dep.type, dep.obj, new Set([uid]));
    await this.removeFinalizer(type, owner, ORPHAN_FINALIZER);
  }

  /** Foreground: dependents are processed (deleted, or unlinked when they have other owners); the owner goes once no blocking dependent remains. */
  private async deleteDependentsFirst(type: ResourceType, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid ?? "";
    const deps = this.dependentsOf(uid);
    const blocking = deps.filter((d) => d.obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true));
    if (blocking.length === 0) {
      await this.removeFinalizer(type, owner, FOREGROUND_FINALIZER);
      return;
    }
    for (const d of deps) if (!d.obj.metadata.deletionTimestamp) this.enqueue(d.type, d.obj);
  }
}

function ownerType(ref: OwnerReference): ResourceType | undefined {
  return resourceTypeFor(ref.apiVersion, ref.kind) ?? resourceTypeByKind(groupOf(ref.apiVersion), ref.kind);
}
