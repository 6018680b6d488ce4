// Why: the console and GraphQL show a node the way `kubectl get nodes -o wide` does (STATUS, ROLES, VERSION, INTERNAL-IP).

import type { Node } from "@/core/api/types";

/** The columns of `kubectl get nodes -o wide`. */
export interface NodeSummary {
  /** `Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled` when cordoned. */
  status: string;
  ready: boolean;
  unschedulable: boolean;
  /** From `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label; empty when none (kubectl prints `<none>`). */
  roles: string[];
  version: string;
  internalIP?: string;
  externalIP?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntime?: string;
}

const ROLE_PREFIX = "node-role.kubernetes.io/";

/** kubectl's printNode, condensed. */
export function nodeSummary(node: Node): NodeSummary {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === "Ready");
  const parts = [!ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady"];
  const unschedulable = node.spec?.unschedulable === true;
  if (unschedulable) parts.push("SchedulingDisabled");
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  const addr = (type: string) => (node.status?.addresses ?? []).find((a) => a.type === type)?.address;
  const info = node.status?.nodeInfo;
  return {
    status: parts.join(","),
    ready: ready?.status === "True",
    unschedulable,
    roles: [...roles].sort(),
    version: info?.kubeletVersion ?? "",
    internalIP: addr("InternalIP"),
    externalIP: addr("ExternalIP"),
    osImage: info?.osImage,
    kernelVersion: info?.kernelVersion,
    containerRuntime: info?.containerRuntimeVersion,
  };
}
