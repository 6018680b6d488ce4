// Why: a cordoned node (spec.unschedulable) takes no new pods unless they tolerate the unschedulable taint.

import type { Pod } from "../../../api/types";
import { unresolvable, type FilterPlugin, type NodeInfo, type Status } from "../../framework/types";
import { toleratesTaint } from "../taint-toleration/taint-toleration";

export const NODE_UNSCHEDULABLE = "NodeUnschedulable";
export const ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
export const TAINT_NODE_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

/** True unless the node is cordoned and the pod does not tolerate `node.kubernetes.io/unschedulable:NoSchedule`. */
export function fitsSchedulable(pod: Pod, node: NodeInfo): boolean {
  if (!node.node.spec?.unschedulable) return true;
  return (pod.spec?.tolerations ?? []).some((t) => toleratesTaint(t, { key: TAINT_NODE_UNSCHEDULABLE, effect: "NoSchedule" }));
}

/** The NodeUnschedulable filter plugin. */
export function newNodeUnschedulable() {
  return {
    name: NODE_UNSCHEDULABLE,
    filter(_state, pod, node): Status {
      return fitsSchedulable(pod, node) ? null : unresolvable(ERR_REASON_UNSCHEDULABLE);
    },
  } satisfies FilterPlugin;
}
