// Why: deleting a Namespace deletes everything in it, then releases the Namespace (Kubernetes' namespace controller and its `kubernetes` finalizer).

import { isReason } from "../../api/errors";
import { rfc3339 } from "../../clock/clock";
import { RESOURCE_TYPES, resourceTypeByKind, type ResourceType } from "../../api/resources";
import type { Namespace } from "../../api/types";
import type { Informer } from "../../informer/informer";
import type { ObjectClient } from "../../store/types";
import { Controller, QueueBackedController, type ReconcileResult } from "../controller";
import type { ControllerContext } from "../context";

const NAMESPACE = resourceTypeByKind("", "Namespace")!;
/** The finalizer in `spec.finalizers` that this controller owns. */
export const KUBERNETES_FINALIZER = "kubernetes";
/** Namespaces every cluster has. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;
/** How soon to look again while content remains (events usually come first). */
export const CONTENT_REMAINING_RECHECK_MS = 5_000;

type NamespaceCondition = { type: string; status: string; reason: string; message: string; lastTransitionTime?: string };

/** Create the system namespaces that are missing. Safe to call on every start. */
export async function ensureSystemNamespaces(client: ObjectClient): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    if (client.get(NAMESPACE, undefined, name)) continue;
    try {
      await client.create<Namespace>({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, labels: { "kubernetes.io/metadata.name": name } },
        spec: { finalizers: [KUBERNETES_FINALIZER] },
        status: { phase: "Active" },
      });
    } catch (e) {
      if (!isReason(e, "AlreadyExists")) throw e;
    }
  }
}

/**
 * For each Namespace with a deletionTimestamp: deletes every namespaced object in it,
 * reports progress in status conditions, and once nothing remains empties
 * `spec.finalizers` (the finalize subresource) so the store removes the Namespace.
 */
export class NamespaceController extends QueueBackedController {
  readonly name = "namespace";
  private readonly ctx: ControllerContext;
  protected readonly controller: Controller;
  private readonly namespaces: Informer<Namespace>;
  private readonly types: ResourceType[];

  constructor(ctx: ControllerContext) {
    super();
    this.ctx = ctx;
    this.controller = new Controller({ name: this.name, reconciler: this, clock: ctx.clock, workers: ctx.workers, onError: ctx.onError });
    this.namespaces = ctx.informers.informerFor<Namespace>(NAMESPACE);
    this.types = RESOURCE_TYPES.filter((t) => t.namespaced);
    const maybe = (ns: Namespace) => {
      if (ns.metadata.deletionTimestamp) this.controller.enqueue(ns.metadata.name ?? "");
    };
    this.namespaces.addEventHandler({ onAdd: maybe, onUpdate: (_o, ns) => maybe(ns) });
    // Content going away may finish a deletion: look again at once.
    for (const t of this.types) {
      ctx.informers.informerFor(t).addEventHandler({
        onDelete: (o) => {
          const ns = this.namespaces.get(o.metadata.namespace ?? "");
          if (ns) maybe(ns);
        },
      });
    }
  }

  async reconcile(name: string): Promise<ReconcileResult | void> {
    const ns = this.namespaces.get(name);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    const remaining = new Map<string, number>();
    const finalizers = new Map<string, number>();
    const failures: string[] = [];
    for (const t of this.types) {
      for (const obj of this.ctx.client.list(t, { namespace: name }).items) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          await this.ctx.client.delete(t, name, obj.metadata.name ?? "", { propagationPolicy: "Background" });
        } catch (e) {
          if (!isReason(e, "NotFound")) failures.push(e instanceof Error ? e.message : String(e));
        }
      }
      const left = this.ctx.client.list(t, { namespace: name }).items;
      if (left.length > 0) remaining.set(`${t.plural}.${t.group}`, left.length);
      for (const o of left) for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    }
    await this.writeConditions(ns, remaining, finalizers, failures);
    if (remaining.size > 0 || failures.length > 0) return { requeueAfter: CONTENT_REMAINING_RECHECK_MS };
    await this.finalize(name);
  }

  private async writeConditions(ns: Namespace, remaining: Map<string, number>, finalizers: Map<string, number>, failures: string[]): Promise<void> {
    const list = (m: Map<string, number>, fmt: (k: string, n: number) => string) =>
      [...m.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, n]) => fmt(k, n))
        .join(", ");
    const want: NamespaceCondition[] = [
      { type: "NamespaceDeletionDiscoveryFailure", status: "False", reason: "ResourcesDiscovered", message: "All resources successfully discovered" },
      { type: "NamespaceDeletionGroupVersionParsingFailure", status: "False", reason: "ParsedGroupVersions", message: "All legacy kube types successfully parsed" },
      failures.length
        ? { type: "NamespaceDeletionContentFailure", status: "True", reason: "ContentDeletionFailed", message: `Failed to delete all resource types, ${failures.length} remaining: ${failures.join(", ")}` }
        : { type: "NamespaceDeletionContentFailure", status: "False", reason: "ContentDeleted", message: "All content successfully deleted, may be waiting on finalization" },
      remaining.size
        ? { type: "NamespaceContentRemaining", status: "True", reason: "SomeResourcesRemain", message: `Some resources are remaining: ${list(remaining, (k, n) => `${k} has ${n} resource instances`)}` }
        : { type: "NamespaceContentRemaining", status: "False", reason: "ContentRemoved", message: "All content successfully removed" },
      finalizers.size
        ? { type: "NamespaceFinalizersRemaining", status: "True", reason: "SomeFinalizersRemain", message: `Some content in the namespace has finalizers remaining: ${list(finalizers, (k, n) => `${k} in ${n} resource instances`)}` }
        : { type: "NamespaceFinalizersRemaining", status: "False", reason: "ContentHasNoFinalizers", message: "All content-preserving finalizers finished" },
    ];
    const now = rfc3339(this.ctx.clock.now());
    const current = (ns.status?.conditions ?? []) as NamespaceCondition[];
    const conditions = want.map((c) => {
      const cur = current.find((x) => x.type === c.type);
      if (cur && cur.status === c.status && cur.reason === c.reason && cur.message === c.message) return cur;
      return { ...c, lastTransitionTime: cur && cur.status === c.status ? cur.lastTransitionTime : now };
    });
    const status = { ...(ns.status ?? {}), phase: "Terminating", conditions };
    if (JSON.stringify(status) === JSON.stringify(ns.status)) return;
    const copy = structuredClone(ns);
    copy.status = status;
    try {
      await this.ctx.client.update(copy, { subresource: "status" });
    } catch (e) {
      if (!isReason(e, "NotFound")) throw e;
    }
  }

  private async finalize(name: string): Promise<void> {
    const fresh = this.ctx.client.get<Namespace>(NAMESPACE, undefined, name);
    if (!fresh || !(fresh.spec?.finalizers ?? []).includes(KUBERNETES_FINALIZER)) return;
    const copy = structuredClone(fresh);
    copy.spec = { ...(copy.spec ?? {}), finalizers: (copy.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER) };
    try {
      await this.ctx.client.update(copy, { subresource: "finalize" });
    } catch (e) {
      if (!isReason(e, "NotFound")) throw e;
    }
  }
}
