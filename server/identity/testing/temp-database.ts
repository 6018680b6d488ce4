// Why: identity tests run against a real SQLite database with the real migrations, each in its own temporary data directory.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type WheelhouseDatabase } from "@/server/persistence/database";

/** An open database in a fresh temporary directory; `dispose` closes it and removes the directory. */
export interface TempDatabase {
  db: WheelhouseDatabase;
  dataDir: string;
  dispose(): Promise<void>;
}

/** Opens a migrated database in a new temporary directory (commit log on the main thread: no worker to start). */
export async function openTempDatabase(): Promise<TempDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-identity-"));
  const db = await openDatabase({ dataDir, commitThread: "main" });
  return {
    db,
    dataDir,
    dispose: async () => {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
