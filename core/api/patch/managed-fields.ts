// Why: every write records its field manager in metadata.managedFields (operation Update), so a later server-side apply knows whom it would overwrite.

import type { KubeObject } from "../types";
import { fieldValuesOf, fromFieldsV1, isElementMember, toFieldsV1, type FieldScope, type FieldSet, type FieldsV1 } from "./field-set";
import { modelForKind } from "./merge-keys";

/** One `metadata.managedFields` entry, as Kubernetes writes it. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: FieldsV1;
  subresource?: string;
}

/** Options of {@link updateManagedFields}. */
export interface UpdateManagedFieldsOptions {
  /** `status` when the write went through the status subresource (the entry then owns status fields only). */
  subresource?: string;
}

/** An entry with its field set parsed. */
export interface ParsedEntry {
  entry: ManagedFieldsEntry;
  set: FieldSet;
  /** Set when `set` changed since parsing (only those entries are serialized again). */
  dirty?: boolean;
}

/** The entries of an object's managedFields with their sets parsed. */
export function parseManagedFields(obj: KubeObject | undefined): ParsedEntry[] {
  const list = (obj?.metadata.managedFields ?? []) as unknown as ManagedFieldsEntry[];
  return list.filter((e) => e && typeof e.manager === "string").map((e) => ({ entry: { ...e }, set: fromFieldsV1(e.fieldsV1), dirty: false }));
}

/** Serializes parsed entries back to managedFields, dropping those that own nothing. */
export function serializeManagedFields(entries: ParsedEntry[]): ManagedFieldsEntry[] {
  return entries.filter((e) => e.set.size > 0).map((e) => (e.dirty === false ? e.entry : { ...e.entry, fieldsV1: toFieldsV1(e.set) }));
}

/** The scope of a subresource's writes. */
export function scopeOf(subresource: string | undefined): FieldScope {
  return subresource === "status" ? "status" : "main";
}


const same = (a: ParsedEntry["entry"], manager: string, operation: string, subresource: string | undefined) =>
  a.manager === manager && a.operation === operation && (a.subresource ?? "") === (subresource ?? "");

/**
 * Records an ordinary write (create, update, any patch but apply) by `manager`: the fields it
 * added or changed become its own (taken from whoever owned them: updates never conflict),
 * fields it removed leave every manager. Returns a copy of `next` with the new managedFields.
 * A write that sets managedFields itself keeps them (`[{}]` clears them, as in Kubernetes).
 */
export function updateManagedFields(prev: KubeObject | undefined, next: KubeObject, manager: string, operation: "Update", now: string, opts: UpdateManagedFieldsOptions = {}): KubeObject {
  const out: KubeObject = { ...next, metadata: { ...next.metadata } };
  const sent = next.metadata.managedFields;
  if (sent !== undefined && sent !== prev?.metadata.managedFields && JSON.stringify(sent) !== JSON.stringify(prev?.metadata.managedFields)) {
    const cleared = Array.isArray(sent) && sent.length === 1 && Object.keys(sent[0] ?? {}).length === 0;
    out.metadata.managedFields = cleared ? [] : sent;
    if (cleared) delete out.metadata.managedFields;
    return out;
  }
  const model = modelForKind(next.apiVersion, next.kind);
  const scope = scopeOf(opts.subresource);
  const before = prev ? fieldValuesOf(prev, model, scope) : new Map<string, string>();
  const after = fieldValuesOf(next, model, scope);
  const changed: string[] = [];
  for (const [m, v] of after) {
    const was = before.get(m);
    if (was === undefined || (v !== was && !isElementMember(m))) changed.push(m);
  }
  const removed: string[] = [];
  for (const m of before.keys()) if (!after.has(m)) removed.push(m);
  if (changed.length === 0 && removed.length === 0) {
    if (prev?.metadata.managedFields !== undefined) out.metadata.managedFields = prev.metadata.managedFields;
    return out;
  }
  const entries = parseManagedFields(prev);
  for (const e of entries) {
    for (const m of removed) if (e.set.delete(m)) e.dirty = true;
    for (const m of changed) if (e.set.delete(m)) e.dirty = true;
  }
  if (changed.length > 0) {
    let mine = entries.find((e) => same(e.entry, manager, operation, opts.subresource));
    if (!mine) {
      mine = { entry: { manager, operation, apiVersion: next.apiVersion, time: now, fieldsType: "FieldsV1", fieldsV1: {}, ...(opts.subresource ? { subresource: opts.subresource } : {}) }, set: new Set() };
      entries.push(mine);
    }
    mine.entry.time = now;
    mine.entry.apiVersion = next.apiVersion;
    mine.dirty = true;
    for (const m of changed) mine.set.add(m);
  }
  const managed = serializeManagedFields(entries);
  if (managed.length > 0) out.metadata.managedFields = managed as unknown as KubeObject["metadata"]["managedFields"];
  else delete out.metadata.managedFields;
  return out;
}
