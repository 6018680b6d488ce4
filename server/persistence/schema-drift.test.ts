// Why: proves prisma/schema.prisma and prisma/migrations describe the same database, without Prisma's schema engine.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, migrate } from "./migrate";
import { getDmmf } from "./schema-dmmf";
import { actualSchema, diffSchemas, expectedSchema } from "./schema-drift";

const SCHEMA_FILE = path.resolve(process.cwd(), "prisma", "schema.prisma");
const schemaText = fs.readFileSync(SCHEMA_FILE, "utf8");

const tempDirs: string[] = [];
afterEach(() => {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Copies the real migrations into a temp folder, optionally appending one more migration. */
function migrationsCopy(extraSql?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-migrations-"));
  tempDirs.push(dir);
  fs.cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  if (extraSql) {
    fs.mkdirSync(path.join(dir, "99999999999999_drift_probe"));
    fs.writeFileSync(path.join(dir, "99999999999999_drift_probe", "migration.sql"), extraSql);
  }
  return dir;
}

function migratedShape(migrationsDir: string) {
  const db = new Database(":memory:");
  try {
    migrate({ db, migrationsDir });
    return actualSchema(db);
  } finally {
    db.close();
  }
}

function drift(schema: string, migrationsDir: string): string[] {
  return diffSchemas(expectedSchema(getDmmf(schema)), migratedShape(migrationsDir));
}

/** Inserts `line` as the last line of model `model` in the schema text. */
function addToModel(schema: string, model: string, line: string): string {
  const start = schema.indexOf(`model ${model} {`);
  const end = schema.indexOf("\n}", start);
  return `${schema.slice(0, end)}\n  ${line}${schema.slice(end)}`;
}

describe("schema.prisma vs prisma/migrations", () => {
  it("agree", () => {
    expect(drift(schemaText, DEFAULT_MIGRATIONS_DIR)).toEqual([]);
  });

  it("reads the models through Prisma's parser", () => {
    const models = getDmmf(schemaText).datamodel.models.map((m) => m.name).sort();
    expect(models).toEqual(["AccessToken", "AuditEvent", "ClusterState", "StoredObject", "Team", "TeamMember", "User"]);
    expect(() => getDmmf("model Broken {")).toThrow(/schema.prisma is invalid/);
  });

  it.each([
    { name: "a column only in schema.prisma", schema: addToModel(schemaText, "StoredObject", "labels String?"), sql: undefined, expected: /StoredObject\.labels: column in schema.prisma but not in the migrations/ },
    { name: "a column only in a migration", schema: schemaText, sql: `ALTER TABLE "StoredObject" ADD COLUMN "labels" TEXT;`, expected: /StoredObject\.labels: column in the migrations but not in schema.prisma/ },
    { name: "nullability differs", schema: addToModel(schemaText, "StoredObject", "labels String"), sql: `ALTER TABLE "StoredObject" ADD COLUMN "labels" TEXT;`, expected: /StoredObject\.labels: schema.prisma says TEXT NOT NULL, migrations say TEXT/ },
    { name: "type differs", schema: addToModel(schemaText, "StoredObject", "labels Int?"), sql: `ALTER TABLE "StoredObject" ADD COLUMN "labels" TEXT;`, expected: /schema.prisma says INTEGER, migrations say TEXT/ },
    { name: "default differs", schema: addToModel(schemaText, "StoredObject", `phase String @default("Pending")`), sql: `ALTER TABLE "StoredObject" ADD COLUMN "phase" TEXT NOT NULL DEFAULT 'Running';`, expected: /DEFAULT 'Pending', migrations say TEXT NOT NULL DEFAULT 'Running'/ },
    { name: "an index only in schema.prisma", schema: addToModel(schemaText, "StoredObject", "@@index([uid])"), sql: undefined, expected: /StoredObject indexes: schema.prisma says \[\{"name":"StoredObject_uid_idx"/ },
    { name: "an index only in a migration", schema: schemaText, sql: `CREATE UNIQUE INDEX "StoredObject_uid_key" ON "StoredObject"("uid");`, expected: /StoredObject indexes: schema.prisma says \[\], migrations say \[\{"name":"StoredObject_uid_key","unique":true/ },
    { name: "a table only in a migration", schema: schemaText, sql: `CREATE TABLE "Probe" ("id" TEXT NOT NULL PRIMARY KEY);`, expected: /table Probe: in the migrations but no model declares it/ },
    { name: "a model only in schema.prisma", schema: `${schemaText}\nmodel Probe {\n  id String @id\n}\n`, sql: undefined, expected: /table Probe: declared in schema.prisma but no migration creates it/ },
  ])("detect $name", ({ schema, sql, expected }) => {
    const problems = drift(schema, migrationsCopy(sql));
    expect(problems.join("\n")).toMatch(expected);
  });

  it("matches relations, @map and defaults the way Prisma writes them", () => {
    const schema = `${schemaText}
model Crew {
  id    String @id
  members Member[]
}
model Member {
  id        Int      @id @default(autoincrement())
  email     String   @unique @map("email_address")
  createdAt DateTime @default(now())
  admin     Boolean  @default(false)
  crewId    String
  crew      Crew     @relation(fields: [crewId], references: [id], onDelete: Cascade)
  @@index([crewId])
  @@map("members")
}
`;
    const sql = `-- CreateTable
CREATE TABLE "Crew" (
    "id" TEXT NOT NULL PRIMARY KEY
);
-- CreateTable
CREATE TABLE "members" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email_address" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "admin" BOOLEAN NOT NULL DEFAULT false,
    "crewId" TEXT NOT NULL,
    CONSTRAINT "members_crewId_fkey" FOREIGN KEY ("crewId") REFERENCES "Crew" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- CreateIndex
CREATE UNIQUE INDEX "members_email_address_key" ON "members"("email_address");
-- CreateIndex
CREATE INDEX "members_crewId_idx" ON "members"("crewId");
`;
    expect(drift(schema, migrationsCopy(sql))).toEqual([]);
    expect(drift(schema, migrationsCopy(sql.replace("ON DELETE CASCADE", "ON DELETE RESTRICT"))).join("\n")).toMatch(/members foreignKeys/);
  });
});
