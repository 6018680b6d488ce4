// Why: `kubectl patch --type json` sends an RFC 6902 patch; the apiserver applies it and fails as Kubernetes does (400 for a malformed patch, 422 when it does not apply).

import { applyPatch, type Operation } from "fast-json-patch";
import { ApiError, badRequest, tooLarge } from "../errors";
import type { KubeObject } from "../types";

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);
/** Kubernetes' limit on operations in one JSON patch (maxJSONPatchOperations). */
const MAX_OPERATIONS = 10000;

/** One RFC 6902 operation as it arrives on the wire. */
export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** The 422 Kubernetes returns when a JSON patch does not apply (a failed `test`, a missing path). */
function notApplicable(message: string): ApiError {
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "the server rejected our request due to an error in our request",
    reason: "Invalid",
    details: { causes: [{ reason: "FieldValueInvalid", message }] },
    code: 422,
  });
}

function describe(op: JsonPatchOperation, name: string): string {
  switch (name) {
    case "TEST_OPERATION_FAILED":
      return `testing value ${op.path} failed: test failed`;
    case "OPERATION_PATH_UNRESOLVABLE":
    case "OPERATION_PATH_CANNOT_ADD":
    case "OPERATION_PATH_ILLEGAL_ARRAY_INDEX":
    case "OPERATION_VALUE_OUT_OF_BOUNDS":
      return `${op.op} operation does not apply: doc is missing path: "${op.path}": missing value`;
    case "OPERATION_FROM_UNRESOLVABLE":
      return `${op.op} operation does not apply: doc is missing from path: "${op.from}": missing value`;
    default:
      return `${op.op} operation does not apply: ${name}`;
  }
}

/**
 * Applies an RFC 6902 JSON patch to a copy of `obj` and returns the result. A body that is not
 * a list of operations is a 400 BadRequest; an operation that does not apply (including a
 * failed `test`) is the 422 Invalid Kubernetes returns, with the json-patch message as cause.
 */
export function applyJsonPatch(obj: KubeObject, ops: unknown): KubeObject {
  if (!Array.isArray(ops)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  if (ops.length > MAX_OPERATIONS) throw tooLarge(`The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got: ${ops.length}`);
  for (const raw of ops as unknown[]) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw badRequest("json: cannot unmarshal into Go value of type jsonpatch.Operation");
    const op = raw as Partial<JsonPatchOperation>;
    if (typeof op.op !== "string" || !OPS.has(op.op)) throw badRequest(`Unexpected kind: ${String(op.op ?? "")}`);
    if (typeof op.path !== "string") throw notApplicable(`${op.op} operation does not apply: missing path`);
    if ((op.op === "move" || op.op === "copy") && typeof op.from !== "string") throw notApplicable(`${op.op} operation does not apply: missing from`);
    if ((op.op === "add" || op.op === "replace" || op.op === "test") && !("value" in op)) {
      throw notApplicable(`${op.op} operation does not apply: missing value`);
    }
  }
  const doc = structuredClone(obj) as KubeObject;
  try {
    const result = applyPatch(doc, ops as Operation[], true, true, false);
    const next = result.newDocument as unknown;
    if (typeof next !== "object" || next === null || Array.isArray(next)) throw notApplicable("the patched document is not an object");
    return next as KubeObject;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const err = e as { name?: string; index?: number };
    const op = (ops as JsonPatchOperation[])[err.index ?? 0] ?? { op: "?", path: "" };
    throw notApplicable(describe(op, err.name ?? String(e)));
  }
}
