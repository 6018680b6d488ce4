// Why: `kubectl patch --type merge` (and every client's JSON merge patch) follows RFC 7386: objects merge, null deletes, anything else replaces.

import { badRequest } from "../errors";
import type { KubeObject } from "../types";

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** RFC 7386 MergePatch(target, patch) on plain JSON values; never mutates its arguments. */
export function mergePatchValue(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatchValue(out[k], v);
  }
  return out;
}

/** Applies a JSON merge patch (RFC 7386) to a copy of `obj`. A patch that is not a JSON object is a 400. */
export function applyMergePatch(obj: KubeObject, patch: unknown): KubeObject {
  if (!isPlainObject(patch)) throw badRequest("json: cannot unmarshal into Go value of type map[string]interface {}");
  return mergePatchValue(structuredClone(obj), patch) as KubeObject;
}
