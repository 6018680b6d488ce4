// Why: one reconcile of one Deployment (Kubernetes' sync.go, rolling.go, recreate.go, progress.go): holds the Deployment and its ReplicaSets as they change during the pass.

import { isReason } from "../../api/errors";
import { resourceTypeByKind } from "../../api/resources";
import type { Deployment, Pod, ReplicaSet } from "../../api/types";
import type { Informer } from "../../informer/informer";
import type { ControllerContext } from "../context";
import { CONTROLLER_UID_INDEX } from "../indexes";
import { controllerRefOf, isNamespaceTerminating, newControllerRef } from "../owner-refs";
import { canonicalJson, computeHash, POD_TEMPLATE_HASH_LABEL, templatesEqualIgnoringHash } from "./pod-template-hash";
import * as u from "./deployment-util";

const RS = resourceTypeByKind("apps", "ReplicaSet")!;
type DStatus = NonNullable<Deployment["status"]>;

/** The state of one Deployment reconcile. `run()` does what Kubernetes' syncDeployment does after claiming ReplicaSets. */
export class DeploymentSync {
  private d: Deployment;
  private stored: Deployment;
  private sets: ReplicaSet[];
  private newUid?: string;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly pods: Informer<Pod>,
    deployment: Deployment,
    replicaSets: ReplicaSet[],
  ) {
    this.stored = deployment;
    this.d = structuredClone(deployment);
    this.sets = [...replicaSets];
  }

  /** Returns ms after which to check again (progress deadline), if any. */
  async run(): Promise<number | undefined> {
    if (this.d.metadata.deletionTimestamp) {
      await this.getAll(false);
      await this.syncDeploymentStatus();
      return;
    }
    await this.checkPausedConditions();
    if (this.d.spec?.paused) return this.sync();
    if (await this.isScalingEvent()) return this.sync();
    return this.d.spec?.strategy?.type === "Recreate" ? this.rolloutRecreate() : this.rolloutRolling();
  }

  private get newRS(): ReplicaSet | undefined {
    return this.newUid ? this.sets.find((s) => s.metadata.uid === this.newUid) : undefined;
  }
  private get oldRSs(): ReplicaSet[] {
    return this.sets.filter((s) => s.metadata.uid !== this.newUid);
  }
  private get allRSs(): ReplicaSet[] {
    const n = this.newRS;
    return n ? [...this.oldRSs, n] : this.oldRSs;
  }
  private replace(rs: ReplicaSet): ReplicaSet {
    const i = this.sets.findIndex((s) => s.metadata.uid === rs.metadata.uid);
    if (i >= 0) this.sets[i] = rs;
    else this.sets.push(rs);
    return rs;
  }

  /** Write what changed on the Deployment: annotations through the main resource, status through the status subresource. */
  private async save(): Promise<void> {
    let cur = this.stored;
    if (canonicalJson(cur.metadata.annotations ?? {}) !== canonicalJson(this.d.metadata.annotations ?? {})) {
      const copy = structuredClone(cur);
      copy.metadata.annotations = structuredClone(this.d.metadata.annotations);
      cur = await this.ctx.client.update(copy);
    }
    if (canonicalJson(compact(cur.status)) !== canonicalJson(compact(this.d.status))) {
      const copy = structuredClone(cur);
      copy.status = compact(this.d.status);
      cur = await this.ctx.client.update(copy, { subresource: "status" });
    }
    this.stored = cur;
    this.d = structuredClone(cur);
  }

  private async checkPausedConditions(): Promise<void> {
    const s = (this.d.status ??= {});
    const cond = u.getCondition(s, "Progressing");
    if (cond?.reason === u.Reason.TimedOut) return;
    const pausedExists = cond?.reason === u.Reason.Paused;
    const now = this.ctx.clock.now();
    if (this.d.spec?.paused && !pausedExists) u.setCondition(s, u.newCondition("Progressing", "Unknown", u.Reason.Paused, "Deployment is paused", now));
    else if (!this.d.spec?.paused && pausedExists) u.setCondition(s, u.newCondition("Progressing", "Unknown", u.Reason.Resumed, "Deployment is resumed", now));
    else return;
    await this.save();
  }

  /** getAllReplicaSetsAndSyncRevision: find (or create) the new ReplicaSet and bring revisions up to date. */
  private async getAll(create: boolean): Promise<void> {
    const existing = [...this.sets].sort(u.byCreation).find((rs) => templatesEqualIgnoringHash(rs.spec?.template, this.d.spec?.template));
    this.newUid = existing?.metadata.uid;
    const newRevision = u.maxRevision(this.oldRSs) + 1;
    const now = this.ctx.clock.now();
    const s = (this.d.status ??= {});
    if (existing) {
      const copy = structuredClone(existing);
      const annotationsChanged = u.setNewReplicaSetAnnotations(this.d, copy, newRevision, true);
      const minReady = this.d.spec?.minReadySeconds ?? 0;
      const minReadyChanged = (copy.spec?.minReadySeconds ?? 0) !== minReady;
      if (annotationsChanged || minReadyChanged) {
        copy.spec!.minReadySeconds = minReady;
        this.replace(await this.ctx.client.update(copy));
      }
      let needsUpdate = u.setDeploymentRevision(this.d, String(u.revisionOf(this.newRS)));
      if (!u.getCondition(s, "Progressing")) {
        u.setCondition(s, u.newCondition("Progressing", "True", u.Reason.FoundNewRS, `Found new replica set "${copy.metadata.name}"`, now));
        needsUpdate = true;
      }
      if (needsUpdate) await this.save();
      return;
    }
    if (!create) return;
    await this.createNewReplicaSet(newRevision);
  }

  private async createNewReplicaSet(newRevision: number): Promise<void> {
    const d = this.d;
    const s = (d.status ??= {});
    const hash = computeHash(d.spec?.template, d.status?.collisionCount);
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...template.metadata.labels }, ownerReferences: [newControllerRef(d)] },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const replicas = newRSNewReplicas(d, [...this.oldRSs, rs], rs);
    rs.spec!.replicas = replicas;
    u.setNewReplicaSetAnnotations(d, rs, newRevision, false);
    const now = this.ctx.clock.now();
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = await this.ctx.client.create(rs);
    } catch (e) {
      if (isNamespaceTerminating(e)) return;
      if (!isReason(e, "AlreadyExists")) {
        const msg = `Failed to create new replica set "${rs.metadata.name}": ${e instanceof Error ? e.message : String(e)}`;
        this.ctx.recorder.event(d, "Warning", u.Reason.FailedRSCreate, msg);
        u.setCondition(s, u.newCondition("Progressing", "False", u.Reason.FailedRSCreate, msg, now));
        await this.save();
        throw e;
      }
      const found = this.ctx.client.get<ReplicaSet>(RS, rs.metadata.namespace, rs.metadata.name!);
      if (!found || controllerRefOf(found)?.uid !== d.metadata.uid || !templatesEqualIgnoringHash(d.spec?.template, found.spec?.template)) {
        // A hash collision with somebody else's ReplicaSet: bump collisionCount and retry with a new name.
        s.collisionCount = (s.collisionCount ?? 0) + 1;
        await this.save();
        throw e;
      }
      created = found;
      alreadyExists = true;
    }
    this.replace(created);
    this.newUid = created.metadata.uid;
    if (!alreadyExists && replicas > 0) {
      this.ctx.recorder.event(d, "Normal", "ScalingReplicaSet", `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
    }
    let needsUpdate = u.setDeploymentRevision(this.d, String(newRevision));
    if (!alreadyExists) {
      u.setCondition(this.d.status!, u.newCondition("Progressing", "True", u.Reason.NewRSCreated, `Created new replica set "${created.metadata.name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) await this.save();
  }

  private async isScalingEvent(): Promise<boolean> {
    await this.getAll(false);
    const want = u.replicasOf(this.d);
    return u.activeSets(this.allRSs).some((rs) => {
      const desired = rs.metadata.annotations?.[u.DESIRED_REPLICAS_ANNOTATION];
      return desired !== undefined && Number(desired) !== want;
    });
  }

  /** Scale-only pass (paused, or spec.replicas changed): proportional scaling, then status. */
  private async sync(): Promise<number | undefined> {
    await this.getAll(false);
    await this.scale();
    if (this.d.spec?.paused) await this.cleanup();
    await this.syncDeploymentStatus();
    return undefined;
  }

  /** Kubernetes' scale(): give the Deployment's replica change to its active ReplicaSets in proportion. */
  private async scale(): Promise<void> {
    const d = this.d;
    const want = u.replicasOf(d);
    const newRS = this.newRS;
    const activeOrLatest = findActiveOrLatest(newRS, this.oldRSs);
    if (activeOrLatest) {
      if (u.rsReplicas(activeOrLatest) !== want) await this.scaleAndRecord(activeOrLatest, want);
      return;
    }
    if (newRS && isSaturated(d, newRS)) {
      for (const old of u.activeSets(this.oldRSs)) await this.scaleAndRecord(old, 0);
      return;
    }
    if (!u.isRollingUpdate(d)) return;
    const all = u.activeSets(this.allRSs);
    const allowed = want > 0 ? want + u.maxSurge(d) : 0;
    const toAdd = allowed - u.sumSpec(all);
    if (toAdd === 0) return;
    all.sort(toAdd > 0 ? u.bySizeNewer : u.bySizeOlder);
    const op = toAdd > 0 ? "up" : "down";
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.uid!, u.rsReplicas(rs) + p);
      added += p;
    }
    if (all.length > 0) {
      const first = all[0].metadata.uid!;
      sizes.set(first, Math.max(0, sizes.get(first)! + (toAdd - added)));
    }
    for (const rs of all) await this.scaleRS(rs, sizes.get(rs.metadata.uid!)!, op);
  }

  private async scaleAndRecord(rs: ReplicaSet, to: number): Promise<boolean> {
    if (u.rsReplicas(rs) === to) return false;
    await this.scaleRS(rs, to, u.rsReplicas(rs) < to ? "up" : "down");
    return true;
  }

  private async scaleRS(rs: ReplicaSet, to: number, op: "up" | "down"): Promise<void> {
    const want = u.replicasOf(this.d);
    const max = want + u.maxSurge(this.d);
    const from = u.rsReplicas(rs);
    const sizeChanged = from !== to;
    if (!sizeChanged && !u.replicasAnnotationsNeedUpdate(rs, want, max)) return;
    const copy = structuredClone(rs);
    copy.spec!.replicas = to;
    u.setReplicasAnnotations(copy, want, max);
    this.replace(await this.ctx.client.update(copy));
    if (sizeChanged) this.ctx.recorder.event(this.d, "Normal", "ScalingReplicaSet", `Scaled ${op} replica set ${rs.metadata.name} from ${from} to ${to}`);
  }

  private async rolloutRolling(): Promise<number | undefined> {
    await this.getAll(true);
    if (await this.reconcileNewReplicaSet()) return this.syncRolloutStatus();
    if (await this.reconcileOldReplicaSets()) return this.syncRolloutStatus();
    if (u.deploymentComplete(this.d, this.d.status ?? {})) await this.cleanup();
    return this.syncRolloutStatus();
  }

  private async reconcileNewReplicaSet(): Promise<boolean> {
    const newRS = this.newRS;
    if (!newRS) return false;
    const want = u.replicasOf(this.d);
    if (u.rsReplicas(newRS) === want) return false;
    if (u.rsReplicas(newRS) > want) return this.scaleAndRecord(newRS, want);
    return this.scaleAndRecord(newRS, newRSNewReplicas(this.d, this.allRSs, newRS));
  }

  private async reconcileOldReplicaSets(): Promise<boolean> {
    const d = this.d;
    const newRS = this.newRS;
    if (u.sumSpec(this.oldRSs) === 0) return false;
    const minAvailable = u.replicasOf(d) - u.maxUnavailable(d);
    const newUnavailable = u.rsReplicas(newRS) - (newRS?.status?.availableReplicas ?? 0);
    const maxScaledDown = u.sumSpec(this.allRSs) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // First remove unhealthy old replicas: they do not count as available anyway.
    let cleaned = 0;
    for (const rs of u.activeSets(this.oldRSs).sort(u.byCreation)) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = u.rsReplicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      await this.scaleAndRecord(rs, u.rsReplicas(rs) - down);
      cleaned += down;
    }
    // Then scale down old replicas while availability stays above the minimum.
    let scaled = 0;
    const available = u.sumAvailableForScaleDown(this.allRSs);
    const total = available - minAvailable;
    if (total > 0) {
      for (const rs of u.activeSets(this.oldRSs).sort(u.byCreation)) {
        if (scaled >= total) break;
        const down = Math.min(u.rsReplicas(rs), total - scaled);
        await this.scaleAndRecord(rs, u.rsReplicas(rs) - down);
        scaled += down;
      }
    }
    return cleaned + scaled > 0;
  }

  private async rolloutRecreate(): Promise<number | undefined> {
    await this.getAll(false);
    let scaledDown = false;
    for (const rs of u.activeSets(this.oldRSs)) if (await this.scaleAndRecord(rs, 0)) scaledDown = true;
    if (scaledDown || this.oldPodsRunning()) return this.syncRolloutStatus();
    if (!this.newRS) await this.getAll(true);
    if (this.newRS) await this.scaleAndRecord(this.newRS, u.replicasOf(this.d));
    if (u.deploymentComplete(this.d, this.d.status ?? {})) await this.cleanup();
    return this.syncRolloutStatus();
  }

  /** Any pod of an old ReplicaSet that has not finished (Recreate waits for them to be gone). */
  private oldPodsRunning(): boolean {
    if (u.sumStatus(this.oldRSs) > 0) return true;
    for (const rs of this.oldRSs) {
      for (const p of this.pods.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid ?? "")) {
        const phase = p.status?.phase;
        if (phase !== "Failed" && phase !== "Succeeded") return true;
      }
    }
    return false;
  }

  /** Delete old ReplicaSets with no replicas beyond revisionHistoryLimit, lowest revision first. */
  private async cleanup(): Promise<void> {
    const limit = u.revisionHistoryLimit(this.d);
    const cleanable = this.oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(u.byRevision);
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if ((rs.status?.replicas ?? 0) !== 0 || u.rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.ctx.client.delete(RS, rs.metadata.namespace, rs.metadata.name!);
      } catch (e) {
        if (!isReason(e, "NotFound")) throw e;
      }
      this.sets = this.sets.filter((s) => s.metadata.uid !== rs.metadata.uid);
    }
  }

  private async syncDeploymentStatus(): Promise<void> {
    this.d.status = u.calculateStatus(this.allRSs, this.newRS, this.d, this.ctx.clock.now());
    await this.save();
  }

  /** syncRolloutStatus: counts, Available, and the Progressing condition against the progress deadline. */
  private async syncRolloutStatus(): Promise<number | undefined> {
    const d = this.d;
    const now = this.ctx.clock.now();
    const newRS = this.newRS;
    const s = u.calculateStatus(this.allRSs, newRS, d, now);
    const cur = u.getCondition(s, "Progressing");
    const complete = s.replicas === s.updatedReplicas && cur?.reason === u.Reason.NewRSAvailable;
    if (!complete) {
      const what = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
      if (u.deploymentComplete(d, s)) {
        u.setCondition(s, u.newCondition("Progressing", "True", u.Reason.NewRSAvailable, `${what} has successfully progressed.`, now));
      } else if (u.deploymentProgressing(d, s)) {
        const c = u.newCondition("Progressing", "True", u.Reason.RSUpdated, `${what} is progressing.`, now);
        if (cur?.status === "True") c.lastTransitionTime = cur.lastTransitionTime;
        u.removeCondition(s, "Progressing");
        u.setCondition(s, c);
      } else if (u.deploymentTimedOut(d, s, now)) {
        u.setCondition(s, u.newCondition("Progressing", "False", u.Reason.TimedOut, `${what} has timed out progressing.`, now));
      }
    }
    const failure = this.allRSs.map((rs) => rs.status?.conditions?.find((c) => c.type === "ReplicaFailure")).find((c) => c);
    if (failure) u.setCondition(s, { ...failure, lastUpdateTime: failure.lastTransitionTime });
    else u.removeCondition(s, "ReplicaFailure");
    d.status = s;
    await this.save();
    return requeueStuck(this.d, s, now);
  }
}

