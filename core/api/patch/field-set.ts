// Why: server-side apply tracks who owns which field as sets of paths, serialized as Kubernetes' fieldsV1 (`f:spec`, `k:{"name":"nginx"}`, `v:"a"`, `.`).

import { elementType, fieldType, isModel, listMapKeysOf, strategyOf } from "./merge-keys";

/** A set of field paths; each member is a JSON array of path elements like `["f:spec","f:replicas"]`. */
export type FieldSet = Set<string>;

/** The fieldsV1 tree as Kubernetes stores it in `metadata.managedFields[].fieldsV1`. */
export interface FieldsV1 {
  [pathElement: string]: FieldsV1;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Structs Kubernetes marks `+structType=atomic`: owned as one field. */
const ATOMIC_STRUCTS = new Set(["V1LabelSelector", "V1NodeSelector", "V1ObjectReference"]);

/** Top-level and metadata fields the apiserver manages itself: never owned by a field manager. */
const IGNORED_TOP = new Set(["apiVersion", "kind"]);
const IGNORED_META = new Set(["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName"]);

/** Which top-level part of the object a manager can own: the main resource excludes status, the status subresource only has status. */
export type FieldScope = "main" | "status";

function childModel(model: string | undefined, field: string): string | undefined {
  const t = fieldType(model, field);
  if (!t || t.startsWith("{}")) return undefined;
  const el = elementType(t);
  return isModel(el) ? el : undefined;
}

/** Key values of a list element for its `k:{...}` path element (a missing `protocol` is Kubernetes' default, TCP). */
export function keyOf(el: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of [...keys].sort()) {
    if (el[k] !== undefined) out[k] = el[k];
    else if (k === "protocol") out[k] = "TCP";
  }
  return out;
}

/** The set of field paths present in `value` (an object of schema type `model`), scoped to main resource or status. */
export function fieldSetOf(value: Obj, model: string | undefined, scope: FieldScope = "main"): FieldSet {
  const set: FieldSet = new Set();
  for (const [k, v] of Object.entries(value)) {
    if (IGNORED_TOP.has(k) || v === undefined || v === null) continue;
    if ((k === "status") !== (scope === "status")) continue;
    if (k === "metadata" && isObj(v)) {
      const meta = Object.fromEntries(Object.entries(v).filter(([mk]) => !IGNORED_META.has(mk)));
      if (Object.keys(meta).length > 0) walkObject(meta, "V1ObjectMeta", ["f:metadata"], set);
      continue;
    }
    walkField(k, v, model, [], set);
  }
  return set;
}

function walkObject(value: Obj, model: string | undefined, path: string[], set: FieldSet): void {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length === 0 || (model && ATOMIC_STRUCTS.has(model))) {
    set.add(JSON.stringify(path));
    return;
  }
  for (const [k, v] of entries) walkField(k, v, model, path, set);
}

function walkField(k: string, v: unknown, model: string | undefined, path: string[], set: FieldSet): void {
  const p = [...path, `f:${k}`];
  if (isObj(v)) walkObject(v, childModel(model, k), p, set);
  else if (Array.isArray(v)) walkList(v, model, k, p, set);
  else set.add(JSON.stringify(p));
}

function walkList(list: unknown[], model: string | undefined, field: string, path: string[], set: FieldSet): void {
  const strategy = strategyOf(model, field);
  const keys = listMapKeysOf(strategy);
  if (keys && list.every(isObj)) {
    const sub = childModel(model, field);
    for (const el of list as Obj[]) {
      const p = [...path, `k:${JSON.stringify(keyOf(el, keys))}`];
      set.add(JSON.stringify(p));
      for (const [k, v] of Object.entries(el)) if (v !== undefined && v !== null) walkField(k, v, sub, p, set);
    }
  } else if (strategy.set) {
    for (const v of list) set.add(JSON.stringify([...path, `v:${JSON.stringify(v)}`]));
  } else {
    set.add(JSON.stringify(path));
  }
}

