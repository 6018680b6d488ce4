// Why: admin, edit and view (and any ClusterRole with an aggregationRule) must hold the union of the rules of the ClusterRoles their selectors pick, kept current as those roles change.

import { matches, selectorFromLabelSelector } from "../../api/selectors";
import type { Informer } from "../../informer/informer";
import { CLUSTER_ROLE_TYPE, type ClusterRole, type PolicyRule } from "../../rbac/types";
import { Controller, QueueBackedController, type ReconcileResult } from "../controller";
import type { ControllerContext } from "../context";

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The rules an aggregated role should hold: the rules of every other ClusterRole matched by any
 * of its selectors, roles taken by name, each rule once (syncClusterRole).
 */
export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const sel of role.aggregationRule?.clusterRoleSelectors ?? []) {
    let reqs;
    try {
      reqs = selectorFromLabelSelector(sel);
    } catch {
      continue;
    }
    const picked = all.filter((r) => r.metadata.name !== role.metadata.name && matches(reqs, r.metadata.labels)).sort((a, b) => ((a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1));
    for (const r of picked) for (const rule of r.rules ?? []) if (!out.some((x) => sameJson(x, rule))) out.push(rule);
  }
  return out;
}

/**
 * Kubernetes' clusterrole-aggregation controller: any ClusterRole change re-queues every
 * ClusterRole with an aggregationRule, and reconcile writes the union of the selected roles'
 * rules into it when they differ.
 */
export class ClusterRoleAggregationController extends QueueBackedController {
  readonly name = "clusterrole-aggregation";
  private readonly ctx: ControllerContext;
  protected readonly controller: Controller;
  private readonly roles: Informer<ClusterRole>;

  constructor(ctx: ControllerContext) {
    super();
    this.ctx = ctx;
    this.controller = new Controller({ name: this.name, reconciler: this, clock: ctx.clock, workers: ctx.workers, onError: ctx.onError });
    this.roles = ctx.informers.informerFor<ClusterRole>(CLUSTER_ROLE_TYPE);
    const enqueueAggregated = () => {
      for (const r of this.roles.list()) if (r.aggregationRule) this.controller.enqueue(r.metadata.name ?? "");
    };
    this.roles.addEventHandler({ onAdd: enqueueAggregated, onUpdate: enqueueAggregated, onDelete: enqueueAggregated });
  }

  async reconcile(name: string): Promise<ReconcileResult | void> {
    const role = this.roles.get(name);
    if (!role?.aggregationRule) return;
    const rules = aggregatedRules(role, this.roles.list());
    if (sameJson(rules, role.rules ?? [])) return;
    const next = structuredClone(role) as ClusterRole;
    next.rules = rules;
    await this.ctx.client.update(next);
  }
}
