// Why: sessions are signed and encrypted with one secret that survives restarts: NEXTAUTH_SECRET, or one generated once into DATA_DIR.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The file, inside DATA_DIR, that holds the generated session secret (mode 0600). */
export const AUTH_SECRET_FILE = "auth-secret";

const cache = new Map<string, string>();

/**
 * The secret next-auth encrypts session JWTs with: `NEXTAUTH_SECRET` when set, else the
 * content of `$DATA_DIR/auth-secret`, generated (48 random bytes) on first use. Creation is
 * atomic and exclusive, so the route handlers, the proxy and a second process agree on one secret.
 */
export function authSecret(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, AUTH_SECRET_FILE);
  const known = cache.get(file);
  if (known) return known;
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside, then hard-linked: the link is atomic and fails if another process won the race.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(tmp, randomBytes(48).toString("base64url"), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  const secret = fs.readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (fewer than 32 characters); delete it to generate a new one`);
  cache.set(file, secret);
  return secret;
}
