// Why: `kubectl apply`, `kubectl edit` and `kubectl patch` send strategic merge patches: lists merge by their Kubernetes merge keys, with `$patch`, `$retainKeys`, `$setElementOrder` and `$deleteFromPrimitiveList` directives.

import { badRequest } from "../errors";
import type { KubeObject } from "../types";
import { elementType, fieldType, isModel, modelForKind, strategyOf, type FieldStrategy } from "./merge-keys";

/** The kind whose schema drives the merge (defaults to the object's own apiVersion/kind). */
export interface PatchKind {
  apiVersion: string;
  kind: string;
}

type Obj = Record<string, unknown>;
const DELETE = Symbol("delete");
const PATCH = "$patch";
const RETAIN_KEYS = "$retainKeys";
const DELETE_FROM = "$deleteFromPrimitiveList/";
const SET_ORDER = "$setElementOrder/";

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The struct model of a field's value (or of its list elements), when the schema has one. */
function childModel(model: string | undefined, field: string): string | undefined {
  const t = fieldType(model, field);
  if (!t || t.startsWith("{}")) return undefined;
  const el = elementType(t);
  return isModel(el) ? el : undefined;
}

/** Strips directives from a value inserted as-is (a new list element, a replaced map). */
function clean(v: unknown, model: string | undefined): unknown {
  if (Array.isArray(v)) return v.filter((e) => !(isObj(e) && e[PATCH] !== undefined && Object.keys(e).length === 1)).map((e) => clean(e, model));
  if (!isObj(v)) return v;
  const merged = mergeMap({}, v, model);
  return merged === DELETE ? undefined : merged;
}

function mergeMap(original: Obj, patch: Obj, model: string | undefined): Obj | typeof DELETE {
  const directive = patch[PATCH];
  if (directive === "delete") return DELETE;
  if (directive === "replace") {
    const rest: Obj = {};
    for (const [k, v] of Object.entries(patch)) if (k !== PATCH && v !== null) rest[k] = v;
    return mergeMap({}, rest, model);
  }
  if (directive !== undefined && directive !== "merge") throw badRequest(`unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`);

  const out: Obj = { ...original };
  const retain = patch[RETAIN_KEYS];
  if (retain !== undefined) {
    if (!Array.isArray(retain)) throw badRequest(`invalid $retainKeys directive: ${JSON.stringify(retain)}`);
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
    for (const k of Object.keys(patch)) {
      if (!k.startsWith("$") && patch[k] !== null && !retain.includes(k)) throw badRequest(`$retainKeys directive is not consistent with patch: field ${k} is not in the list`);
    }
  }
  const orders = new Map<string, unknown[]>();
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(DELETE_FROM)) {
      const field = k.slice(DELETE_FROM.length);
      if (!Array.isArray(v)) throw badRequest(`invalid type for ${k}: expected a list`);
      const drop = new Set(v.map((x) => JSON.stringify(x)));
      if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).filter((x) => !drop.has(JSON.stringify(x)));
    } else if (k.startsWith(SET_ORDER)) {
      if (!Array.isArray(v)) throw badRequest(`invalid type for ${k}: expected a list`);
      orders.set(k.slice(SET_ORDER.length), v);
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const strategy = strategyOf(model, k);
    const sub = childModel(model, k);
    if (isObj(v)) {
      const merged = mergeMap(isObj(out[k]) ? (out[k] as Obj) : {}, v, sub);
      if (merged === DELETE) delete out[k];
      else out[k] = merged;
    } else if (Array.isArray(v)) {
      out[k] = mergeList(Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v, strategy, sub, orders.get(k), k);
    } else {
      out[k] = v;
    }
  }
  for (const [k, order] of orders) {
    if (k in patch || !Array.isArray(out[k])) continue;
    const strategy = strategyOf(model, k);
    out[k] = reorder(out[k] as unknown[], out[k] as unknown[], [], order, keyFn(strategy.mergeKey), true);
  }
  return out;
}

function keyFn(mergeKey: string | undefined): (el: unknown) => string {
  return mergeKey ? (el) => JSON.stringify(isObj(el) ? el[mergeKey] : el) : (el) => JSON.stringify(el);
}

