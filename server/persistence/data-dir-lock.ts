// Why: each Wheelhouse process keeps the cluster in memory and hands out resourceVersions itself, so two processes writing one SQLite file would silently diverge; the second must refuse to start.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** The lock file inside the data directory (a tiny SQLite database held exclusively). */
export const LOCK_FILE_NAME = "wheelhouse.lock";

/** A held lock; `release()` lets it go (idempotent). */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/**
 * Takes the data directory for this process, or throws when another process (or another
 * open database in this one) has it. The lock is SQLite's own exclusive file lock on
 * `<dataDir>/wheelhouse.lock`, which the operating system drops when the holder dies, so a
 * kill -9 or power cut leaves nothing stale behind. `wheelhouse.lock.pid` names the holder,
 * for the error message only.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const pidFile = `${file}.pid`;
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code !== "SQLITE_BUSY") throw err;
    const holder = readHolder(pidFile);
    throw new Error(`data directory ${dataDir} is in use${holder ? ` by process ${holder}` : ""}; stop that server first, or use another DATA_DIR`, { cause: err });
  }
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      db.close();
      if (readHolder(pidFile) === String(process.pid)) fs.rmSync(pidFile, { force: true });
    },
  };
}

function readHolder(pidFile: string): string | undefined {
  try {
    return fs.readFileSync(pidFile, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}
