// Why: the REST router turns a PATCH request's Content-Type into one of Kubernetes' patch types and applies it; this is the one place that maps the two.

import { unsupportedMediaType } from "../errors";
import type { KubeObject } from "../types";
import { applyJsonPatch } from "./json-patch";
import { applyMergePatch } from "./merge-patch";
import { applyStrategicMergePatch, supportsStrategicMergePatch, type PatchKind } from "./strategic-merge-patch";

/** Kubernetes' patch types, named as `kubectl patch --type` names them (`apply` is server-side apply). */
export type PatchType = "json" | "merge" | "strategic" | "apply";

/** The Content-Type of each patch type (types.PatchType in apimachinery). */
export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
};

/**
 * The patch type of a PATCH request's Content-Type (parameters such as `; charset=utf-8`
 * ignored). Unknown types, and strategic merge patches of kinds without a built-in schema
 * (custom resources), are the 415 Kubernetes returns, listing what it accepts.
 */
export function patchTypeOf(contentType: string | null | undefined, kind: PatchKind): PatchType {
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const strategic = supportsStrategicMergePatch(kind.apiVersion, kind.kind);
  const accepted = (Object.keys(PATCH_CONTENT_TYPES) as PatchType[]).filter((t) => t !== "strategic" || strategic);
  const found = accepted.find((t) => PATCH_CONTENT_TYPES[t] === media || (t === "apply" && media === "application/apply-patch+json"));
  if (!found) {
    throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${accepted.map((t) => PATCH_CONTENT_TYPES[t]).join(", ")}`);
  }
  return found;
}

/**
 * Applies a parsed JSON, merge or strategic merge patch to a copy of `obj`. Server-side apply
 * goes through `serverSideApply` instead: it needs the field manager and the force flag.
 */
export function patchObject(obj: KubeObject, type: Exclude<PatchType, "apply">, patch: unknown, kind?: PatchKind): KubeObject {
  switch (type) {
    case "json":
      return applyJsonPatch(obj, patch);
    case "merge":
      return applyMergePatch(obj, patch);
    case "strategic":
      return applyStrategicMergePatch(obj, patch, kind);
  }
}
