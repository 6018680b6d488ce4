// Why: the migration runner decides whether the server may start on a database; its refusals must be right.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "./migrate";

let dir: string;
let db: Database.Database;

function writeMigration(name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

const tables = () =>
  db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all().map((r) => r.name);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-migrate-"));
  fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "sqlite"\n');
  writeMigration("20250101000000_a", `CREATE TABLE "A" ("id" TEXT NOT NULL PRIMARY KEY);`);
  writeMigration("20250102000000_b", `CREATE TABLE "B" ("id" TEXT NOT NULL PRIMARY KEY);`);
  db = new Database(":memory:");
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies pending migrations in order and records them as Prisma does", () => {
    expect(migrate({ db, migrationsDir: dir }).applied).toEqual(["20250101000000_a", "20250102000000_b"]);
    expect(tables()).toEqual(["A", "B", "_prisma_migrations"]);
    const rows = db.prepare<[], { migration_name: string; checksum: string; finished_at: number; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    ).all();
    const sha = createHash("sha256").update(fs.readFileSync(path.join(dir, "20250101000000_a", "migration.sql"))).digest("hex");
    expect(rows[0]).toMatchObject({ migration_name: "20250101000000_a", checksum: sha, applied_steps_count: 1 });
    expect(rows[0].finished_at).not.toBeNull();
  });

  it("is a no-op when up to date, and applies only what was added since", () => {
    migrate({ db, migrationsDir: dir });
    expect(migrate({ db, migrationsDir: dir }).applied).toEqual([]);
    writeMigration("20250103000000_c", `CREATE TABLE "C" ("id" TEXT NOT NULL PRIMARY KEY);`);
    expect(migrate({ db, migrationsDir: dir }).applied).toEqual(["20250103000000_c"]);
  });

  it("refuses to start when an applied migration was edited", () => {
    migrate({ db, migrationsDir: dir });
    fs.appendFileSync(path.join(dir, "20250101000000_a", "migration.sql"), "\n-- edited\n");
    expect(() => migrate({ db, migrationsDir: dir })).toThrow(/20250101000000_a was modified after it was applied/);
  });

  it("refuses a database migrated by a newer version", () => {
    migrate({ db, migrationsDir: dir });
    fs.rmSync(path.join(dir, "20250102000000_b"), { recursive: true });
    expect(() => migrate({ db, migrationsDir: dir })).toThrow(/20250102000000_b which is not in the migrations folder/);
  });

  it("refuses a migration recorded as started but never finished", () => {
    migrate({ db, migrationsDir: dir });
    db.exec(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '20250102000000_b'`);
    expect(() => migrate({ db, migrationsDir: dir })).toThrow(/started but not finished/);
  });

  it("rolls a failing migration back entirely and applies nothing after it", () => {
    writeMigration("20250102000000_b", `CREATE TABLE "B" ("id" TEXT NOT NULL PRIMARY KEY); INSERT INTO "Missing" VALUES (1);`);
    writeMigration("20250103000000_c", `CREATE TABLE "C" ("id" TEXT NOT NULL PRIMARY KEY);`);
    expect(() => migrate({ db, migrationsDir: dir })).toThrow(/migration 20250102000000_b failed: no such table: Missing/);
    expect(tables()).toEqual(["A", "_prisma_migrations"]);
    expect(db.prepare(`SELECT migration_name FROM _prisma_migrations`).pluck().all()).toEqual(["20250101000000_a"]);
  });

  it("refuses migrations written for another provider", () => {
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    expect(() => readMigrations(dir)).toThrow(/not sqlite/);
  });
});
