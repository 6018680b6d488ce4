// Why: `prisma generate` insists on a schema-engine binary that cannot be downloaded here; it never runs it, so any existing file satisfies the check.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
// Do not ping checkpoint.prisma.io from install scripts.
if (!env.CHECKPOINT_DISABLE) env.CHECKPOINT_DISABLE = "1";

const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
