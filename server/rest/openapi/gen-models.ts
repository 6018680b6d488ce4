// Why: kubectl explain and client-side validation need descriptions and required fields, which kinds.json lacks; generate them once from client-node's models into a committed JSON.
//
// Run: npx tsx server/rest/openapi/gen-models.ts  → writes server/rest/openapi/models.json
import * as k8s from "@kubernetes/client-node";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import schema from "../../../core/api/schema/kinds.json";

interface Attr {
  baseName: string;
  type: string;
  format: string;
}
type Models = Record<string, { attributeTypeMap?: Attr[] } | undefined>;

/** One model: its description, required fields, and per field a compact type (the syntax of kinds.json, plus `microtime`) and description. */
interface ModelOut {
  description?: string;
  required?: string[];
  fields: Record<string, { type: string; description?: string }>;
}

const models = k8s as unknown as Models;
const kinds = (schema as { kinds: Record<string, string> }).kinds;
const require = createRequire(import.meta.url);
const modelsDir = path.join(path.dirname(require.resolve("@kubernetes/client-node")), "gen", "models");

/** Maps of resource quantities by field name (client-node types them as plain strings). Same list as scripts/gen-schema.ts. */
const QUANTITY_MAPS = new Set(["limits", "requests", "capacity", "allocatable", "hard", "used", "default", "defaultRequest", "max", "min", "maxLimitRequestRatio", "allocatedResources", "overhead", "podFixed"]);
/** Single quantities by `Model.field` or field name. */
const QUANTITY_FIELDS = new Set(["sizeLimit", "storageCapacity", "V2MetricTarget.value", "V2MetricTarget.averageValue", "V2MetricValueStatus.value", "V2MetricValueStatus.averageValue"]);

const out: Record<string, ModelOut> = {};

function ref(type: string, format: string, model: string, field: string): string {
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr) return `[]${ref(arr[1], "", model, "")}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (map[1] === "string" && QUANTITY_MAPS.has(field)) return "{}quantity";
    if (map[1] === "string" && format === "byte") return "{}bytes";
    return `{}${ref(map[1], "", model, "")}`;
  }
  switch (type) {
    case "string":
      if (QUANTITY_FIELDS.has(field) || QUANTITY_FIELDS.has(`${model}.${field}`)) return "quantity";
      return format === "byte" ? "bytes" : "string";
    case "number":
      return format === "int32" || format === "int64" ? format : "float64";
    case "boolean":
      return "boolean";
    case "Date":
      return "date";
    case "V1MicroTime":
      return "microtime";
    case "any":
    case "object":
      return "any";
    case "IntOrString":
      return "intstr";
    default:
      visit(type);
      return type;
  }
}

/** Doc comments of the class and its fields, read from the model's .d.ts. */
function docs(cls: string): { description?: string; fields: Map<string, { description?: string; optional: boolean }> } {
  const text = readFileSync(path.join(modelsDir, `${cls}.d.ts`), "utf8");
  const clean = (c: string) =>
    c
      .split("\n")
      .map((l) => l.replace(/^\s*\*\s?/, "").trim())
      .filter((l) => l && l !== "/")
      .join(" ")
      .replace(/\\(["'])/g, "$1")
      .trim();
  const classDoc = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export declare class ${cls}\\b`).exec(text);
  const fields = new Map<string, { description?: string; optional: boolean }>();
  const body = text.slice(text.indexOf(`export declare class ${cls}`));
  const fieldRe = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?'([^']+)'(\?)?:/g;
  for (let m = fieldRe.exec(body); m; m = fieldRe.exec(body)) {
    fields.set(m[2], { description: m[1] ? clean(m[1]) : undefined, optional: m[3] === "?" });
  }
  return { description: classDoc ? clean(classDoc[1]) : undefined, fields };
}

function visit(cls: string): void {
  if (out[cls]) return;
  const model = models[cls];
  if (!model?.attributeTypeMap) throw new Error(`no model ${cls}`);
  const d = docs(cls);
  const m: ModelOut = { fields: {} };
  if (d.description) m.description = d.description;
  out[cls] = m;
  const required: string[] = [];
  for (const a of model.attributeTypeMap) {
    const fd = d.fields.get(a.baseName);
    m.fields[a.baseName] = { type: ref(a.type, a.format, cls, a.baseName), ...(fd?.description ? { description: fd.description } : {}) };
    if (fd && !fd.optional) required.push(a.baseName);
  }
  if (required.length) m.required = required;
}

for (const cls of Object.values(kinds)) visit(cls);
// Types the documents reference beyond the kinds: Status for errors, DeleteOptions for delete bodies, metrics.
for (const cls of ["V1Status", "V1DeleteOptions", "V1APIResourceList"]) visit(cls);
const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
const file = path.join(import.meta.dirname, "models.json");
writeFileSync(file, JSON.stringify({ kinds, models: sorted }) + "\n");
console.log(`wrote ${Object.keys(sorted).length} models to ${file}`);
