// Why: a pod that names its node (spec.nodeName set before scheduling, or a preset) may only go there.

import type { Pod } from "../../../api/types";
import { unresolvable, type FilterPlugin, type NodeInfo, type Status } from "../../framework/types";

export const NODE_NAME = "NodeName";
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** True when the pod names no node or names this one. */
export function fitsNodeName(pod: Pod, node: NodeInfo): boolean {
  const want = pod.spec?.nodeName;
  return !want || want === node.name;
}

/** The NodeName filter plugin. */
export function newNodeName() {
  return {
    name: NODE_NAME,
    filter(_state, pod, node): Status {
      return fitsNodeName(pod, node) ? null : unresolvable(ERR_REASON_NODE_NAME);
    },
  } satisfies FilterPlugin;
}
