// Why: the apiserver decodes request bodies against each kind's schema: unknown fields (Strict/Warn/Ignore) and wrong JSON types fail as Kubernetes' decoder fails.

import { badRequest } from "../errors";
import { parseQuantity, QUANTITY_PATTERN } from "../quantity";
import type { KubeObject } from "../types";
import { canonicalQuantity } from "./canonical-quantity";
import schema from "./kinds.json";

/** The `fieldValidation` query parameter: what to do with fields the kind does not have. */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

export interface DecodeOptions {
  /** Kubernetes' server default is Warn; kubectl sends Strict (`--validate=strict`). */
  fieldValidation?: FieldValidation;
}

export interface DecodeResult {
  /** A new object: unknown fields and nulls dropped, quantities in canonical string form ("1000m" → "1"). */
  object: KubeObject;
  /** `unknown field "spec.replica"` per dropped field in Warn mode (Kubernetes sends them as Warning headers). */
  warnings: string[];
}

const TYPES = (schema as { types: Record<string, Record<string, string>> }).types;
const KINDS = (schema as { kinds: Record<string, string> }).kinds;

/** True when a schema is known for this apiVersion/kind (only those are checked). */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return modelFor(apiVersion, kind) !== undefined;
}

function modelFor(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  return KINDS[`${group}/${version}/${kind}`];
}

/** `V1DeploymentSpec` → `DeploymentSpec`, `CoreV1EndpointPort` → `EndpointPort` (the Go struct name). */
function goName(model: string): string {
  return model.replace(/^([A-Z][a-z]+)*?V\d+((alpha|beta)\d+)?(?=[A-Z])/, "");
}

function goType(t: string): string {
  if (t.startsWith("[]")) return `[]${goType(t.slice(2))}`;
  if (t.startsWith("{}")) return t === "{}quantity" ? "v1.ResourceList" : `map[string]${goType(t.slice(2))}`;
  switch (t) {
    case "boolean":
      return "bool";
    case "date":
      return "v1.Time";
    case "intstr":
      return "intstr.IntOrString";
    case "quantity":
      return "resource.Quantity";
    case "bytes":
      return "[]uint8";
    case "any":
      return "interface {}";
    case "string":
    case "int32":
    case "int64":
    case "float64":
      return t;
    default:
      return `v1.${goName(t)}`;
  }
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "number";
  if (typeof v === "string") return "string";
  return "object";
}

class DecodeError extends Error {}

interface Ctx {
  unknown: string[];
  /** Go struct name and JSON path of the field being decoded, for Go's UnmarshalTypeError. */
  struct: string;
  jsonPath: string;
}

function typeError(v: unknown, t: string, ctx: Ctx): never {
  const value = typeof v === "number" && !Number.isInteger(v) ? `number ${v}` : jsonKind(v);
  throw new DecodeError(`json: cannot unmarshal ${value} into Go struct field ${ctx.struct}.${ctx.jsonPath} of type ${goType(t)}`);
}

function base64Error(s: string): string | undefined {
  const clean = s.replace(/[\r\n]/g, "");
  const m = /^[A-Za-z0-9+/]*={0,2}$/.exec(clean);
  if (m && clean.length % 4 === 0) return undefined;
  let i = 0;
  while (i < clean.length && /[A-Za-z0-9+/]/.test(clean[i])) i++;
  if (i === clean.length) i = clean.length - (clean.length % 4);
  return `illegal base64 data at input byte ${i}`;
}

function decodeValue(v: unknown, t: string, path: string, ctx: Ctx): unknown {
  if (v === null) return undefined;
  if (t.startsWith("[]")) {
    if (!Array.isArray(v)) typeError(v, t, ctx);
    return v.map((x, i) => decodeValue(x, t.slice(2), `${path}[${i}]`, ctx) ?? null);
  }
  if (t.startsWith("{}")) {
    if (typeof v !== "object" || Array.isArray(v)) typeError(v, t, ctx);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const d = decodeValue(x, t.slice(2), `${path}.${k}`, ctx);
      if (d !== undefined) out[k] = d;
    }
    return out;
  }
  switch (t) {
    case "string":
    case "date":
      if (typeof v !== "string") typeError(v, t, ctx);
      return v;
    case "bytes":
      if (typeof v !== "string") typeError(v, t, ctx);
      {
        const e = base64Error(v as string);
        if (e) throw new DecodeError(e);
      }
      return v;
    case "boolean":
      if (typeof v !== "boolean") typeError(v, t, ctx);
      return v;
    case "int32":
    case "int64":
      if (typeof v !== "number" || !Number.isInteger(v)) typeError(v, t, ctx);
      return v;
    case "float64":
      if (typeof v !== "number") typeError(v, t, ctx);
      return v;
    case "intstr":
      if (typeof v !== "number" && typeof v !== "string") typeError(v, t, ctx);
      return v;
    case "quantity":
      if (typeof v !== "number" && typeof v !== "string") throw new DecodeError(`quantities must match the regular expression '${QUANTITY_PATTERN}'`);
      try {
        parseQuantity(v as string | number);
      } catch (e) {
        throw new DecodeError((e as Error).message);
      }
      return canonicalQuantity(v as string | number);
    case "any":
      return v;
    default:
      return decodeStruct(v, t, path, ctx);
  }
}

function decodeStruct(v: unknown, model: string, path: string, ctx: Ctx): Record<string, unknown> {
  const fields = TYPES[model];
  if (typeof v !== "object" || v === null || Array.isArray(v)) typeError(v, model, ctx);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const child = path ? `${path}.${k}` : k;
    const t = fields?.[k];
    if (t === undefined) {
      ctx.unknown.push(child);
      continue;
    }
    const saved = { struct: ctx.struct, jsonPath: ctx.jsonPath };
    ctx.struct = goName(model);
    ctx.jsonPath = child.replace(/\[\d+\]/g, "");
    const d = decodeValue(x, t, child, ctx);
    ctx.struct = saved.struct;
    ctx.jsonPath = saved.jsonPath;
    if (d !== undefined) out[k] = d;
  }
  return out;
}

/**
 * Decodes a request body as the apiserver does: type errors are 400 BadRequest
 * (`Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal ...`);
 * unknown fields are a 400 `strict decoding error` (Strict), warnings (Warn) or dropped (Ignore).
 * Kinds without a schema pass through unchanged.
 */
export function decodeObject(raw: KubeObject, opts: DecodeOptions = {}): DecodeResult {
  const mode = opts.fieldValidation ?? "Warn";
  const model = modelFor(raw.apiVersion, raw.kind);
  if (!model) return { object: structuredClone(raw), warnings: [] };
  const version = raw.apiVersion.includes("/") ? raw.apiVersion.split("/")[1] : raw.apiVersion;
  const prefix = `${raw.kind} in version "${version}" cannot be handled as a ${raw.kind}`;
  const ctx: Ctx = { unknown: [], struct: goName(model), jsonPath: "" };
  let object: KubeObject;
  try {
    object = decodeStruct(raw, model, "", ctx) as KubeObject;
  } catch (e) {
    if (e instanceof DecodeError) throw badRequest(`${prefix}: ${e.message}`);
    throw e;
  }
  const unknown = ctx.unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
  if (unknown.length && mode === "Strict") throw badRequest(`${prefix}: strict decoding error: ${unknown.join(", ")}`);
  return { object, warnings: mode === "Warn" ? unknown : [] };
}