function mergeList(original: unknown[], patch: unknown[], strategy: FieldStrategy, model: string | undefined, order: unknown[] | undefined, field: string): unknown[] {
  const replaceAll = patch.some((e) => isObj(e) && e[PATCH] === "replace");
  if (replaceAll) return clean(patch.filter((e) => !(isObj(e) && e[PATCH] === "replace")), model) as unknown[];
  const mergeKey = strategy.mergeKey;
  if (!mergeKey && !strategy.set) return clean(patch, model) as unknown[];
  const key = keyFn(mergeKey);
  const merged = [...original];
  const touched: string[] = [];
  for (const el of patch) {
    if (mergeKey) {
      if (!isObj(el)) throw badRequest(`found non-map element in list ${field} that merges by key ${mergeKey}: ${JSON.stringify(el)}`);
      if (!(mergeKey in el)) throw badRequest(`map: ${JSON.stringify(el)} does not contain declared merge key: ${mergeKey}`);
    } else if (isObj(el) || Array.isArray(el)) {
      throw badRequest(`found non-primitive element in list ${field} that merges as a set: ${JSON.stringify(el)}`);
    }
    const k = key(el);
    const at = merged.findIndex((o) => key(o) === k);
    if (isObj(el) && el[PATCH] === "delete") {
      if (at >= 0) merged.splice(at, 1);
      continue;
    }
    if (isObj(el)) {
      const next = mergeMap(at >= 0 && isObj(merged[at]) ? (merged[at] as Obj) : {}, el, model);
      if (next === DELETE) {
        if (at >= 0) merged.splice(at, 1);
        continue;
      }
      if (at >= 0) merged[at] = next;
      else merged.push(next);
    } else if (at < 0) {
      merged.push(el);
    }
    touched.push(k);
  }
  return reorder(merged, original, touched, order, key, false);
}

/**
 * Kubernetes' element order after a merge: the patch's elements in patch order (or in
 * `$setElementOrder` order), the server-only elements in their original order, interleaved
 * by their positions in the original list.
 */
function reorder(merged: unknown[], original: unknown[], touched: string[], order: unknown[] | undefined, key: (el: unknown) => string, orderOnly: boolean): unknown[] {
  const wanted = order ? order.map(key) : touched;
  if (orderOnly && !order) return merged;
  const rank = new Map(wanted.map((k, i) => [k, i]));
  const patchItems = merged.filter((e) => rank.has(key(e))).sort((a, b) => rank.get(key(a))! - rank.get(key(b))!);
  const serverOnly = merged.filter((e) => !rank.has(key(e)));
  const serverIndex = new Map(original.map((e, i) => [key(e), i]));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]);
    else if (j >= patchItems.length) out.push(serverOnly[i++]);
    else {
      const li = serverIndex.get(key(serverOnly[i]));
      const ri = serverIndex.get(key(patchItems[j]));
      if (li !== undefined && ri !== undefined && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/**
 * Applies a strategic merge patch to a copy of `obj`. Lists with a Kubernetes merge key
 * (containers by name, ports by containerPort, conditions by type, ...) merge element by
 * element; other lists are replaced; `null` deletes a field. A malformed patch is a 400.
 * Kinds without a schema merge maps and replace lists (as a JSON merge patch would).
 */
export function applyStrategicMergePatch(obj: KubeObject, patch: unknown, kind?: PatchKind): KubeObject {
  if (!isObj(patch)) throw badRequest("json: cannot unmarshal into Go value of type map[string]interface {}");
  const model = modelForKind(kind?.apiVersion ?? obj.apiVersion, kind?.kind ?? obj.kind);
  const out = mergeMap(structuredClone(obj) as Obj, patch, model);
  if (out === DELETE) throw badRequest("the patch deletes the whole object ($patch: delete at the top level)");
  return out as KubeObject;
}

/** False for kinds without a built-in schema (custom resources): Kubernetes answers 415 to a strategic merge patch of those. */
export function supportsStrategicMergePatch(apiVersion: string, kind: string): boolean {
  return modelForKind(apiVersion, kind) !== undefined;
}
