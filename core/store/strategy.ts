// Why: the per-kind rules the apiserver's generic registry applies on create and update (status reset, Pod QoS, Namespace finalizers, generation).

import type { KubeObject, Pod } from "../api/types";
import type { ResourceType } from "../api/resources";
import type { DeleteOptions } from "./types";
import { parseQuantity } from "../api/quantity";

/**
 * Freezes an object graph so callers cannot change what the store holds. Already-frozen
 * subtrees (shared with a stored object) are not walked again.
 */
export function deepFreeze<T>(o: T): T {
  if (typeof o === "object" && o !== null && !Object.isFrozen(o)) {
    Object.freeze(o);
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) deepFreeze(o[i]);
    } else {
      const rec = o as Record<string, unknown>;
      for (const k in rec) deepFreeze(rec[k]);
    }
  }
  return o;
}

/**
 * A deep copy of a Kubernetes object (a JSON value), made by a plain walk: several times
 * cheaper than `structuredClone`, which serialises and deserialises (~11 µs against ~1.5 µs
 * for a 1.5 kB pod). Anything that is not a plain object or array (a Date, a Map...) falls
 * back to `structuredClone`, so the result is the same for every value the store accepts.
 */
export function cloneValue<T>(v: T): T {
  if (typeof v !== "object" || v === null) return typeof v === "function" ? structuredClone(v) : v;
  if (Array.isArray(v)) {
    const a = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) a[i] = cloneValue(v[i]);
    return a as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return structuredClone(v);
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    // An own "__proto__" key (JSON.parse makes them) stays a plain property, as structuredClone keeps it.
    if (k === "__proto__") Object.defineProperty(out, k, { value: cloneValue(src[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = cloneValue(src[k]);
  }
  return out as T;
}

/**
 * `deepFreeze(cloneValue(v))` in one walk: for parts of a new stored object the store does
 * not change after copying them.
 */
export function frozenClone<T>(v: T): T {
  if (typeof v !== "object" || v === null) return typeof v === "function" ? structuredClone(v) : v;
  if (Array.isArray(v)) {
    const a = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) a[i] = frozenClone(v[i]);
    return Object.freeze(a) as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return deepFreeze(structuredClone(v));
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    if (k === "__proto__") Object.defineProperty(out, k, { value: frozenClone(src[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = frozenClone(src[k]);
  }
  return Object.freeze(out) as T;
}

/**
 * A copy of `src` that stays open for changes at its top level, every field a `frozenClone`
 * except `open` (left out, for the caller to fill).
 */
export function frozenFields(src: object | null | undefined, open?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const rec = src as Record<string, unknown> | null | undefined;
  for (const k in rec) {
    if (k === open) continue;
    if (k === "__proto__") Object.defineProperty(out, k, { value: frozenClone(rec[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = frozenClone(rec[k]);
  }
  return out;
}

/** Structural equality of JSON values; `undefined` properties count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** True when anything outside metadata and status differs: what bumps metadata.generation. */
export function specChanged(a: KubeObject, b: KubeObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === "metadata" || k === "status" || k === "apiVersion" || k === "kind") continue;
    if (!deepEqual(a[k], b[k])) return true;
  }
  return false;
}

const QOS_RESOURCES = ["cpu", "memory"];

function nonZero(list: Record<string, string> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of QOS_RESOURCES) {
    const v = list?.[r];
    if (v === undefined) continue;
    let n = 0;
    try {
      n = parseQuantity(v);
    } catch {
      n = 0;
    }
    if (n !== 0) out[r] = n;
  }
  return out;
}

/** Kubernetes' pod QoS class (qos.GetPodQOS): Guaranteed, Burstable or BestEffort, from cpu/memory requests and limits. */
export function podQOSClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const req = nonZero(c.resources?.requests as Record<string, string> | undefined);
    const lim = nonZero(c.resources?.limits as Record<string, string> | undefined);
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of QOS_RESOURCES) {
      if (lim[r] === undefined) guaranteed = false;
      else if (req[r] !== undefined && req[r] !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** PrepareForCreate: reset status (except Pod, Node, Namespace rules) and kind-specific defaults. Mutates `obj`. */
export function prepareForCreate(type: ResourceType, obj: KubeObject): void {
  if (type.group === "" && type.kind === "Pod") {
    obj.status = { phase: "Pending", qosClass: podQOSClass(obj as Pod) };
    return;
  }
  if (type.group === "" && type.kind === "Node") return;
  if (type.group === "" && type.kind === "Namespace") {
    obj.spec = { ...(obj.spec ?? {}) };
    const fins: string[] = Array.isArray(obj.spec.finalizers) ? [...obj.spec.finalizers] : [];
    if (!fins.includes("kubernetes")) fins.push("kubernetes");
    obj.spec.finalizers = fins;
    obj.status = { phase: "Active" };
    return;
  }
  if (type.hasStatus) obj.status = {};
}

/** True for the Namespace type, whose deletion always goes through Terminating. */
export function isNamespace(type: ResourceType): boolean {
  return type.group === "" && type.kind === "Namespace";
}

/** True for the Pod type. */
export function isPod(type: ResourceType): boolean {
  return type.group === "" && type.kind === "Pod";
}

/** Kubernetes' ShouldDeleteDuringUpdate: being deleted, grace elapsed (0) and no finalizers left (for a Namespace, spec.finalizers too). */
export function shouldDeleteDuringUpdate(type: ResourceType, o: KubeObject): boolean {
  const m = o.metadata;
  if (!m.deletionTimestamp || m.deletionGracePeriodSeconds !== 0) return false;
  if ((m.finalizers ?? []).length > 0) return false;
  if (isNamespace(type) && (o.spec?.finalizers ?? []).length > 0) return false;
  return true;
}

/** The grace period a delete gets (CheckGracefulDeletion): only pods bound to a node and not finished are deleted gracefully. */
export function deletionGracePeriod(type: ResourceType, cur: KubeObject, opts: DeleteOptions): number {
  if (!isPod(type) || !cur.spec?.nodeName) return 0;
  const phase = cur.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return 0;
  const g = opts.gracePeriodSeconds ?? cur.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, Math.floor(g));
}
