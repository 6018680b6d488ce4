// Why: `kubectl apply --server-side` sends the manager's whole intent; the apiserver merges it, tracks field ownership in managedFields and refuses (409) to silently overwrite another manager's fields.

import { ApiError, badRequest } from "../errors";
import type { KubeObject } from "../types";
import { canonicalizeQuantities } from "./canonical-quantities";
import { deleteAt, fieldSetOf, isElementMember, keyOf, memberOf, partsOf, pathString, valueAt } from "./field-set";
import { parseManagedFields, scopeOf, serializeManagedFields, type ManagedFieldsEntry, type ParsedEntry } from "./managed-fields";
import { elementType, fieldType, isModel, listMapKeysOf, modelForKind, strategyOf } from "./merge-keys";
import type { PatchKind } from "./strategic-merge-patch";

/** Options of {@link serverSideApply}: the `fieldManager` and `force` query parameters, the clock's now (RFC 3339). */
export interface ServerSideApplyOptions {
  manager: string;
  force: boolean;
  now: string;
  /** The kind whose schema drives list merging (defaults to the applied object's apiVersion/kind). */
  kind?: PatchKind;
  /** `status` when applied to the status subresource. */
  subresource?: string;
}

/** A field the applier would change that another manager owns. */
export interface FieldConflict {
  manager: string;
  /** As Kubernetes prints it: `.spec.replicas`, `.spec.template.spec.containers[name="nginx"].image`. */
  field: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  subresource?: string;
}

