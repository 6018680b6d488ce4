// Why: PATCH of an object or its status/scale: the patch is applied to the current object here and the result goes through the pipeline as an update.

import { badRequest, notFound, unsupportedMediaType } from "@/core/api/errors";
import type { KubeObject } from "@/core/api/types";
import { applyJsonPatch } from "@/core/api/patch/json-patch";
import { applyMergePatch } from "@/core/api/patch/merge-patch";
import { applyStrategicMergePatch } from "@/core/api/patch/strategic-merge-patch";
import type { ObjectClient } from "@/core/store/types";
import type { PatchType } from "./body";
import { getOne, namespaceOf, targetOf, type TypedRequest } from "./resource-verbs";
import { requireScalable, scaleOf, updateScale } from "./subresources";

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
 * PATCH `req` (main resource, `status` or `scale`). The patched object keeps the current
 * resourceVersion unless the patch sets one, so a concurrent write is a 409 only when the
 * client asked for it, as with Kubernetes' patch retries.
 */
export async function patchObject(client: ObjectClient, req: TypedRequest, patchType: PatchType, patch: unknown): Promise<KubeObject> {
  if (!req.name) throw badRequest("a patch needs an object name");
  const dryRun = req.query.dryRun;
  const fieldValidation = req.query.fieldValidation;
  if (req.subresource === "scale") {
    requireScalable(req);
    const scale = applyPatch(scaleOf(getOne(client, req)), patchType, patch);
    return updateScale(client, req, scale, dryRun);
  }
  if (req.subresource && req.subresource !== "status") throw notFound(targetOf(req));
  const current = client.get(req.type, namespaceOf(req), req.name);
  if (!current) throw notFound(targetOf(req));
  const patched = applyPatch(current, patchType, patch);
  patched.metadata ??= {};
  patched.metadata.resourceVersion ||= current.metadata.resourceVersion;
  if (patched.metadata.name !== current.metadata.name) throw badRequest("metadata.name: the name of a patched object cannot change");
  return client.update(patched, {
    ...(req.subresource === "status" ? { subresource: "status" as const } : {}),
    ...(dryRun ? { dryRun } : {}),
    ...(fieldValidation ? { fieldValidation } : {}),
  } as Parameters<ObjectClient["update"]>[1]);
}
