// Why: PATCH of an object (and server-side apply of its status): the patch is applied to the current object here and the result goes through the pipeline as an update.

import { ApiError, badRequest, notFound, unsupportedMediaType } from "@/core/api/errors";
import type { KubeObject } from "@/core/api/types";
import { applyJsonPatch } from "@/core/api/patch/json-patch";
import { applyMergePatch } from "@/core/api/patch/merge-patch";
import { applyStrategicMergePatch } from "@/core/api/patch/strategic-merge-patch";
import { applyConflictError, serverSideApply } from "@/core/api/patch/server-side-apply";
import { rfc3339 } from "@/core/clock/clock";
import type { ObjectClient } from "@/core/store/types";
import type { PatchType } from "./body";
import { namespaceOf, targetOf, type TypedRequest } from "./resource-verbs";

/** Applies a json, merge or strategic patch to `current` (a copy is returned). */
export function applyPatch(current: KubeObject, patchType: PatchType, patch: unknown): KubeObject {
  switch (patchType) {
    case "json":
      return applyJsonPatch(current, patch);
    case "merge":
      return applyMergePatch(current, patch);
    case "strategic":
      return applyStrategicMergePatch(current, patch);
    default:
      throw unsupportedMediaType(`the patch type ${patchType} is not supported yet`);
  }
}

/**
 * Where a patch reads the live object. The REST handler, having authorized the `patch` itself,
 * reads the store directly, as Kubernetes' patch needs no `get`; by default the writing client.
 */
export type LiveReader = Pick<ObjectClient, "get">;

/**
 * PATCH `req` (the main resource, or `status` for server-side apply; other subresource
 * patches are served by ./subresources). The patched object keeps the current
 * resourceVersion unless the patch sets one, so a concurrent write is a 409 only when the
 * client asked for it, as with Kubernetes' patch retries.
 */
export async function patchObject(client: ObjectClient, req: TypedRequest, patchType: PatchType, patch: unknown, now = 0, reader: LiveReader = client): Promise<{ object: KubeObject; created: boolean }> {
  if (!req.name) throw badRequest("a patch needs an object name");
  if (patchType === "apply") return applyObject(client, req, patch, now, reader);
  if (req.subresource && req.subresource !== "status") throw notFound(targetOf(req));
  const current = reader.get(req.type, namespaceOf(req), req.name);
  if (!current) throw notFound(targetOf(req));
  const patched = applyPatch(current, patchType, patch);
  patched.metadata ??= {};
  patched.metadata.resourceVersion ||= current.metadata.resourceVersion;
  if (patched.metadata.name !== current.metadata.name) throw badRequest("metadata.name: the name of a patched object cannot change");
  try {
    return { object: await client.update(patched, writeOptions(req)), created: false };
  } catch (err) {
    throw strictPatchError(err, patchType, patch, patched);
  }
}

/**
 * Unknown fields under `fieldValidation=Strict` are a 400 for a create or update, but the patch
 * handler reports them as a 422 Invalid on the field `patch`, quoting the patched object (JSON and
 * merge patches) or the patch as Go prints a map (strategic merge), as Kubernetes does.
 */
export function strictPatchError(err: unknown, patchType: PatchType, patch: unknown, patched: KubeObject): unknown {
  if (!(err instanceof ApiError) || err.code !== 400) return err;
  const at = err.message.indexOf("strict decoding error: ");
  if (at < 0) return err;
  const value = patchType === "strategic" ? goMapString(patch) : sortedJson(patched);
  const message = `Invalid value: ${JSON.stringify(value)}: ${err.message.slice(at)}`;
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: ` "" is invalid: patch: ${message}`,
    reason: "Invalid",
    details: { causes: [{ reason: "FieldValueInvalid", message, field: "patch" }] },
    code: 422,
  });
}

/** JSON with object keys sorted, as Go marshals a map. */
function sortedJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
    .join(",")}}`;
}

/** A decoded JSON value as Go's `%+v` prints it (`map[data:map[a:1]]`). */
function goMapString(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goMapString).join(" ")}]`;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goMapString(o[k])}`)
      .join(" ")}]`;
  }
  return String(v);
}

/** The write's options; `applied` when server-side apply already wrote managedFields (no `Update` entry then). */
function writeOptions(req: TypedRequest, applied = false): Parameters<ObjectClient["update"]>[1] {
  const { dryRun, fieldValidation } = req.query;
  return {
    // Authorized and audited as the PATCH it is, though it is stored as an update (or, applied, a create).
    verb: "patch",
    ...(applied ? { managedFieldsRecorded: true } : {}),
    ...(req.subresource === "status" ? { subresource: "status" as const } : {}),
    ...(dryRun ? { dryRun } : {}),
    ...(fieldValidation ? { fieldValidation } : {}),
  } as Parameters<ObjectClient["update"]>[1];
}

/**
 * Server-side apply (`application/apply-patch+yaml`): the applied object is merged into the live
 * one by field ownership (core/api/patch), creating it when absent (201). Conflicts with other
 * managers are a 409 naming the fields, unless `force=true`.
 */
async function applyObject(client: ObjectClient, req: TypedRequest, patch: unknown, now: number, reader: LiveReader): Promise<{ object: KubeObject; created: boolean }> {
  const manager = req.query.fieldManager;
  if (!manager) throw badRequest("PATCH requests with apply content type must specify a fieldManager");
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) throw badRequest("the applied configuration must be an object");
  const applied = structuredClone(patch) as KubeObject;
  applied.metadata ??= {};
  if (applied.metadata.name && applied.metadata.name !== req.name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${req.name})`);
  applied.metadata.name = req.name;
  const ns = namespaceOf(req);
  if (ns !== undefined) {
    if (applied.metadata.namespace && applied.metadata.namespace !== ns) throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    applied.metadata.namespace = ns;
  }
  const live = reader.get(req.type, ns, req.name!);
  if (!live && req.subresource) throw notFound(targetOf(req));
  const result = serverSideApply(live, applied, { manager, force: req.query.force === true, now: rfc3339(now), ...(req.subresource ? { subresource: req.subresource } : {}) });
  if (result.conflicts?.length) throw applyConflictError(result.conflicts);
  if (!live) return { object: await client.create(result.object, writeOptions(req, true) as Parameters<ObjectClient["create"]>[1]), created: true };
  const next = structuredClone(result.object) as KubeObject;
  next.metadata.resourceVersion ||= live.metadata.resourceVersion;
  return { object: await client.update(next, writeOptions(req, true)), created: false };
}
