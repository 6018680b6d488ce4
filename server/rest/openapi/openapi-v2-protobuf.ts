// Why: kubectl fetches /openapi/v2 only as protobuf (gnostic's openapi.v2.Document) for client-side validation and `explain --output plaintext-openapiv2`; this encodes our swagger JSON that way.

import { openApiV2 } from "./openapi";

/** What kubectl sends in Accept for /openapi/v2. */
export const OPENAPI_V2_PROTOBUF_ACCEPT = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
/** The Content-Type Kubernetes answers it with. */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

type Json = Record<string, unknown>;

/** True when the Accept header asks for the protobuf form (kubectl always does; browsers and curl get JSON). */
export function wantsOpenApiV2Protobuf(accept: string | null | undefined): boolean {
  return !!accept && accept.split(",").some((a) => a.trim().split(";")[0].trim() === OPENAPI_V2_PROTOBUF_ACCEPT);
}

/** A protobuf message being written: fields appended in order, nested messages length-prefixed. */
class Writer {
  private readonly parts: Uint8Array[] = [];
  private static readonly utf8 = new TextEncoder();

  private varint(n: number): void {
    const bytes: number[] = [];
    while (n > 127) {
      bytes.push((n & 127) | 128);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
    this.parts.push(Uint8Array.from(bytes));
  }

  private tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }

  /** proto3: empty strings are not written. */
  string(field: number, s: unknown): this {
    return typeof s === "string" && s !== "" ? this.bytes(field, Writer.utf8.encode(s)) : this;
  }

  strings(field: number, list: unknown): this {
    if (Array.isArray(list)) for (const s of list) this.string(field, s);
    return this;
  }

  bool(field: number, b: unknown): this {
    if (b === true) {
      this.tag(field, 0);
      this.varint(1);
    }
    return this;
  }

  message(field: number, build: ((w: Writer) => void) | undefined): this {
    if (!build) return this;
    const w = new Writer();
    build(w);
    return this.bytes(field, w.finish());
  }

  finish(): Uint8Array {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

/** `x-…` keys as NamedAny with the value as YAML text (JSON is YAML), as gnostic stores vendor extensions. */
function vendorExtensions(w: Writer, field: number, obj: Json): void {
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith("x-")) w.message(field, (n) => n.string(1, k).message(2, (any) => any.string(2, `${JSON.stringify(v)}\n`)));
  }
}

function schema(w: Writer, s: Json): void {
  w.string(1, s.$ref).string(2, s.format).string(4, s.description).bool(16, s.uniqueItems).strings(19, s.required);
  const ap = s.additionalProperties;
  if (ap !== undefined) w.message(21, (a) => (typeof ap === "boolean" ? a.bool(2, ap) : a.message(1, (x) => schema(x, ap as Json))));
  if (typeof s.type === "string") w.message(22, (t) => t.string(1, s.type));
  if (s.items) w.message(23, (i) => i.message(1, (x) => schema(x, s.items as Json)));
  for (const a of (s.allOf as Json[] | undefined) ?? []) w.message(24, (x) => schema(x, a));
  const props = s.properties as Record<string, Json> | undefined;
  if (props) w.message(25, (p) => Object.entries(props).forEach(([name, v]) => p.message(1, (n) => n.string(1, name).message(2, (x) => schema(x, v)))));
  vendorExtensions(w, 31, s);
}

function parameter(w: Writer, p: Json): void {
  if (p.in === "body") {
    w.message(1, (param) => param.message(1, (b) => b.string(1, p.description).string(2, p.name).string(3, p.in).bool(4, p.required).message(5, (x) => schema(x, p.schema as Json))));
    return;
  }
  // NonBodyParameter: query = 3 (type at 6, uniqueItems at 20), path = 4 (type at 5, uniqueItems at 19).
  const query = p.in === "query";
  w.message(1, (param) =>
    param.message(2, (nb) =>
      nb.message(query ? 3 : 4, (q) => q.bool(1, p.required).string(2, p.in).string(3, p.description).string(4, p.name).string(query ? 6 : 5, p.type).bool(query ? 20 : 19, p.uniqueItems)),
    ),
  );
}

const OPERATIONS: [string, number][] = [["get", 2], ["put", 3], ["post", 4], ["delete", 5], ["patch", 8]];

function operation(w: Writer, op: Json): void {
  w.string(3, op.description).string(5, op.operationId).strings(6, op.produces).strings(7, op.consumes);
  for (const p of (op.parameters as Json[] | undefined) ?? []) w.message(8, (x) => parameter(x, p));
  const responses = (op.responses as Record<string, Json> | undefined) ?? {};
  w.message(9, (r) => {
    for (const [code, resp] of Object.entries(responses)) {
      r.message(1, (n) => n.string(1, code).message(2, (rv) => rv.message(1, (x) => x.string(1, resp.description).message(2, resp.schema ? (si) => si.message(1, (s) => schema(s, resp.schema as Json)) : undefined))));
    }
  });
  vendorExtensions(w, 13, op);
}

/** Encodes a swagger 2.0 JSON document as gnostic's openapi.v2.Document. */
export function encodeOpenApiV2(doc: Json): Uint8Array {
  const w = new Writer();
  const info = doc.info as Json;
  w.string(1, doc.swagger).message(2, (i) => i.string(1, info.title).string(2, info.version));
  const paths = doc.paths as Record<string, Json>;
  w.message(8, (ps) => {
    for (const [path, item] of Object.entries(paths)) {
      ps.message(2, (n) =>
        n.string(1, path).message(2, (pi) => {
          for (const [method, field] of OPERATIONS) if (item[method]) pi.message(field, (x) => operation(x, item[method] as Json));
          for (const p of (item.parameters as Json[] | undefined) ?? []) pi.message(9, (x) => parameter(x, p));
        }),
      );
    }
  });
  const defs = doc.definitions as Record<string, Json>;
  w.message(9, (d) => Object.entries(defs).forEach(([name, s]) => d.message(1, (n) => n.string(1, name).message(2, (x) => schema(x, s)))));
  w.message(12, (sr) => sr.message(1, (n) => n.string(1, "BearerToken").message(2, () => undefined)));
  w.message(13, (sd) =>
    sd.message(1, (n) => n.string(1, "BearerToken").message(2, (item) => item.message(2, (k) => k.string(1, "apiKey").string(2, "authorization").string(3, "header").string(4, "Bearer Token authentication")))),
  );
  return w.finish();
}

let cache: Uint8Array | undefined;

/** `GET /openapi/v2` with Accept `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`: openApiV2() as protobuf. */
export function openApiV2Protobuf(): Uint8Array {
  cache ??= encodeOpenApiV2(openApiV2());
  return cache;
}
