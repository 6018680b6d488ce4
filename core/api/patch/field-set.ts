// Why: server-side apply tracks who owns which field as sets of paths, serialized as Kubernetes' fieldsV1 (`f:spec`, `k:{"name":"nginx"}`, `v:"a"`, `.`).

import { elementType, fieldType, isModel, listMapKeysOf, strategyOf } from "./merge-keys";

/** A set of field paths; each member is its path elements (`f:spec`, `f:replicas`) joined by {@link memberOf}. */
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
  for (const k of keys.length > 1 ? [...keys].sort() : keys) {
    if (el[k] !== undefined) out[k] = el[k];
    else if (k === "protocol") out[k] = "TCP";
  }
  return out;
}

/** Separates path elements in a member string (JSON escapes control characters, so none occurs inside one). */
const SEP = "\u0001";

/** The member string of a path (`["f:spec","f:replicas"]`). */
export function memberOf(path: string[]): string {
  return path.join(SEP);
}

/** The path elements of a member string. */
export function partsOf(member: string): string[] {
  return member === "" ? [] : member.split(SEP);
}

const join = (prefix: string, pe: string) => (prefix === "" ? pe : prefix + SEP + pe);

/**
 * Every owned path in `value` (an object of schema type `model`) with the JSON of its value
 * (empty for a list element's own member), scoped to the main resource or to status.
 */
export function fieldValuesOf(value: Obj, model: string | undefined, scope: FieldScope = "main"): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value)) {
    if (IGNORED_TOP.has(k) || v === undefined || v === null) continue;
    if ((k === "status") !== (scope === "status")) continue;
    if (k === "metadata" && isObj(v)) {
      const meta = Object.fromEntries(Object.entries(v).filter(([mk]) => !IGNORED_META.has(mk)));
      if (Object.keys(meta).length > 0) walkObject(meta, "V1ObjectMeta", "f:metadata", out);
      continue;
    }
    walkField(k, v, model, "", out);
  }
  return out;
}

/** The set of owned paths present in `value`. */
export function fieldSetOf(value: Obj, model: string | undefined, scope: FieldScope = "main"): FieldSet {
  return new Set(fieldValuesOf(value, model, scope).keys());
}

function walkObject(value: Obj, model: string | undefined, path: string, out: Map<string, string>): void {
  let any = false;
  if (!(model && ATOMIC_STRUCTS.has(model))) {
    for (const k in value) {
      const v = value[k];
      if (v === undefined || v === null) continue;
      any = true;
      walkField(k, v, model, path, out);
    }
  }
  if (!any) out.set(path, JSON.stringify(value));
}

function walkField(k: string, v: unknown, model: string | undefined, path: string, out: Map<string, string>): void {
  const p = join(path, `f:${k}`);
  if (isObj(v)) walkObject(v, childModel(model, k), p, out);
  else if (Array.isArray(v)) walkList(v, model, k, p, out);
  else out.set(p, typeof v === "string" ? `"${v}"` : String(v));
}

function walkList(list: unknown[], model: string | undefined, field: string, path: string, out: Map<string, string>): void {
  const strategy = strategyOf(model, field);
  const keys = listMapKeysOf(strategy);
  if (keys && list.every(isObj)) {
    const sub = childModel(model, field);
    for (const el of list as Obj[]) {
      const p = join(path, `k:${JSON.stringify(keyOf(el, keys))}`);
      out.set(p, "");
      for (const k in el) {
        const v = el[k];
        if (v !== undefined && v !== null) walkField(k, v, sub, p, out);
      }
    }
  } else if (strategy.set) {
    for (const v of list) out.set(join(path, `v:${JSON.stringify(v)}`), "");
  } else {
    out.set(path, JSON.stringify(list));
  }
}

/** Serializes a set to Kubernetes' fieldsV1 tree (`.` marks a member that also has children). */
export function toFieldsV1(set: FieldSet): FieldsV1 {
  const root: FieldsV1 = {};
  const members = new Set<FieldsV1>();
  for (const m of set) {
    let node = root;
    for (const pe of partsOf(m)) node = node[pe] ??= {};
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
export function fromFieldsV1(tree: FieldsV1 | undefined, prefix = "", set: FieldSet = new Set()): FieldSet {
  if (!tree) return set;
  for (const pe in tree) {
    if (pe === ".") {
      set.add(prefix);
      continue;
    }
    const child = tree[pe];
    const p = join(prefix, pe);
    let leaf = true;
    for (const _ in child ?? {}) {
      leaf = false;
      break;
    }
    if (leaf) set.add(p);
    else fromFieldsV1(child, p, set);
  }
  return set;
}

/** `.spec.template.spec.containers[name="nginx"].image`, as Kubernetes prints paths in conflicts. */
export function pathString(member: string): string {
  return partsOf(member)
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
  for (const pe of partsOf(member)) {
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
  const path = partsOf(member);
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
  const path = partsOf(member);
  return path.length > 0 && path[path.length - 1].startsWith("k:");
}
