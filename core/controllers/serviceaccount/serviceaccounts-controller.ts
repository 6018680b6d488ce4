// Why: every namespace has a `default` ServiceAccount (pods run as it, `kubectl create token default` asks for it), created with the namespace and again if deleted, as kube-controller-manager's serviceaccount controller keeps it.

import { isReason } from "../../api/errors";
import { resourceTypeByKind, type ResourceType } from "../../api/resources";
import type { KubeObject } from "../../api/types";
import type { Informer } from "../../informer/informer";
import { Controller, QueueBackedController, type ReconcileResult } from "../controller";
import type { ControllerContext } from "../context";

const NAMESPACE: ResourceType = resourceTypeByKind("", "Namespace")!;
const SERVICE_ACCOUNT: ResourceType = resourceTypeByKind("", "ServiceAccount")!;

/** The ServiceAccounts each active namespace must hold (Kubernetes ensures `default`). */
export const ENSURED_SERVICE_ACCOUNTS = ["default"] as const;

/** The apiserver's refusal to create content in a terminating namespace (its NamespaceTerminating cause). */
function terminating(e: unknown): boolean {
  return isReason(e, "Forbidden") && (e.status.details?.causes ?? []).some((c) => c.reason === "NamespaceTerminating");
}

/**
 * Kubernetes' serviceaccount controller: a Namespace added or updated, or an ensured
 * ServiceAccount deleted, queues the namespace; reconcile creates each missing ensured
 * ServiceAccount unless the namespace is gone or terminating.
 */
export class ServiceAccountsController extends QueueBackedController {
  readonly name = "serviceaccount";
  private readonly ctx: ControllerContext;
  protected readonly controller: Controller;
  private readonly namespaces: Informer<KubeObject>;
  private readonly accounts: Informer<KubeObject>;

  constructor(ctx: ControllerContext) {
    super();
    this.ctx = ctx;
    this.controller = new Controller({ name: this.name, reconciler: this, clock: ctx.clock, workers: ctx.workers, onError: ctx.onError });
    this.namespaces = ctx.informers.informerFor(NAMESPACE);
    this.accounts = ctx.informers.informerFor(SERVICE_ACCOUNT);
    const enqueue = (ns: KubeObject) => this.controller.enqueue(ns.metadata.name ?? "");
    this.namespaces.addEventHandler({ onAdd: enqueue, onUpdate: (_old, ns) => enqueue(ns) });
    this.accounts.addEventHandler({
      onDelete: (sa) => {
        if ((ENSURED_SERVICE_ACCOUNTS as readonly string[]).includes(sa.metadata.name ?? "")) this.controller.enqueue(sa.metadata.namespace ?? "");
      },
    });
  }

  async reconcile(namespace: string): Promise<ReconcileResult | void> {
    const ns = this.namespaces.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp || (ns as { status?: { phase?: string } }).status?.phase === "Terminating") return;
    for (const name of ENSURED_SERVICE_ACCOUNTS) {
      if (this.accounts.get(`${namespace}/${name}`)) continue;
      try {
        await this.ctx.client.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } });
      } catch (e) {
        // Created meanwhile (the informer had not seen it yet), or the namespace began terminating: nothing to do.
        if (isReason(e, "AlreadyExists") || isReason(e, "NotFound") || terminating(e)) continue;
        throw e;
      }
    }
  }
}
