// Why: Prisma 7 reads the schema path, migrations folder and CLI datasource URL from here (no URL in schema.prisma).
import path from "node:path";
import { defineConfig } from "prisma/config";

/**
 * The CLI's datasource. The app itself opens `DATA_DIR/wheelhouse.db` through the
 * better-sqlite3 driver adapter (server/persistence/database.ts) and applies migrations with
 * its own runner, so this URL only matters for CLI commands such as `prisma studio`.
 */
const url = process.env.DATABASE_URL ?? `file:${path.resolve(process.env.DATA_DIR ?? "data", "wheelhouse.db")}`;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url },
});
