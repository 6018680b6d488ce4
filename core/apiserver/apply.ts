// Why: `kubectl apply -f` semantics in one call: every document is checked before anything is stored, then created or three-way merged.

import { ApiError, badRequest, CauseType, invalid } from "../api/errors";
import { applyDefaults } from "../api/defaults/defaults";
import { decodeObject } from "../api/schema/decode";
import type { KubeObject } from "../api/types";
import { elementType, fieldType, isModel, modelForKind, strategyOf } from "../api/patch/merge-keys";
import { deepEqual } from "../api/validation/field-errors";
import type { ApiServer, Admitted, ApplyRequestOptions, AuditRequest, PlannedObjects } from "./api-server";
import { typeOfObject } from "./api-server";
import { documentLabel, parseManifest } from "./manifests";
import type { ApplyResult, UserInfo } from "./types";

/** The annotation where kubectl's client-side apply records what was applied. */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are JSON */
type Json = any;

/** JSON with sorted keys, as Go marshals maps; kubectl stores it with a trailing newline. */
export function canonicalJson(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === "object") return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Json)[k])]));
    return x;
  };
  return JSON.stringify(sort(v));
}

/** The value kubectl writes into the last-applied annotation for a manifest object. */
export function lastAppliedValue(desired: KubeObject): string {
  const copy = structuredClone(desired) as Json;
  copy.metadata ??= {};
  const ann = { ...(copy.metadata.annotations ?? {}) };
  delete ann[LAST_APPLIED_ANNOTATION];
  copy.metadata.annotations = ann;
  return canonicalJson(copy) + "\n";
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** The merge key of a list whose model the schema does not know: the first key every element has. */
function guessedMergeKey(list: unknown[]): string | undefined {
  for (const k of ["name", "containerPort", "mountPath", "key"]) if (list.length && list.every((e) => isObj(e) && e[k] !== undefined)) return k;
  return undefined;
}

/**
 * A three-way merge like kubectl's client-side apply: fields set in `desired` win, fields that
 * were in `last` but are gone from `desired` are removed, everything else in `live` is kept.
 * Lists merge as strategic merge patch does for `model` (the client-node model name, from
 * core/api/patch/merge-keys): keyed lists element by element (Service ports by `port`,
 * containers by `name`), keeping live elements that neither `last` nor `desired` names;
 * atomic lists are replaced.
 */
export function threeWayMerge(live: unknown, last: unknown, desired: unknown, model?: string): unknown {
  if (isObj(desired) && isObj(live)) {
    const out: Record<string, unknown> = { ...live };
    const prev = isObj(last) ? last : {};
    for (const k of Object.keys(prev)) if (!(k in desired)) delete out[k];
    for (const [k, v] of Object.entries(desired)) {
      const type = fieldType(model, k);
      const sub = isModel(elementType(type)) ? elementType(type) : undefined;
      out[k] = Array.isArray(v) ? mergeList(live[k], prev[k], v, model, k, sub) : threeWayMerge(live[k], prev[k], v, sub);
    }
    return out;
  }
  return structuredClone(desired);
}

function mergeList(live: unknown, last: unknown, desired: unknown[], model: string | undefined, field: string, elementModel: string | undefined): unknown {
  if (!Array.isArray(live)) return structuredClone(desired);
  if (model && strategyOf(model, field).set) {
    const dropped = new Set((Array.isArray(last) ? last : []).filter((v) => !desired.includes(v)));
    return [...live.filter((v) => !dropped.has(v) && !desired.includes(v)), ...desired];
  }
  const key = model ? strategyOf(model, field).mergeKey : guessedMergeKey(desired);
  if (!key || !desired.every((e) => isObj(e) && e[key] !== undefined)) return structuredClone(desired);
  const prevList = Array.isArray(last) ? last : [];
  const find = (l: unknown[], id: unknown) => l.find((e) => isObj(e) && e[key] === id);
  const out: unknown[] = [];
  for (const l of live) {
    const id = isObj(l) ? l[key] : undefined;
    const d = find(desired, id);
    if (d) out.push(threeWayMerge(l, find(prevList, id), d, elementModel));
    else if (!find(prevList, id)) out.push(structuredClone(l));
  }
  for (const d of desired) if (!find(live, (d as Json)[key])) out.push(structuredClone(d));
  return out;
}

interface Planned {
  index: number;
  admitted: Admitted;
  action: ApplyResult["action"];
  exists: boolean;
  /** What the audit log records for this document's write (absent without a source). */
  audit?: AuditRequest;
}

function withDocument(e: unknown, index: number, obj: KubeObject): never {
  if (e instanceof ApiError) {
    const label = documentLabel(index, obj);
    throw new ApiError({ ...e.status, message: `${label}: ${e.status.message}` });
  }
  throw e;
}

/** ApiServer.apply: parse, then check every object (authorize, decode, default, validate, admit), then write. */
export async function applyManifest(server: ApiServer, user: UserInfo, manifest: string, opts: ApplyRequestOptions): Promise<ApplyResult[]> {
  const objects = parseManifest(manifest);
  if (objects.length === 0) throw badRequest("no objects passed to apply");
  const mode = opts.fieldValidation ?? "Strict";
  const defaultNs = opts.defaultNamespace || "default";
  const pendingNamespaces = new Set<string>();
  for (const { object } of objects) if (object.apiVersion === "v1" && object.kind === "Namespace" && typeof object.metadata?.name === "string") pendingNamespaces.add(object.metadata.name);

  // The manifest's own objects, so a RoleBinding's escalation check sees the Role applied with it (not stored yet).
  const planned: PlannedObjects = (group, kind, namespace, name) =>
    objects.find(({ object: o }) => {
      const [g, v] = typeof o.apiVersion === "string" && o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["", o.apiVersion];
      const ns = namespace === undefined ? undefined : o.metadata?.namespace || defaultNs;
      return v !== undefined && g === group && o.kind === kind && o.metadata?.name === name && ns === namespace;
    })?.object;
  const source = opts.source;
  const auditOf = (verb: string, group: string, resource: string, namespace: string | undefined, name: string): AuditRequest | undefined =>
    source ? { user, verb, group, resource, ...(namespace ? { namespace } : {}), name, source, impersonatedBy: opts.impersonatedBy, dryRun: opts.dryRun } : undefined;

  const plans: Planned[] = [];
  for (const { index, object: raw } of objects) {
    // Set once the write this document needs is known, so a refusal from then on is audited.
    let audit: AuditRequest | undefined;
    try {
      const type = typeOfObject(raw);
      const desired = structuredClone(raw) as KubeObject;
      desired.metadata = isObj(desired.metadata) ? desired.metadata : {};
      // Apply finds the live object by name, so generateName cannot stand in (kubectl: "resource name may not be empty").
      if (!desired.metadata.name) {
        throw invalid({ group: type.group, kind: type.kind, name: "" }, [
          { reason: CauseType.Required, field: "metadata.name", message: "Required value: resource name may not be empty" },
        ]);
      }
      if (type.namespaced) desired.metadata.namespace ||= defaultNs;
      else delete desired.metadata.namespace;
      const ns = type.namespaced ? desired.metadata.namespace : undefined;
      const name = desired.metadata.name;
      const base = { user, group: type.group, resource: type.plural, ...(ns ? { namespace: ns } : {}) };
      server.authorize({ ...base, verb: "get", name });
      const live = server.store.get(type, ns, name);
      // Decode first so unknown fields fail (Strict) or drop before they reach the annotation.
      const decoded = decodeObject(desired, { fieldValidation: mode });
      const clean = decoded.object;
      clean.metadata ??= {};
      clean.metadata.annotations = { ...(clean.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: lastAppliedValue(clean) };
      if (!live) {
        audit = auditOf("create", type.group, type.plural, ns, name);
        server.authorize({ ...base, verb: "create" });
        const admitted = server.admitCreate(clean, "Ignore", pendingNamespaces, user, planned);
        admitted.warnings.push(...decoded.warnings);
        plans.push({ index, admitted, action: "created", exists: false, audit });
        continue;
      }
      const lastText = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
      let last: unknown = {};
      try {
        last = lastText ? JSON.parse(lastText) : {};
      } catch {
        last = {};
      }
      const merged = threeWayMerge(structuredClone(live), last, clean, modelForKind(clean.apiVersion, clean.kind)) as KubeObject;
      merged.status = structuredClone(live.status);
      if (merged.status === undefined) delete merged.status;
      merged.metadata.resourceVersion = live.metadata.resourceVersion;
      const preview = applyDefaults(structuredClone(merged), type);
      if (deepEqual(preview, live)) {
        plans.push({ index, admitted: { type, object: structuredClone(live) as KubeObject, warnings: decoded.warnings }, action: "unchanged", exists: true });
        continue;
      }
      // kubectl apply sends a PATCH for a changed object (and nothing for an unchanged one).
      audit = auditOf("patch", type.group, type.plural, ns, name);
      server.authorize({ ...base, verb: "patch", name });
      const admitted = server.admitUpdate(merged, live, "Ignore", user, planned);
      admitted.warnings.push(...decoded.warnings);
      plans.push({ index, admitted, action: "configured", exists: true, audit });
    } catch (e) {
      if (audit) server.recordAudit(audit, { error: e });
      withDocument(e, index, raw);
    }
  }

  for (const p of plans) for (const w of p.admitted.warnings) opts.onWarning?.(w);
  // Namespaces first, so the objects in them land in existing namespaces; results keep document order.
  const order = [...plans.keys()].sort((a, b) => Number(plans[b].admitted.type.kind === "Namespace" && !plans[b].admitted.type.group) - Number(plans[a].admitted.type.kind === "Namespace" && !plans[a].admitted.type.group) || a - b);
  const results: ApplyResult[] = new Array(plans.length);
  for (const i of order) {
    const p = plans[i];
    const obj = p.admitted.object;
    let stored: KubeObject;
    try {
      if (p.action === "unchanged") stored = obj;
      else if (!p.exists) stored = await server.store.create(obj, { dryRun: opts.dryRun });
      else stored = await server.store.update(obj, { dryRun: opts.dryRun });
    } catch (e) {
      if (p.audit) server.recordAudit(p.audit, { error: e });
      withDocument(e, p.index, obj);
    }
    if (p.audit && p.action !== "unchanged") server.recordAudit(p.audit, { code: p.exists ? 200 : 201 });
    results[i] = {
      index: p.index,
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      ...(p.admitted.type.namespaced ? { namespace: obj.metadata.namespace } : {}),
      name: stored.metadata.name ?? "",
      action: p.action,
      object: stored,
    };
  }
  return results;
}
