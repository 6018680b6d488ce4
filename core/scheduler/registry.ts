// Why: plugins are enabled by name (as in a KubeSchedulerConfiguration profile); this is the one table of names to factories.

import type { FrameworkHandle, Plugin } from "./framework/types";
import { DEFAULT_BINDER, newDefaultBinder } from "./plugins/default-binder/default-binder";
import { NODE_AFFINITY, newNodeAffinity } from "./plugins/node-affinity/node-affinity";
import { NODE_NAME, newNodeName } from "./plugins/node-name/node-name";
import {
  NODE_RESOURCES_BALANCED_ALLOCATION,
  newNodeResourcesBalancedAllocation,
} from "./plugins/node-resources-balanced-allocation/node-resources-balanced-allocation";
import { NODE_RESOURCES_FIT, newNodeResourcesFit } from "./plugins/node-resources-fit/node-resources-fit";
import { NODE_UNSCHEDULABLE, newNodeUnschedulable } from "./plugins/node-unschedulable/node-unschedulable";
import { TAINT_TOLERATION, newTaintToleration } from "./plugins/taint-toleration/taint-toleration";

export type PluginFactory = (handle: FrameworkHandle) => Plugin;

/** Every plugin Wheelhouse knows, by its Kubernetes name. */
export const PLUGIN_REGISTRY: Readonly<Record<string, PluginFactory>> = {
  [NODE_UNSCHEDULABLE]: () => newNodeUnschedulable(),
  [NODE_NAME]: () => newNodeName(),
  [TAINT_TOLERATION]: () => newTaintToleration(),
  [NODE_AFFINITY]: () => newNodeAffinity(),
  [NODE_RESOURCES_FIT]: () => newNodeResourcesFit(),
  [NODE_RESOURCES_BALANCED_ALLOCATION]: () => newNodeResourcesBalancedAllocation(),
  [DEFAULT_BINDER]: (h) => newDefaultBinder(h),
};

/** A plugin enabled in the profile; `weight` multiplies its normalized score (default 1). */
export interface PluginConfig {
  name: string;
  weight?: number;
}

/** The default profile, in kube-scheduler's filter order and with its default score weights. */
export const DEFAULT_PLUGINS: readonly PluginConfig[] = [
  { name: NODE_UNSCHEDULABLE },
  { name: NODE_NAME },
  { name: TAINT_TOLERATION, weight: 3 },
  { name: NODE_AFFINITY, weight: 2 },
  { name: NODE_RESOURCES_FIT, weight: 1 },
  { name: NODE_RESOURCES_BALANCED_ALLOCATION, weight: 1 },
  { name: DEFAULT_BINDER },
];
