// Why: the scheduler reasons about a node as "allocatable minus what its pods request"; this builds that view.

import { bytes, cpuMillis } from "../../api/quantity";
import type { Container, Node, Pod } from "../../api/types";
import type { NodeInfo, Resources } from "./types";

/** kube-scheduler counts a container without requests as this much when scoring (not when filtering). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0, scalar: {} };
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Converts a ResourceList (`{cpu: "500m", memory: "1Gi", "nvidia.com/gpu": "1"}`) to base units. */
export function toResources(list: Record<string, string | number> | undefined): Resources {
  const r = emptyResources();
  for (const [name, q] of Object.entries(list ?? {})) {
    if (name === "cpu") r.milliCPU = safe(() => cpuMillis(q), 0);
    else if (name === "memory") r.memory = safe(() => bytes(q), 0);
    else if (name === "ephemeral-storage") r.ephemeralStorage = safe(() => bytes(q), 0);
    else if (name === "pods") r.pods = safe(() => Math.floor(Number(q)), 0);
    else r.scalar[name] = safe(() => bytes(q), 0);
  }
  return r;
}

function add(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = (scalar[k] ?? 0) + v;
  return { milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory, ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage, pods: a.pods + b.pods, scalar };
}

function max(a: Resources, b: Resources): Resources {
  const scalar = { ...a.scalar };
  for (const [k, v] of Object.entries(b.scalar)) scalar[k] = Math.max(scalar[k] ?? 0, v);
  return {
    milliCPU: Math.max(a.milliCPU, b.milliCPU),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
    pods: Math.max(a.pods, b.pods),
    scalar,
  };
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const req = c.resources?.requests as Record<string, string> | undefined;
  const r = toResources(req);
  if (nonZero) {
    if (!req || req.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!req || req.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * The resources a pod requests, as Kubernetes' PodRequests computes them: the sum over
 * containers, at least the largest init container (sidecar init containers with
 * restartPolicy Always add up), plus the pod overhead. `nonZero` applies the scoring defaults.
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  let reqs = emptyResources();
  for (const c of pod.spec?.containers ?? []) reqs = add(reqs, containerRequests(c, nonZero));
  let sidecars = emptyResources();
  let initMax = emptyResources();
  for (const c of pod.spec?.initContainers ?? []) {
    const cr = containerRequests(c, nonZero);
    if (c.restartPolicy === "Always") {
      reqs = add(reqs, cr);
      sidecars = add(sidecars, cr);
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, add(cr, sidecars));
    }
  }
  reqs = max(reqs, initMax);
  if (pod.spec?.overhead) reqs = add(reqs, toResources(pod.spec.overhead as Record<string, string>));
  return reqs;
}

/** True once a pod can no longer use node resources (Succeeded or Failed). */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

/** Builds the scheduler's view of `node` holding `pods` (terminal pods are not counted). */
export function newNodeInfo(node: Node, pods: readonly Pod[]): NodeInfo {
  const allocatable = toResources((node.status?.allocatable ?? node.status?.capacity) as Record<string, string> | undefined);
  let requested = emptyResources();
  let nonZeroRequested = emptyResources();
  const live = pods.filter((p) => !isTerminal(p));
  for (const p of live) {
    requested = add(requested, podRequests(p));
    nonZeroRequested = add(nonZeroRequested, podRequests(p, true));
  }
  requested.pods = live.length;
  nonZeroRequested.pods = live.length;
  return { node, name: node.metadata.name ?? "", pods: live, allocatable, requested, nonZeroRequested };
}
