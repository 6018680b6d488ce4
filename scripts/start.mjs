// Why: `npm start` on a fresh machine: generate the Prisma client and build when missing or stale, then serve with SIGTERM handled.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function run(args, what) {
  console.log(`wheelhouse: ${what}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) {
    console.error(`wheelhouse: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** Newest modification time under the folders and files the build reads. */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== "node_modules" && !e.startsWith(".")) walk(path.join(p, e));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  for (const d of ["app", "core", "graphql", "server", "public", "generated", "next.config.js", "postcss.config.mjs", "instrumentation.ts", "proxy.ts", "package-lock.json"]) walk(path.join(root, d));
  return newest;
}

// Regenerate when missing, or when the schema changed since (a new column the stale client would refuse).
const generatedClient = path.join(root, "generated", "prisma", "client.ts");
const schemaFile = path.join(root, "prisma", "schema.prisma");
if (!existsSync(generatedClient) || statSync(generatedClient).mtimeMs < statSync(schemaFile).mtimeMs) run([path.join(root, "scripts", "prisma-generate.mjs")], "generating the Prisma client");

const buildId = path.join(root, ".next", "BUILD_ID");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource()) run([nextBin, "build"], "building the console (first start, or sources changed)");

const port = process.env.PORT || "3000";
const args = [nextBin, "start", "-p", port];
if (process.env.HOSTNAME_BIND) args.push("-H", process.env.HOSTNAME_BIND);
const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, PORT: port, NEXT_MANUAL_SIG_HANDLE: "true" } });
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1)));
