// Why: at every start the default roles and bindings must exist and carry at least the default permissions (Kubernetes' auto-reconcile), without undoing what an admin added.

import { isReason } from "../../api/errors";
import type { ObjectClient } from "../../store/types";
import { covers } from "../covers";
import { CLUSTER_ROLE_BINDING_TYPE, CLUSTER_ROLE_TYPE, type ClusterRole, type ClusterRoleBinding, type Subject } from "../types";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap-policy";
import { AUTOUPDATE_ANNOTATION } from "./rule-builder";

/** What the reconciliation did, by object name. */
export interface BootstrapPolicyResult {
  created: string[];
  updated: string[];
  /** Objects annotated `rbac.authorization.kubernetes.io/autoupdate: "false"`, left alone. */
  protected: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Expected keys fill in; keys already set keep their values (the reconciler's merge). */
const merge = (expected: Record<string, string> | undefined, existing: Record<string, string> | undefined) => ({ ...(expected ?? {}), ...(existing ?? {}) });
const sameSubject = (a: Subject, b: Subject) => a.kind === b.kind && (a.apiGroup ?? "") === (b.apiGroup ?? "") && a.name === b.name && (a.namespace ?? "") === (b.namespace ?? "");

/** The existing role with the expected labels, annotations, missing rules and missing selectors added; undefined when nothing changes (computeReconciledRole, union mode). */
export function reconcileClusterRole(expected: ClusterRole, existing: ClusterRole): ClusterRole | undefined {
  const out = structuredClone(existing) as ClusterRole;
  out.metadata.labels = merge(expected.metadata.labels, existing.metadata.labels);
  out.metadata.annotations = merge(expected.metadata.annotations, existing.metadata.annotations);
  const { missing } = covers(existing.rules ?? [], expected.rules ?? []);
  if (missing.length) out.rules = [...(existing.rules ?? []), ...missing];
  if (!expected.aggregationRule && existing.aggregationRule) delete out.aggregationRule;
  else if (expected.aggregationRule) {
    const have = existing.aggregationRule?.clusterRoleSelectors ?? [];
    const add = (expected.aggregationRule.clusterRoleSelectors ?? []).filter((s) => !have.some((h) => same(h, s)));
    if (add.length) out.aggregationRule = { clusterRoleSelectors: [...have, ...add] };
  }
  return same(out, existing) ? undefined : out;
}

/** The existing binding with the expected labels, annotations and missing subjects added; undefined when nothing changes. A changed roleRef is handled by recreating. */
export function reconcileClusterRoleBinding(expected: ClusterRoleBinding, existing: ClusterRoleBinding): ClusterRoleBinding | undefined {
  const out = structuredClone(existing) as ClusterRoleBinding;
  out.metadata.labels = merge(expected.metadata.labels, existing.metadata.labels);
  out.metadata.annotations = merge(expected.metadata.annotations, existing.metadata.annotations);
  const have = existing.subjects ?? [];
  const add = (expected.subjects ?? []).filter((s) => !have.some((h) => sameSubject(h, s)));
  if (add.length) out.subjects = [...have, ...add];
  return same(out, existing) ? undefined : out;
}

async function createTolerant<T extends ClusterRole | ClusterRoleBinding>(client: ObjectClient, obj: T): Promise<boolean> {
  try {
    await client.create(structuredClone(obj));
    return true;
  } catch (e) {
    if (isReason(e, "AlreadyExists")) return false;
    throw e;
  }
}

/**
 * Creates the missing default ClusterRoles and ClusterRoleBindings and reconciles existing ones
 * (adds missing rules, selectors, subjects, labels and annotations; recreates a binding whose
 * roleRef changed), unless annotated `autoupdate: "false"`. Writes with `client`, which should be
 * trusted (the store): the apiserver does this for itself at start. Safe to run on every start.
 */
export async function ensureBootstrapPolicy(client: ObjectClient): Promise<BootstrapPolicyResult> {
  const result: BootstrapPolicyResult = { created: [], updated: [], protected: [] };
  for (const role of bootstrapClusterRoles()) {
    const name = role.metadata.name!;
    const existing = client.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, name);
    if (!existing) {
      if (await createTolerant(client, role)) result.created.push(name);
      continue;
    }
    if (existing.metadata.annotations?.[AUTOUPDATE_ANNOTATION] === "false") {
      result.protected.push(name);
      continue;
    }
    const next = reconcileClusterRole(role, existing);
    if (next) {
      await client.update(next);
      result.updated.push(name);
    }
  }
  for (const binding of bootstrapClusterRoleBindings()) {
    const name = binding.metadata.name!;
    const existing = client.get<ClusterRoleBinding>(CLUSTER_ROLE_BINDING_TYPE, undefined, name);
    if (!existing) {
      if (await createTolerant(client, binding)) result.created.push(name);
      continue;
    }
    if (existing.metadata.annotations?.[AUTOUPDATE_ANNOTATION] === "false") {
      result.protected.push(name);
      continue;
    }
    const ref = existing.roleRef;
    if (ref.apiGroup !== binding.roleRef.apiGroup || ref.kind !== binding.roleRef.kind || ref.name !== binding.roleRef.name) {
      await client.delete(CLUSTER_ROLE_BINDING_TYPE, undefined, name);
      const recreated = structuredClone(binding);
      recreated.subjects = [...(existing.subjects ?? []), ...(binding.subjects ?? []).filter((s) => !(existing.subjects ?? []).some((h) => sameSubject(h, s)))];
      await client.create(recreated);
      result.updated.push(name);
      continue;
    }
    const next = reconcileClusterRoleBinding(binding, existing);
    if (next) {
      await client.update(next);
      result.updated.push(name);
    }
  }
  return result;
}
