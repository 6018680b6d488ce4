// Why: Prisma's schema engine (needed by `prisma migrate deploy`) cannot be installed here, so the app applies Prisma's SQL migration folders itself, bookkeeping them exactly as Prisma does.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";

/** The default folder of SQL migrations, in Prisma's layout (`<stamp>_<name>/migration.sql`). */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

/** One migration found on disk. */
export interface MigrationFile {
  /** The folder name, e.g. `20250101000000_object_store`; also `_prisma_migrations.migration_name`. */
  name: string;
  sql: string;
  /** sha256 of migration.sql in hex, as Prisma computes it. */
  checksum: string;
}

export interface MigrateOptions {
  /** An open connection to the database to migrate. */
  db: Database.Database;
  /** Defaults to `prisma/migrations` under the working directory. */
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call, in order (empty when up to date). */
  applied: string[];
}

/** Prisma's own bookkeeping table, column for column, so `prisma migrate status` can read it where the engine exists. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

/** Reads the migration folders in the order Prisma applies them (lexical order of folder names). */
export function readMigrations(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!fs.existsSync(migrationsDir)) throw new Error(`migrations folder not found: ${migrationsDir}`);
  const lockFile = path.join(migrationsDir, "migration_lock.toml");
  if (fs.existsSync(lockFile)) {
    const provider = /provider\s*=\s*"([^"]+)"/.exec(fs.readFileSync(lockFile, "utf8"))?.[1];
    if (provider && provider !== "sqlite") throw new Error(`${lockFile} is for provider "${provider}", not sqlite`);
  }
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/**
 * Brings the database up to date: applies every pending migration in order, each in its own
 * transaction together with its `_prisma_migrations` row. Refuses (throws) when a migration
 * already applied was edited since (checksum differs), when the database has a migration this
 * code does not know (it was written by a newer version), or when a migration had failed
 * half-way under Prisma's own tooling. Safe against a second process migrating at the same
 * time: each step takes the write lock first and re-checks what is applied.
 */
export function migrate(opts: MigrateOptions): MigrateResult {
  const { db } = opts;
  const files = readMigrations(opts.migrationsDir);
  db.exec(CREATE_MIGRATIONS_TABLE);
  const appliedNow: string[] = [];
  const selectApplied = db.prepare<[], AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );
  const insert = db.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
  );

  for (const file of files) {
    const step = db.transaction(() => {
      const applied = checkApplied(selectApplied.all(), files);
      if (applied.has(file.name)) return false;
      const startedAt = Date.now();
      try {
        db.exec(file.sql);
      } catch (err) {
        throw new Error(`migration ${file.name} failed: ${(err as Error).message}`, { cause: err });
      }
      insert.run(randomUUID(), file.checksum, Date.now(), file.name, startedAt);
      return true;
    });
    // IMMEDIATE takes the write lock before reading, so two processes cannot both apply a step.
    if (step.immediate()) appliedNow.push(file.name);
  }
  checkApplied(selectApplied.all(), files);
  return { applied: appliedNow };
}

/** Validates the recorded migrations against the files; returns the names already applied. */
function checkApplied(rows: AppliedRow[], files: MigrationFile[]): Set<string> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const applied = new Set<string>();
  for (const row of rows) {
    const file = byName.get(row.migration_name);
    if (row.finished_at === null) {
      throw new Error(`migration ${row.migration_name} is recorded as started but not finished; fix the database and mark it resolved before starting`);
    }
    if (!file) {
      throw new Error(`database has migration ${row.migration_name} which is not in the migrations folder (was it written by a newer version?)`);
    }
    if (file.checksum !== row.checksum) {
      throw new Error(`migration ${row.migration_name} was modified after it was applied (checksum ${row.checksum} in the database, ${file.checksum} on disk)`);
    }
    applied.add(row.migration_name);
  }
  return applied;
}
