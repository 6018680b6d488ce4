// Why: the session secret must survive restarts, be private to the owner, and be the same for every module and process of one DATA_DIR.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH_SECRET_FILE, authSecret } from "./auth-secret";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "wh-secret-"));

describe("authSecret", () => {
  it("generates a long secret once into DATA_DIR/auth-secret with mode 0600 and returns it again", () => {
    const dir = tmp();
    const s = authSecret(dir, {});
    expect(s.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, AUTH_SECRET_FILE);
    expect(fs.readFileSync(file, "utf8")).toBe(s);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(authSecret(dir, {})).toBe(s);
    expect(fs.readdirSync(dir)).toEqual([AUTH_SECRET_FILE]);
  });

  it("reads a secret another process wrote first", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, AUTH_SECRET_FILE), "x".repeat(40) + "\n", { mode: 0o600 });
    expect(authSecret(dir, {})).toBe("x".repeat(40));
  });

  it("prefers NEXTAUTH_SECRET and writes nothing then", () => {
    const dir = tmp();
    expect(authSecret(dir, { NEXTAUTH_SECRET: "from-env-secret" })).toBe("from-env-secret");
    expect(fs.existsSync(path.join(dir, AUTH_SECRET_FILE))).toBe(false);
  });

  it("refuses a file with a too short secret", () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, AUTH_SECRET_FILE), "short");
    expect(() => authSecret(dir, {})).toThrow(/no usable secret/);
  });
});
