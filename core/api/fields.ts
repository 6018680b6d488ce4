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
type Fields = (o: any) => Record<string, string>;

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** Per kind, the selectable fields beyond metadata.name/metadata.namespace (each kind's ToSelectableFields). */
const KIND_FIELDS: Record<string, Fields> = {
  Pod: (o) => ({
    "spec.nodeName": str(o.spec?.nodeName),
    "spec.restartPolicy": str(o.spec?.restartPolicy),
    "spec.schedulerName": str(o.spec?.schedulerName),
    "spec.serviceAccountName": str(o.spec?.serviceAccountName),
    "status.phase": str(o.status?.phase),
    "status.podIP": str(o.status?.podIP),
    "status.nominatedNodeName": str(o.status?.nominatedNodeName),
  }),
  Event: (o) => ({
    "involvedObject.kind": str(o.involvedObject?.kind),
    "involvedObject.namespace": str(o.involvedObject?.namespace),
    "involvedObject.name": str(o.involvedObject?.name),
    "involvedObject.uid": str(o.involvedObject?.uid),
    "involvedObject.apiVersion": str(o.involvedObject?.apiVersion),
    "involvedObject.resourceVersion": str(o.involvedObject?.resourceVersion),
    "involvedObject.fieldPath": str(o.involvedObject?.fieldPath),
    reason: str(o.reason),
    reportingComponent: str(o.reportingComponent),
    source: str(o.source?.component),
    type: str(o.type),
  }),
  Node: (o) => ({ "spec.unschedulable": String(Boolean(o.spec?.unschedulable)) }),
  Namespace: (o) => ({ "status.phase": str(o.status?.phase) }),
  Secret: (o) => ({ type: str(o.type) }),
  ReplicaSet: (o) => ({ "status.replicas": String(o.status?.replicas ?? 0) }),
};

/** The selectable fields of an object of `kind` and their values ("" when unset). */
export function fieldsOf(kind: string, obj: KubeObject): Record<string, string> {
  const base = { "metadata.name": str(obj.metadata?.name), "metadata.namespace": str(obj.metadata?.namespace) };
  const extra = KIND_FIELDS[kind];
  return extra ? { ...base, ...extra(obj) } : base;
}

/** The field names `kind` supports in a field selector. */
export function supportedFields(kind: string): string[] {
  return Object.keys(fieldsOf(kind, { apiVersion: "", kind, metadata: {} }));
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