/** The applied object, or the conflicts that stopped it (then `object` is the live object, unchanged). */
export interface ServerSideApplyResult {
  object: KubeObject;
  conflicts?: FieldConflict[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const BEFORE_FIRST_APPLY = "before-first-apply";

function childModel(model: string | undefined, field: string): string | undefined {
  const t = fieldType(model, field);
  if (!t || t.startsWith("{}")) return undefined;
  const el = elementType(t);
  return isModel(el) ? el : undefined;
}

/** Merges the applied configuration into the live value: maps by field, associative lists by key, sets by value, the rest replaced. */
function mergeValue(live: unknown, applied: unknown, model: string | undefined): unknown {
  if (!isObj(applied)) return structuredClone(applied);
  const out: Obj = isObj(live) ? { ...live } : {};
  for (const [k, v] of Object.entries(applied)) {
    if (v === undefined || v === null) continue;
    const sub = childModel(model, k);
    if (Array.isArray(v)) {
      const strategy = strategyOf(model, k);
      const keys = listMapKeysOf(strategy);
      const current = Array.isArray(out[k]) ? [...(out[k] as unknown[])] : [];
      if (keys && v.every(isObj)) {
        for (const el of v as Obj[]) {
          const want = JSON.stringify(keyOf(el, keys));
          const at = current.findIndex((c) => isObj(c) && JSON.stringify(keyOf(c, keys)) === want);
          if (at >= 0) current[at] = mergeValue(current[at], el, sub);
          else current.push(mergeValue(undefined, el, sub));
        }
        out[k] = current;
      } else if (strategy.set) {
        for (const el of v) if (!current.some((c) => JSON.stringify(c) === JSON.stringify(el))) current.push(el);
        out[k] = current;
      } else {
        out[k] = structuredClone(v);
      }
    } else {
      out[k] = mergeValue(out[k], v, sub);
    }
  }
  return out;
}

/** Drops maps and lists left empty by removing fields under them (up to, not including, the top level). */
function pruneEmpty(obj: Obj, member: string): void {
  const path = partsOf(member);
  for (let n = path.length - 1; n >= 2; n--) {
    const parent = memberOf(path.slice(0, n));
    const { found, value } = valueAt(obj, parent);
    const empty = found && ((isObj(value) && Object.keys(value).length === 0) || (Array.isArray(value) && value.length === 0));
    if (!empty) return;
    deleteAt(obj, parent);
  }
}

const isMine = (e: ParsedEntry, manager: string, subresource: string | undefined) =>
  e.entry.manager === manager && e.entry.operation === "Apply" && (e.entry.subresource ?? "") === (subresource ?? "");

/**
 * Server-side apply of `applied` (the manager's full intent) onto `live` (undefined to create).
 * The manager ends up owning exactly the fields it applied; fields it applied before and omits
 * now are removed unless another manager owns them. Changing a field another manager owns is a
 * conflict (returned, nothing applied) unless `force`, which takes the field over.
 */
export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, opts: ServerSideApplyOptions): ServerSideApplyResult {
  const model = modelForKind(opts.kind?.apiVersion ?? applied.apiVersion, opts.kind?.kind ?? applied.kind);
  const scope = scopeOf(opts.subresource);
  if (applied.metadata?.managedFields !== undefined && applied.metadata.managedFields !== null) throw badRequest("metadata.managedFields must be nil");
  const intent = structuredClone(applied) as KubeObject;
  canonicalizeQuantities(intent, model);
  if (scope === "main") delete intent.status;
  else for (const k of Object.keys(intent)) if (!["apiVersion", "kind", "metadata", "status"].includes(k)) delete intent[k];
  const appliedSet = fieldSetOf(intent, model, scope);

  const entries = parseManagedFields(live);
  if (live && entries.length === 0) {
    const set = fieldSetOf(live, model, "main");
    entries.push({ entry: { manager: BEFORE_FIRST_APPLY, operation: "Update", apiVersion: live.apiVersion, time: opts.now, fieldsType: "FieldsV1", fieldsV1: {} }, set });
  }

  const conflicts: { conflict: FieldConflict; entry: ParsedEntry; member: string }[] = [];
  for (const m of appliedSet) {
    if (isElementMember(m)) continue;
    const before = valueAt(live, m);
    if (before.found && JSON.stringify(before.value) === JSON.stringify(valueAt(intent, m).value)) continue;
    for (const e of entries) {
      if (isMine(e, opts.manager, opts.subresource) || !e.set.has(m)) continue;
      const { manager, operation, apiVersion, subresource } = e.entry;
      conflicts.push({ conflict: { manager, field: pathString(m), operation, apiVersion, ...(subresource ? { subresource } : {}) }, entry: e, member: m });
    }
  }
  if (conflicts.length > 0 && !opts.force) {
    const list = conflicts.map((c) => c.conflict).sort((a, b) => a.manager.localeCompare(b.manager) || a.field.localeCompare(b.field));
    return { object: live as KubeObject, conflicts: list };
  }
  for (const c of conflicts) {
    c.entry.set.delete(c.member);
    c.entry.dirty = true;
  }

  const merged = mergeValue(live ? structuredClone(live) : undefined, intent, model) as KubeObject;
  if (live) {
    for (const k of ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp"] as const) {
      if (live.metadata[k] !== undefined) (merged.metadata as Obj)[k] = live.metadata[k];
    }
  }

  let mine = entries.find((e) => isMine(e, opts.manager, opts.subresource));
  const previous = mine ? mine.set : new Set<string>();
  const dropped = [...previous].filter((m) => !appliedSet.has(m) && !entries.some((e) => e !== mine && e.set.has(m)));
  dropped.sort((a, b) => a.length - b.length);
  for (const m of dropped) {
    deleteAt(merged, m);
    pruneEmpty(merged, m);
  }

  const sameSet = mine !== undefined && previous.size === appliedSet.size && [...appliedSet].every((m) => previous.has(m));
  const unchanged = live !== undefined && sameSet && conflicts.length === 0 && JSON.stringify({ ...merged, metadata: { ...merged.metadata, managedFields: undefined } }) === JSON.stringify({ ...live, metadata: { ...live.metadata, managedFields: undefined } });
  if (!mine) {
    mine = { entry: { manager: opts.manager, operation: "Apply", apiVersion: applied.apiVersion, time: opts.now, fieldsType: "FieldsV1", fieldsV1: {}, ...(opts.subresource ? { subresource: opts.subresource } : {}) }, set: appliedSet };
    entries.push(mine);
  }
  mine.set = appliedSet;
  mine.dirty = true;
  mine.entry.apiVersion = applied.apiVersion;
  if (!unchanged) mine.entry.time = opts.now;
  const managed: ManagedFieldsEntry[] = serializeManagedFields(entries);
  merged.metadata.managedFields = managed as unknown as KubeObject["metadata"]["managedFields"];
  return { object: merged };
}

function printManager(c: FieldConflict): string {
  let s = JSON.stringify(c.manager);
  if (c.subresource) s += ` with subresource ${JSON.stringify(c.subresource)}`;
  return c.operation === "Update" ? `${s} using ${c.apiVersion}` : s;
}

/**
 * The 409 Conflict Kubernetes returns for apply conflicts: `Apply failed with 1 conflict:
 * conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`, one
 * FieldManagerConflict cause per field.
 */
export function applyConflictError(conflicts: FieldConflict[]): ApiError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0])}: ${conflicts[0].field}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const label = printManager(c);
      byManager.set(label, [...(byManager.get(label) ?? []), c.field]);
    }
    const lines: string[] = [];
    for (const label of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${label}:`);
      for (const f of byManager.get(label)!) lines.push(`- ${f}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
  }
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: "Conflict",
    details: { causes: conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${printManager(c)}`, field: c.field })) },
    code: 409,
  });
}
