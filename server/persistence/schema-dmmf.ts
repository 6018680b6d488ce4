// Why: reads schema.prisma through Prisma's own parser (the schema wasm shipped inside the `prisma` package), so the drift test compares the migrations against Prisma's model, not a home-made regex.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The subset of Prisma's DMMF field that the drift check needs. */
export interface DmmfField {
  name: string;
  /** Column name when `@map` is used. */
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  /** `@db.X(args)` as `[X, args]`. */
  nativeType?: [string, string[]] | null;
  /** A literal, or a function such as `{ name: "now", args: [] }`. */
  default?: string | number | boolean | { name: string; args: unknown[] } | unknown[] | null;
  /** For relation fields (`kind: "object"`). */
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string | null;
  relationOnUpdate?: string | null;
}

export interface DmmfModel {
  name: string;
  /** Table name when `@@map` is used. */
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}

export interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
}

export interface Dmmf {
  datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
}

/** The wasm-bindgen exports of prisma_schema_build_bg.wasm that are called here. */
interface SchemaWasm {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc(size: number, align: number): number;
  __wbindgen_free(ptr: number, size: number, align: number): void;
  __wbindgen_start(): void;
  get_dmmf(ptr: number, len: number): [number, number, number, number];
}

let instance: SchemaWasm | undefined;

function schemaWasm(): SchemaWasm {
  if (instance) return instance;
  const require = createRequire(import.meta.url);
  const cliDir = path.dirname(require.resolve("prisma/package.json"));
  const bytes = fs.readFileSync(path.join(cliDir, "build", "prisma_schema_build_bg.wasm"));
  const decoder = new TextDecoder();
  const text = (ptr: number, len: number) => decoder.decode(new Uint8Array(exports().memory.buffer, ptr >>> 0, len));
  const exports = () => instance as SchemaWasm;
  // The four host functions the module imports. Their names carry a hash that changes between
  // Prisma releases, so match them by prefix.
  const hostFunctions: Record<string, (...args: number[]) => unknown> = {
    __wbg_set_message: () => undefined,
    __wbg_Error: (ptr, len) => new Error(text(ptr, len)),
    __wbg___wbindgen_throw: (ptr, len) => {
      throw new Error(text(ptr, len));
    },
    __wbindgen_init_externref_table: () => {
      const table = exports().__wbindgen_externrefs;
      const offset = table.grow(4);
      table.set(0, undefined);
      table.set(offset, undefined);
      table.set(offset + 1, null);
      table.set(offset + 2, true);
      table.set(offset + 3, false);
    },
  };
  const module = new WebAssembly.Module(bytes);
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    const prefix = Object.keys(hostFunctions).find((p) => imp.name === p || imp.name.startsWith(`${p}_`));
    if (!prefix) throw new Error(`prisma schema wasm needs an unknown import ${imp.module}.${imp.name}; update schema-dmmf.ts for this Prisma version`);
    (imports[imp.module] ??= {})[imp.name] = hostFunctions[prefix];
  }
  instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports).exports as unknown as SchemaWasm;
  instance.__wbindgen_start();
  return instance;
}

/** Parses and validates a Prisma schema with Prisma's own engine and returns its DMMF. Throws Prisma's validation errors. */
export function getDmmf(schemaText: string, fileName = "schema.prisma"): Dmmf {
  const wasm = schemaWasm();
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: [[fileName, schemaText]], noColor: true }));
  const ptr = wasm.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer).set(input, ptr);
  const [outPtr, outLen, errRef, failed] = wasm.get_dmmf(ptr, input.length);
  if (failed) {
    const err = wasm.__wbindgen_externrefs.get(errRef) as Error;
    throw new Error(`schema.prisma is invalid: ${err?.message ?? String(err)}`);
  }
  try {
    return JSON.parse(new TextDecoder().decode(new Uint8Array(wasm.memory.buffer, outPtr >>> 0, outLen))) as Dmmf;
  } finally {
    wasm.__wbindgen_free(outPtr, outLen, 1);
  }
}
