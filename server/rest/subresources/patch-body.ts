// Why: PATCH of a subresource (scale, status) applies the body to the subresource's own object with the patch type the request named.

import { unsupportedMediaType } from "@/core/api/errors";
import { applyJsonPatch } from "@/core/api/patch/json-patch";
import { applyMergePatch } from "@/core/api/patch/merge-patch";
import { applyStrategicMergePatch } from "@/core/api/patch/strategic-merge-patch";
import type { KubeObject } from "@/core/api/types";

/** The patch types a subresource PATCH accepts: the Content-Type or kubectl's `--type` name. */
export type SubresourcePatchType =
  | "application/json-patch+json"
  | "application/merge-patch+json"
  | "application/strategic-merge-patch+json"
  | "json"
  | "merge"
  | "strategic";

const KINDS: Record<string, "json" | "merge" | "strategic"> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  json: "json",
  merge: "merge",
  strategic: "strategic",
};

/**
 * `obj` with `patch` applied (a new object; `obj` is untouched). Server-side apply on a
 * subresource is not served here: 415 UnsupportedMediaType, as for any unknown type.
 */
export function applyPatchOfType(obj: KubeObject, patchType: string, patch: unknown): KubeObject {
  const kind = KINDS[patchType.split(";")[0].trim().toLowerCase()];
  switch (kind) {
    case "json":
      return applyJsonPatch(obj, patch);
    case "merge":
      return applyMergePatch(obj, patch);
    case "strategic":
      return applyStrategicMergePatch(obj, patch);
    default:
      throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
  }
}
