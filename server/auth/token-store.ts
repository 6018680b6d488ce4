// Why: bearer tokens for API clients, kept only as SHA-256 hashes in a file in DATA_DIR, so the token store can later grow users and teams.

import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { UserInfo } from "@/core/apiserver/types";

/** One issued token: its id (what it is for), the hash of its secret, and the user it authenticates. */
export interface TokenRecord {
  id: string;
  sha256: string;
  user: UserInfo;
  createdAt: string;
}

interface TokenFile {
  tokens: TokenRecord[];
}

export interface TokenStoreConfig {
  /** The JSON file holding the hashes (mode 0600). */
  file: string;
}

/** The file name of the token store inside DATA_DIR. */
export const TOKENS_FILE = "tokens.json";

function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Issues and checks bearer tokens. Only hashes are stored; a token is shown once, when issued.
 * The file is re-read when it changes on disk, so the instrumentation bundle (which issues the
 * admin token at boot) and the route handlers (which check tokens) agree without sharing memory.
 */
export class TokenStore {
  private readonly file: string;
  private byHash = new Map<string, TokenRecord>();
  private records: TokenRecord[] = [];
  private loadedMtime = -1;

  constructor(cfg: TokenStoreConfig) {
    if (!cfg.file) throw new Error("TokenStore needs a file");
    this.file = cfg.file;
  }

  private load(): void {
    let mtime: number;
    try {
      mtime = fs.statSync(this.file).mtimeMs;
    } catch {
      this.records = [];
      this.byHash.clear();
      this.loadedMtime = -1;
      return;
    }
    if (mtime === this.loadedMtime) return;
    const parsed = JSON.parse(fs.readFileSync(this.file, "utf8")) as TokenFile;
    this.records = Array.isArray(parsed.tokens) ? parsed.tokens : [];
    this.byHash = new Map(this.records.map((r) => [r.sha256, r]));
    this.loadedMtime = mtime;
  }

  private save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ tokens: this.records } satisfies TokenFile, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.loadedMtime = -1;
  }

  /** True when a token with this id has been issued. */
  has(id: string): boolean {
    this.load();
    return this.records.some((r) => r.id === id);
  }

  /** Issues a new random token for `user` under `id`, replacing any earlier token with that id. Returns the secret. */
  issue(id: string, user: UserInfo, now = new Date()): string {
    this.load();
    const token = randomBytes(32).toString("base64url");
    this.records = this.records.filter((r) => r.id !== id);
    this.records.push({ id, sha256: sha256(token), user, createdAt: now.toISOString() });
    this.save();
    this.load();
    return token;
  }

  /** The user a token authenticates, or undefined for an unknown token. */
  lookup(token: string): UserInfo | undefined {
    if (!token) return undefined;
    this.load();
    return this.byHash.get(sha256(token))?.user;
  }
}
