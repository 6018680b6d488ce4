// Why: kubectl-style manifests arrive as multi-document YAML or JSON; parse them once, with errors that name the document and line.

import { LineCounter, parseAllDocuments } from "yaml";
import { badRequest, tooLarge } from "../api/errors";
import type { KubeObject } from "../api/types";

/** Requests above this size are refused with 413 before parsing (the apiserver's 3 MiB body limit). */
export const MAX_MANIFEST_BYTES = 3 * 1024 * 1024;

/** One object of a manifest. */
export interface ManifestObject {
  /** 0-based index of its (non-empty) document in the stream; items of a `kind: List` share it. */
  index: number;
  /** 1-based line where the document starts. */
  line: number;
  object: KubeObject;
}

/** `document 2` (1-based, as a person counts) plus `(Deployment "web")` when known. */
export function documentLabel(index: number, obj?: { kind?: unknown; metadata?: { name?: unknown } }): string {
  if (!obj?.kind) return `document ${index + 1}`;
  return `document ${index + 1} (${String(obj.kind)} "${String(obj.metadata?.name ?? "")}")`;
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Throws 413 RequestEntityTooLarge when the manifest exceeds {@link MAX_MANIFEST_BYTES}. */
export function checkManifestSize(text: string): void {
  // Cheap bound first: a UTF-16 string of n units has at least n and at most 3n bytes.
  if (text.length > MAX_MANIFEST_BYTES || (text.length * 3 > MAX_MANIFEST_BYTES && byteLength(text) > MAX_MANIFEST_BYTES)) {
    throw tooLarge(`Request entity too large: limit is ${MAX_MANIFEST_BYTES}`);
  }
}

function missingTypeFields(o: Record<string, unknown>): string[] {
  const missing: string[] = [];
  if (!o.apiVersion) missing.push("apiVersion not set");
  if (!o.kind) missing.push("kind not set");
  return missing;
}

function checkObject(o: unknown, where: string): KubeObject {
  if (o === null || typeof o !== "object" || Array.isArray(o)) {
    throw badRequest(`error parsing manifest: ${where}: expected a Kubernetes object, got ${Array.isArray(o) ? "a list" : typeof o}`);
  }
  const missing = missingTypeFields(o as Record<string, unknown>);
  if (missing.length) throw badRequest(`${where}: error validating data: ${missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`}`);
  return o as KubeObject;
}

/**
 * Parses a YAML (or JSON) stream into objects: empty documents are skipped, `kind: List`
 * items expand. Errors are 400 BadRequest naming the document (`error parsing manifest:
 * document 2: ... at line 7, column 3`), or 413 when the text is too large.
 */
export function parseManifest(text: string): ManifestObject[] {
  checkManifestSize(text);
  const lineCounter = new LineCounter();
  // YAML 1.1 as kubectl's go-yaml reads it: `yes`/`on` are booleans and `0644` is octal (420);
  // unlike PyYAML, go-yaml has no base-60 numbers, so `1:20` stays a string.
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: true,
    version: "1.1",
    customTags: (tags) => tags.filter((t) => !(typeof t === "object" && "format" in t && t.format === "TIME")),
  });
  const list = Array.isArray(docs) ? docs : [];
  const out: ManifestObject[] = [];
  let index = 0;
  for (const doc of list) {
    if (doc.errors.length) {
      const first = doc.errors[0].message.split("\n")[0].replace(/:$/, "");
      throw badRequest(`error parsing manifest: document ${index + 1}: ${first}`);
    }
    if (doc.contents === null) continue;
    const line = lineCounter.linePos(doc.contents.range?.[0] ?? 0).line;
    const value: unknown = doc.toJS({ maxAliasCount: 100, reviver: (_k: unknown, v: unknown) => (v instanceof Date ? v.toISOString().replace(".000Z", "Z") : v) });
    if (value === null || value === undefined) continue;
    const where = `document ${index + 1} (line ${line})`;
    const obj = checkObject(value, where);
    if (obj.kind === "List" && Array.isArray(obj.items)) {
      (obj.items as unknown[]).forEach((item, i) => out.push({ index, line, object: checkObject(item, `${where} item ${i}`) }));
    } else {
      out.push({ index, line, object: obj });
    }
    index++;
  }
  return out;
}
