// Why: `kubectl patch --type json` sends an RFC 6902 patch; the apiserver applies it with evanphx/json-patch's semantics and words (400 for a malformed patch, 422 when it does not apply).

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

type Container = Record<string, unknown> | unknown[];

/** A failed operation: Kubernetes answers 422 with a generic message and the json-patch message as cause. */
class NotApplicable extends Error {}

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

function segments(path: string): string[] {
  if (path === "") return [];
  return path
    .slice(path.startsWith("/") ? 1 : 0)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

const isContainer = (v: unknown): v is Container => typeof v === "object" && v !== null;

/** The container holding the last segment of `path`, and that segment; undefined when a step is missing. */
function parent(doc: unknown, path: string): { con: Container; key: string } | undefined {
  const parts = segments(path);
  if (parts.length === 0) return undefined;
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = Number(p);
      if (!/^-?\d+$/.test(p) || i >= cur.length || i < -cur.length) return undefined;
      cur = cur[i < 0 ? cur.length + i : i];
    } else if (isContainer(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
      cur = (cur as Record<string, unknown>)[p];
    } else return undefined;
  }
  return isContainer(cur) ? { con: cur, key: parts[parts.length - 1] } : undefined;
}

/** An array index as evanphx/json-patch reads it: `-` appends; negative counts from the end (for add, -1 appends). */
function index(ary: unknown[], key: string, forAdd: boolean): number {
  if (forAdd && key === "-") return ary.length;
  const i = Number(key);
  const size = forAdd ? ary.length + 1 : ary.length;
  if (!/^-?\d+$/.test(key) || i >= size || i < -size) throw new NotApplicable(`Unable to access invalid index: ${key}: invalid index referenced`);
  return i < 0 ? size + i : i;
}

function get(con: Container, key: string): { found: boolean; value?: unknown } {
  if (Array.isArray(con)) {
    const i = Number(key);
    if (!/^-?\d+$/.test(key) || i >= con.length || i < -con.length) return { found: false };
    return { found: true, value: con[i < 0 ? con.length + i : i] };
  }
  return Object.prototype.hasOwnProperty.call(con, key) ? { found: true, value: con[key] } : { found: false };
}

function add(con: Container, key: string, value: unknown): void {
  if (Array.isArray(con)) con.splice(index(con, key, true), 0, value);
  else con[key] = value;
}

function remove(con: Container, key: string): unknown {
  if (Array.isArray(con)) return con.splice(index(con, key, false), 1)[0];
  if (!Object.prototype.hasOwnProperty.call(con, key)) throw new NotApplicable(`Unable to remove nonexistent key: ${key}: missing value`);
  const v = con[key];
  delete con[key];
  return v;
}

function wrap(op: string, where: string, f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof NotApplicable) throw new NotApplicable(`error in ${op} for path: '${where}': ${e.message}`);
    throw e;
  }
}

function applyOne(doc: Record<string, unknown>, op: JsonPatchOperation): void {
  const { path } = op;
  switch (op.op) {
    case "add": {
      const at = parent(doc, path);
      if (!at) throw new NotApplicable(`add operation does not apply: doc is missing path: "${path}": missing value`);
      wrap("add", path, () => add(at.con, at.key, structuredClone(op.value)));
      return;
    }
    case "remove": {
      const at = parent(doc, path);
      if (!at) throw new NotApplicable(`remove operation does not apply: doc is missing path: "${path}": missing value`);
      wrap("remove", path, () => remove(at.con, at.key));
      return;
    }
    case "replace": {
      const at = parent(doc, path);
      if (!at) throw new NotApplicable(`replace operation does not apply: doc is missing path: ${path}: missing value`);
      if (Array.isArray(at.con)) {
        if (!get(at.con, at.key).found) throw new NotApplicable(`Object to be patched is missing field (${path}: missing value)`);
        at.con[index(at.con, at.key, false)] = structuredClone(op.value);
      } else at.con[at.key] = structuredClone(op.value);
      return;
    }
    case "move":
    case "copy": {
      const from = parent(doc, op.from ?? "");
      if (!from) throw new NotApplicable(`${op.op} operation does not apply: doc is missing from path: ${op.from}: missing value`);
      let value: unknown = null;
      if (op.op === "move") wrap("move", from.key, () => (value = remove(from.con, from.key)));
      else value = structuredClone(get(from.con, from.key).value ?? null);
      const to = parent(doc, path);
      if (!to) throw new NotApplicable(`${op.op} operation does not apply: doc is missing destination path: ${path}: missing value`);
      wrap(op.op, path, () => add(to.con, to.key, value));
      return;
    }
    case "test": {
      const at = parent(doc, path);
      const actual = path === "" ? doc : at ? get(at.con, at.key) : undefined;
      if (path !== "" && !at) throw new NotApplicable(`test operation does not apply: is missing path: ${path}: missing value`);
      const value = path === "" ? doc : (actual as { value?: unknown }).value ?? null;
      if (!deepEqual(value, op.value ?? null)) throw new NotApplicable(`testing value ${path} failed: test failed`);
      return;
    }
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isContainer(a) && isContainer(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Applies an RFC 6902 JSON patch to a copy of `obj`, with the semantics of the library the
 * apiserver uses (evanphx/json-patch v4: negative indices, `replace` of a missing key adds it).
 * A body that is not a list of operations is a 400 BadRequest; an operation that does not apply
 * (including a failed `test`) is the 422 Invalid Kubernetes returns, with the library's message
 * (`testing value /spec/replicas failed: test failed`) as the cause.
 */
export function applyJsonPatch(obj: KubeObject, ops: unknown): KubeObject {
  if (!Array.isArray(ops)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  if (ops.length > MAX_OPERATIONS) throw tooLarge(`The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got: ${ops.length}`);
  for (const raw of ops as unknown[]) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw badRequest("json: cannot unmarshal into Go value of type jsonpatch.Operation");
    const op = raw as Partial<JsonPatchOperation>;
    // the library decodes any object as an operation and fails when applying an unknown one: 422, as other failures
    if (typeof op.op !== "string" || !OPS.has(op.op)) throw notApplicable(`Unexpected kind: ${typeof op.op === "string" ? op.op : "unknown"}`);
    if (typeof op.path !== "string") throw notApplicable(`${op.op} operation does not apply: missing path`);
    if ((op.op === "move" || op.op === "copy") && typeof op.from !== "string") throw notApplicable(`${op.op} operation does not apply: missing from`);
  }
  const doc = structuredClone(obj) as Record<string, unknown>;
  try {
    for (const op of ops as JsonPatchOperation[]) applyOne(doc, op);
  } catch (e) {
    if (e instanceof NotApplicable) throw notApplicable(e.message);
    throw e;
  }
  return doc as KubeObject;
}
