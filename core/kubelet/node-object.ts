// Why: what a kubelet registers: the Node with capacity, labels, conditions, addresses and nodeInfo, and its Lease, as kubelet v1.32 writes them.

import { microTime, rfc3339 } from "../clock/clock";
import type { Lease, Node, NodeCondition, Taint } from "../api/types";
import { pseudoHex } from "./images";

export const KUBELET_VERSION = "v1.32.0";
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** Everything that describes the machine. */
export interface NodeSpecInput {
  nodeName: string;
  capacity: { cpu: string | number; memory: string | number; pods?: string | number; "ephemeral-storage"?: string | number };
  labels?: Record<string, string>;
  taints?: Taint[];
  podCIDR: string;
  internalIP: string;
  instanceType?: string;
}

/** The four conditions of a healthy node; lastTransitionTime kept from `prev` when unchanged. */
export function healthyConditions(now: number, prev?: NodeCondition[]): NodeCondition[] {
  const t = rfc3339(now);
  const mk = (type: string, status: string, reason: string, message: string): NodeCondition => {
    const old = prev?.find((c) => c.type === type);
    return { type, status, lastHeartbeatTime: t, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : t, reason, message };
  };
  return [
    mk("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
    mk("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    mk("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
    mk("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
  ];
}

/** Labels the kubelet sets on its Node. */
export function nodeLabels(input: NodeSpecInput): Record<string, string> {
  return {
    "beta.kubernetes.io/arch": "amd64",
    "beta.kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    "kubernetes.io/hostname": input.nodeName,
    "kubernetes.io/os": "linux",
    ...(input.instanceType ? { "node.kubernetes.io/instance-type": input.instanceType } : {}),
    ...input.labels,
  };
}

/** The Node object a kubelet creates at registration. */
export function buildNode(input: NodeSpecInput, now: number, images: { names: string[]; sizeBytes: number }[]): Node {
  const cap: Record<string, string> = {
    cpu: String(input.capacity.cpu),
    "ephemeral-storage": String(input.capacity["ephemeral-storage"] ?? "100Gi"),
    "hugepages-1Gi": "0",
    "hugepages-2Mi": "0",
    memory: String(input.capacity.memory),
    pods: String(input.capacity.pods ?? 110),
  };
  const seed = input.nodeName;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: input.nodeName,
      labels: nodeLabels(input),
      annotations: { "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true" },
    },
    spec: { podCIDR: input.podCIDR, podCIDRs: [input.podCIDR], ...(input.taints?.length ? { taints: input.taints.map((t) => ({ ...t })) } : {}) },
    status: {
      capacity: cap,
      allocatable: { ...cap },
      conditions: healthyConditions(now),
      addresses: [
        { type: "InternalIP", address: input.internalIP },
        { type: "Hostname", address: input.nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: pseudoHex(`machine/${seed}`, 32),
        systemUUID: uuid(pseudoHex(`uuid/${seed}`, 32)),
        bootID: uuid(pseudoHex(`boot/${seed}/${now}`, 32)),
        kernelVersion: "6.8.0-1015-gcp",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        containerRuntimeVersion: "containerd://1.7.24",
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        operatingSystem: "linux",
        architecture: "amd64",
      },
      images,
    },
  };
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The node's Lease in kube-node-lease, owned by the Node. */
export function buildLease(nodeName: string, nodeUid: string | undefined, now: number, durationSeconds: number): Lease {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: nodeName,
      namespace: NODE_LEASE_NAMESPACE,
      ...(nodeUid ? { ownerReferences: [{ apiVersion: "v1", kind: "Node", name: nodeName, uid: nodeUid }] } : {}),
    },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: durationSeconds, renewTime: microTime(now) },
  };
}
