// Why: without Prisma's schema engine nothing checks that hand-kept SQL migrations produce what schema.prisma declares; this compares the two, table by table.
import type Database from "better-sqlite3";
import type { Dmmf, DmmfField, DmmfModel } from "./schema-dmmf";

/** A table as both sides describe it, normalised so the two can be compared with `diffSchemas`. */
export interface TableShape {
  name: string;
  columns: ColumnShape[];
  /** Column names in key order. */
  primaryKey: string[];
  /** Indexes other than the primary key's, sorted by name. */
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface ColumnShape {
  name: string;
  /** Declared SQL type, upper case (TEXT, BIGINT, ...). */
  type: string;
  notNull: boolean;
  /** The DEFAULT expression as SQLite echoes it, or null. */
  default: string | null;
}

export interface IndexShape {
  name: string;
  unique: boolean;
  columns: string[];
}

export interface ForeignKeyShape {
  columns: string[];
  table: string;
  references: string[];
  onDelete: string;
  onUpdate: string;
}

/** Column types Prisma's SQLite connector writes in migrations, by Prisma scalar type. */
const SQLITE_TYPES: Record<string, string> = {
  String: "TEXT",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "REAL",
  Decimal: "DECIMAL",
  Boolean: "BOOLEAN",
  DateTime: "DATETIME",
  Json: "JSONB",
  Bytes: "BLOB",
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

/** Tables the database may hold that no model declares. */
const BOOKKEEPING_TABLES = new Set(["_prisma_migrations"]);

/** What Prisma would create for the models of `dmmf` on SQLite. */
export function expectedSchema(dmmf: Dmmf): TableShape[] {
  const models = dmmf.datamodel.models;
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const byName = new Map(models.map((m) => [m.name, m]));
  return models
    .map((model): TableShape => {
      const table = tableOf(model);
      const columnOf = (fieldName: string) => {
        const f = model.fields.find((x) => x.name === fieldName);
        if (!f) throw new Error(`${model.name} has no field ${fieldName}`);
        return f.dbName ?? f.name;
      };
      const columns = model.fields
        .filter((f) => f.kind === "scalar" || f.kind === "enum")
        .map((f): ColumnShape => ({ name: f.dbName ?? f.name, type: sqliteType(f), notNull: f.isRequired, default: expectedDefault(f) }));
      const idField = model.fields.find((f) => f.isId);
      const primaryKey = model.primaryKey ? model.primaryKey.fields.map(columnOf) : idField ? [idField.dbName ?? idField.name] : [];
      const indexes = dmmf.datamodel.indexes
        .filter((i) => i.model === model.name && (i.type === "unique" || i.type === "normal"))
        .map((i): IndexShape => {
          const cols = i.fields.map((f) => columnOf(f.name));
          const unique = i.type === "unique";
          return { name: i.dbName ?? `${table}_${cols.join("_")}_${unique ? "key" : "idx"}`, unique, columns: cols };
        });
      const foreignKeys = model.fields
        .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
        .map((f): ForeignKeyShape => {
          const target = byName.get(f.type);
          if (!target) throw new Error(`${model.name}.${f.name} refers to unknown model ${f.type}`);
          const targetColumn = (n: string) => {
            const tf = target.fields.find((x) => x.name === n);
            return tf?.dbName ?? n;
          };
          return {
            columns: (f.relationFromFields ?? []).map(columnOf),
            table: tableOf(target),
            references: (f.relationToFields ?? []).map(targetColumn),
            // Prisma's defaults: Restrict for required relations, SetNull for optional ones; updates cascade.
            onDelete: REFERENTIAL_ACTIONS[f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull")],
            onUpdate: REFERENTIAL_ACTIONS[f.relationOnUpdate ?? "Cascade"],
          };
        });
      return normalise({ name: table, columns, primaryKey, indexes, foreignKeys });
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What the database actually holds (user tables only). */
export function actualSchema(db: Database.Database): TableShape[] {
  const tables = db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all()
    .map((t) => t.name)
    .filter((n) => !BOOKKEEPING_TABLES.has(n));
  return tables.map((table): TableShape => {
    const q = quoteIdent(table);
    const info = db.prepare<[], { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`PRAGMA table_info(${q})`).all();
    const columns = info.map((c): ColumnShape => ({ name: c.name, type: c.type.toUpperCase(), notNull: c.notnull === 1, default: c.dflt_value }));
    const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const indexes = db
      .prepare<[], { name: string; unique: number; origin: string }>(`PRAGMA index_list(${q})`)
      .all()
      .filter((i) => i.origin !== "pk")
      .map((i): IndexShape => ({
        name: i.name,
        unique: i.unique === 1,
        columns: db.prepare<[], { name: string }>(`PRAGMA index_info(${quoteIdent(i.name)})`).all().map((c) => c.name),
      }));
    const fkRows = db
      .prepare<[], { id: number; seq: number; table: string; from: string; to: string; on_update: string; on_delete: string }>(`PRAGMA foreign_key_list(${q})`)
      .all();
    const foreignKeys = [...new Set(fkRows.map((r) => r.id))].map((id): ForeignKeyShape => {
      const rows = fkRows.filter((r) => r.id === id).sort((a, b) => a.seq - b.seq);
      return { columns: rows.map((r) => r.from), table: rows[0].table, references: rows.map((r) => r.to), onDelete: rows[0].on_delete, onUpdate: rows[0].on_update };
    });
    return normalise({ name: table, columns, primaryKey, indexes, foreignKeys });
  });
}

/** Human-readable differences; empty when the database matches the schema. */
export function diffSchemas(expected: TableShape[], actual: TableShape[]): string[] {
  const out: string[] = [];
  const actualByName = new Map(actual.map((t) => [t.name, t]));
  const expectedNames = new Set(expected.map((t) => t.name));
  for (const t of actual) if (!expectedNames.has(t.name)) out.push(`table ${t.name}: in the migrations but no model declares it`);
  for (const want of expected) {
    const got = actualByName.get(want.name);
    if (!got) {
      out.push(`table ${want.name}: declared in schema.prisma but no migration creates it`);
      continue;
    }
    const gotCols = new Map(got.columns.map((c) => [c.name, c]));
    const wantCols = new Set(want.columns.map((c) => c.name));
    for (const c of got.columns) if (!wantCols.has(c.name)) out.push(`${want.name}.${c.name}: column in the migrations but not in schema.prisma`);
    for (const c of want.columns) {
      const g = gotCols.get(c.name);
      if (!g) out.push(`${want.name}.${c.name}: column in schema.prisma but not in the migrations`);
      else if (JSON.stringify(g) !== JSON.stringify(c)) out.push(`${want.name}.${c.name}: schema.prisma says ${describe(c)}, migrations say ${describe(g)}`);
    }
    for (const key of ["primaryKey", "indexes", "foreignKeys"] as const) {
      if (JSON.stringify(want[key]) !== JSON.stringify(got[key])) {
        out.push(`${want.name} ${key}: schema.prisma says ${JSON.stringify(want[key])}, migrations say ${JSON.stringify(got[key])}`);
      }
    }
  }
  return out;
}

function sqliteType(f: DmmfField): string {
  if (f.kind === "enum") return "TEXT";
  const t = SQLITE_TYPES[f.type];
  if (!t) throw new Error(`no SQLite column type known for Prisma type ${f.type} (field ${f.name})`);
  return t;
}

/** The DEFAULT clause Prisma writes for a field, as SQLite reports it back in table_info. */
function expectedDefault(f: DmmfField): string | null {
  const d = f.default;
  if (d === undefined || d === null) return null;
  if (typeof d === "object" && !Array.isArray(d)) {
    if (d.name === "now") return "CURRENT_TIMESTAMP";
    if (d.name === "dbgenerated") return String(d.args[0] ?? "");
    // autoincrement() is the INTEGER PRIMARY KEY itself; uuid(), cuid(), nanoid() ... are filled in by the client.
    return null;
  }
  if (typeof d === "string") return `'${d.replaceAll("'", "''")}'`;
  return String(d);
}

function describe(c: ColumnShape): string {
  return `${c.type}${c.notNull ? " NOT NULL" : ""}${c.default !== null ? ` DEFAULT ${c.default}` : ""}`;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function normalise(t: TableShape): TableShape {
  return {
    ...t,
    columns: [...t.columns].sort((a, b) => a.name.localeCompare(b.name)),
    indexes: [...t.indexes].sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: [...t.foreignKeys].sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}