/** The replicas the new ReplicaSet should have now (NewRSNewReplicas): bounded by maxSurge for RollingUpdate. */
export function newRSNewReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const want = u.replicasOf(d);
  if (!u.isRollingUpdate(d)) return want;
  const current = u.sumSpec(all);
  const maxTotal = want + u.maxSurge(d);
  if (current >= maxTotal) return u.rsReplicas(newRS);
  return u.rsReplicas(newRS) + Math.min(maxTotal - current, want - u.rsReplicas(newRS));
}

function findActiveOrLatest(newRS: ReplicaSet | undefined, old: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && old.length === 0) return undefined;
  const sortedOld = [...old].sort((a, b) => -u.byCreation(a, b));
  const active = u.activeSets([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  return active.length === 1 ? active[0] : undefined;
}

function isSaturated(d: Deployment, rs: ReplicaSet): boolean {
  const want = u.replicasOf(d);
  return rs.metadata.annotations?.[u.DESIRED_REPLICAS_ANNOTATION] === String(want) && u.rsReplicas(rs) === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** GetProportion: this ReplicaSet's share of `toAdd`, from its max-replicas annotation. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (u.rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const want = u.replicasOf(d);
  let fraction: number;
  if (want === 0) fraction = -u.rsReplicas(rs);
  else {
    const total = want + u.maxSurge(d);
    const ann = Number(rs.metadata.annotations?.[u.MAX_REPLICAS_ANNOTATION]);
    const annotated = Number.isFinite(ann) && ann > 0 ? ann : (d.status?.replicas ?? 0);
    const size = annotated > 0 ? (u.rsReplicas(rs) * total) / annotated : u.rsReplicas(rs);
    fraction = roundHalfAway(size) - u.rsReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** requeueStuckDeployment: when to look again so ProgressDeadlineExceeded is noticed. */
function requeueStuck(d: Deployment, s: DStatus, now: number): number | undefined {
  const c = u.getCondition(s, "Progressing");
  if (!c || c.reason === u.Reason.TimedOut || c.reason === u.Reason.NewRSAvailable || u.deploymentComplete(d, s)) return undefined;
  if (d.spec?.paused) return undefined;
  const from = Date.parse(c.lastUpdateTime ?? "");
  if (!Number.isFinite(from)) return undefined;
  return Math.max(1000, from + u.progressDeadline(d) * 1000 - now + 1000);
}

/** Kubernetes omits zero counts (omitempty) from DeploymentStatus. */
function compact(s: DStatus | undefined): DStatus | undefined {
  if (!s) return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || (v === 0 && k !== "collisionCount") || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? (out as DStatus) : undefined;
}
