// Why: end-to-end tests drive the built console in Debian's Chromium against a fresh server (own port, own data directory), signed in as the bootstrap admin.
import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A port the OS reports free right now (Playwright re-reads this file in workers, so the choice is kept in the environment). */
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

process.env.E2E_PORT ??= freePort();
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), "wheelhouse-e2e-"));
// The bootstrap admin's password for this run, and where the signed-in browser state is kept (outside DATA_DIR).
process.env.E2E_ADMIN_PASSWORD ??= `e2e-${randomBytes(12).toString("base64url")}`;
process.env.E2E_STATE_DIR ??= mkdtempSync(path.join(os.tmpdir(), "wheelhouse-e2e-state-"));
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const chromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      ...(existsSync(chromium) ? { executablePath: chromium } : {}),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    // Signs in once through the login page and saves the session for the other tests (e2e/auth.setup.ts).
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { browserName: "chromium" } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { browserName: "chromium", viewport: { width: 1440, height: 900 }, storageState: path.join(process.env.E2E_STATE_DIR, "admin.json") },
    },
  ],
  webServer: {
    command: "npm start",
    url: `${baseURL}/readyz`,
    // The first start builds the app.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: port, DATA_DIR: process.env.E2E_DATA_DIR, HOSTNAME_BIND: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", WHEELHOUSE_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD },
  },
});
