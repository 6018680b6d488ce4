// Why: nodeSelector and required node affinity restrict where a pod may go; preferred terms rank the nodes that remain.

import type { Node, Pod } from "../../../api/types";
import {
  defaultNormalizeScore,
  unresolvable,
  type FilterPlugin,
  type NodeInfo,
  type ScorePlugin,
  type Status,
} from "../../framework/types";

export const NODE_AFFINITY = "NodeAffinity";
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

/** A node selector requirement (`key`, `operator`, `values`), as in `matchExpressions` and `matchFields`. */
export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** A node selector term: every expression and field must match. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

/** Evaluates one requirement against a value map (labels, or `{ "metadata.name": name }` for fields). */
export function matchesRequirement(req: NodeSelectorRequirement, values: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, req.key);
  const v = values[req.key];
  const list = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && list.includes(v);
    case "NotIn":
      return !has || !list.includes(v);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || list.length !== 1) return false;
      const a = Number.parseInt(v, 10);
      const b = Number.parseInt(list[0], 10);
      if (!/^-?\d+$/.test(v) || !/^-?\d+$/.test(list[0])) return false;
      return req.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A term with no requirements matches nothing, as in Kubernetes. */
export function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const fieldValues = { "metadata.name": node.metadata.name ?? "" };
  return exprs.every((r) => matchesRequirement(r, labels)) && fields.every((r) => matchesRequirement(r, fieldValues));
}

/** nodeSelector (every label equal) and requiredDuringSchedulingIgnoredDuringExecution (any term) both hold. */
export function matchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return (required.nodeSelectorTerms as NodeSelectorTerm[]).some((t) => matchesTerm(t, node));
  return true;
}

/** Sum of the weights of the preferred terms the node matches. */
export function preferredAffinityScore(pod: Pod, node: Node): number {
  let total = 0;
  for (const p of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (p.weight && matchesTerm(p.preference as NodeSelectorTerm, node)) total += p.weight;
  }
  return total;
}

/** The NodeAffinity filter and score plugin. */
export function newNodeAffinity() {
  return {
    name: NODE_AFFINITY,
    filter(_state, pod, node: NodeInfo): Status {
      return matchesNodeSelectorAndAffinity(pod, node.node) ? null : unresolvable(ERR_REASON_NODE_AFFINITY);
    },
    score(_state, pod, node: NodeInfo): number {
      return preferredAffinityScore(pod, node.node);
    },
    normalizeScore(_state, _pod, scores: Map<string, number>): void {
      defaultNormalizeScore(scores, false);
    },
  } satisfies FilterPlugin & ScorePlugin;
}