/** Serializes a set to Kubernetes' fieldsV1 tree (`.` marks a member that also has children). */
export function toFieldsV1(set: FieldSet): FieldsV1 {
  const root: FieldsV1 = {};
  const members = new Set<FieldsV1>();
  for (const m of set) {
    let node = root;
    for (const pe of JSON.parse(m) as string[]) node = node[pe] ??= {};
    members.add(node);
  }
  const finish = (node: FieldsV1): void => {
    const keys = Object.keys(node);
    for (const k of keys) finish(node[k]);
    if (keys.length > 0 && members.has(node)) node["."] = {};
  };
  finish(root);
  return sortTree(root);
}

function sortTree(node: FieldsV1): FieldsV1 {
  const out: FieldsV1 = {};
  for (const k of Object.keys(node).sort()) out[k] = sortTree(node[k]);
  return out;
}

/** Parses a fieldsV1 tree back into a set of paths. */
export function fromFieldsV1(tree: FieldsV1 | undefined, prefix: string[] = [], set: FieldSet = new Set()): FieldSet {
  if (!tree) return set;
  for (const [pe, child] of Object.entries(tree)) {
    if (pe === ".") {
      set.add(JSON.stringify(prefix));
      continue;
    }
    const p = [...prefix, pe];
    if (Object.keys(child ?? {}).length === 0) set.add(JSON.stringify(p));
    else fromFieldsV1(child, p, set);
  }
  return set;
}

/** `.spec.template.spec.containers[name="nginx"].image`, as Kubernetes prints paths in conflicts. */
export function pathString(member: string): string {
  return (JSON.parse(member) as string[])
    .map((pe) => {
      if (pe.startsWith("f:")) return `.${pe.slice(2)}`;
      if (pe.startsWith("v:")) return `[=${pe.slice(2)}]`;
      if (pe.startsWith("k:")) {
        const keys = JSON.parse(pe.slice(2)) as Obj;
        return `[${Object.entries(keys)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(",")}]`;
      }
      return pe;
    })
    .join("");
}

function matches(el: unknown, key: Obj): boolean {
  if (!isObj(el)) return false;
  const have = keyOf(el, Object.keys(key));
  return JSON.stringify(have) === JSON.stringify(key);
}

/** The value at a member path (`found: false` when absent). */
export function valueAt(obj: unknown, member: string): { found: boolean; value?: unknown } {
  let cur: unknown = obj;
  for (const pe of JSON.parse(member) as string[]) {
    if (pe.startsWith("f:")) {
      if (!isObj(cur) || !(pe.slice(2) in cur)) return { found: false };
      cur = cur[pe.slice(2)];
    } else if (pe.startsWith("k:")) {
      if (!Array.isArray(cur)) return { found: false };
      const key = JSON.parse(pe.slice(2)) as Obj;
      const el = cur.find((e) => matches(e, key));
      if (el === undefined) return { found: false };
      cur = el;
    } else if (pe.startsWith("v:")) {
      const want = pe.slice(2);
      if (!Array.isArray(cur) || !cur.some((e) => JSON.stringify(e) === want)) return { found: false };
      cur = JSON.parse(want);
    }
    if (cur === undefined || cur === null) return { found: false };
  }
  return { found: true, value: cur };
}

/** Removes the field (or list element) at a member path from `obj`, in place. */
export function deleteAt(obj: Obj, member: string): void {
  const path = JSON.parse(member) as string[];
  if (path.length === 0) return;
  let cur: unknown = obj;
  for (const pe of path.slice(0, -1)) {
    if (pe.startsWith("f:")) cur = isObj(cur) ? cur[pe.slice(2)] : undefined;
    else if (pe.startsWith("k:")) cur = Array.isArray(cur) ? cur.find((e) => matches(e, JSON.parse(pe.slice(2)) as Obj)) : undefined;
    else return;
    if (cur === undefined) return;
  }
  const last = path[path.length - 1];
  if (last.startsWith("f:") && isObj(cur)) delete cur[last.slice(2)];
  else if (Array.isArray(cur)) {
    const at = last.startsWith("k:") ? cur.findIndex((e) => matches(e, JSON.parse(last.slice(2)) as Obj)) : cur.findIndex((e) => `v:${JSON.stringify(e)}` === last);
    if (at >= 0) cur.splice(at, 1);
  }
}

/** True for a list element's own member (last element `k:{...}`): it changes only when the element appears or goes. */
export function isElementMember(member: string): boolean {
  const path = JSON.parse(member) as string[];
  return path.length > 0 && path[path.length - 1].startsWith("k:");
}
