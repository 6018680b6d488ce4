// Why: field selectors (`spec.nodeName=n1`) let kubelets, kubectl and the console select objects by the few fields Kubernetes exposes per kind.

import { badRequest } from "./errors";
import type { KubeObject } from "./types";

/** One requirement of a field selector. `==` is normalised to `=`. */
export interface FieldRequirement {
  field: string;
  operator: "=" | "!=";
  value: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Getter = (o: any) => string;

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

const META: Record<string, Getter> = {
  "metadata.name": (o) => str(o.metadata?.name),
  "metadata.namespace": (o) => str(o.metadata?.namespace),
};

/** Per kind, the selectable fields beyond metadata.name/metadata.namespace (each kind's ToSelectableFields). */
const KIND_FIELDS: Record<string, Record<string, Getter>> = {
  Pod: {
    "spec.nodeName": (o) => str(o.spec?.nodeName),
    "spec.restartPolicy": (o) => str(o.spec?.restartPolicy),
    "spec.schedulerName": (o) => str(o.spec?.schedulerName),
    "spec.serviceAccountName": (o) => str(o.spec?.serviceAccountName),
    "status.phase": (o) => str(o.status?.phase),
    "status.podIP": (o) => str(o.status?.podIP),
    "status.nominatedNodeName": (o) => str(o.status?.nominatedNodeName),
  },
  Event: {
    "involvedObject.kind": (o) => str(o.involvedObject?.kind),
    "involvedObject.namespace": (o) => str(o.involvedObject?.namespace),
    "involvedObject.name": (o) => str(o.involvedObject?.name),
    "involvedObject.uid": (o) => str(o.involvedObject?.uid),
    "involvedObject.apiVersion": (o) => str(o.involvedObject?.apiVersion),
    "involvedObject.resourceVersion": (o) => str(o.involvedObject?.resourceVersion),
    "involvedObject.fieldPath": (o) => str(o.involvedObject?.fieldPath),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(o.source?.component),
    type: (o) => str(o.type),
  },
  Node: { "spec.unschedulable": (o) => String(Boolean(o.spec?.unschedulable)) },
  Namespace: { "status.phase": (o) => str(o.status?.phase) },
  Secret: { type: (o) => str(o.type) },
  ReplicaSet: { "status.replicas": (o) => String(o.status?.replicas ?? 0) },
};

function getters(kind: string): Record<string, Getter> {
  return KIND_FIELDS[kind] ? { ...META, ...KIND_FIELDS[kind] } : META;
}

/** The selectable fields of an object of `kind` and their values ("" when unset). */
export function fieldsOf(kind: string, obj: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, get] of Object.entries(getters(kind))) out[name] = get(obj);
  return out;
}

/** One selectable field's value ("" when unset or not supported by `kind`). */
export function fieldValue(kind: string, obj: KubeObject, field: string): string {
  const get = KIND_FIELDS[kind]?.[field] ?? META[field];
  return get ? get(obj) : "";
}

/** True when the object satisfies every requirement (computes only the fields asked for). */
export function objectFieldsMatch(kind: string, reqs: readonly FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const v = fieldValue(kind, obj, r.field);
    if (r.operator === "=" ? v !== r.value : v === r.value) return false;
  }
  return true;
}

/** The field names `kind` supports in a field selector. */
export function supportedFields(kind: string): string[] {
  return Object.keys(getters(kind));
}

function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "\\" && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      parts.push(cur);
      cur = "";
    } else cur += s[i];
  }
  parts.push(cur);
  return parts;
}

function unescape(v: string): string {
  return v.replace(/\\(.)/g, "$1");
}

/** Parses `a=b,c!=d,e==f` (fields.ParseSelector). Throws 400 BadRequest on a part without an operator. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  const reqs: FieldRequirement[] = [];
  for (const part of splitUnescaped(selector, ",")) {
    if (part === "") continue;
    const candidates = (["!=", "==", "="] as const)
      .map((op) => ({ op, i: part.indexOf(op) }))
      .filter((c) => c.i >= 0)
      .sort((a, b) => a.i - b.i || b.op.length - a.op.length);
    if (candidates.length === 0) throw badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const { op, i } = candidates[0];
    reqs.push({ field: part.slice(0, i).trim(), operator: op === "!=" ? "!=" : "=", value: unescape(part.slice(i + op.length).trim()) });
  }
  return reqs;
}

/**
 * Parses a field selector for `kind` and checks every field is one `kind` supports;
 * otherwise 400 BadRequest `field label not supported: <name>`, as the apiserver says.
 */
export function compileFieldSelector(kind: string, selector: string): FieldRequirement[] {
  const reqs = parseFieldSelector(selector);
  const supported = new Set(supportedFields(kind));
  for (const r of reqs) if (!supported.has(r.field)) throw badRequest(`field label not supported: ${r.field}`);
  return reqs;
}

/** True when the object's fields satisfy every requirement. */
export function fieldsMatch(reqs: readonly FieldRequirement[], fields: Record<string, string>): boolean {
  for (const r of reqs) {
    const v = fields[r.field] ?? "";
    if (r.operator === "=" ? v !== r.value : v === r.value) return false;
  }
  return true;
}

/** The canonical string form (`a=b,c!=d`). */
export function fieldSelectorToString(reqs: readonly FieldRequirement[]): string {
  return reqs.map((r) => `${r.field}${r.operator}${r.value.replace(/([\\,=])/g, "\\$1")}`).join(",");
}
