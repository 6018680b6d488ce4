// Why: the child process of crash.test.ts: writes through the commit log as fast as it can and prints each acknowledged write, until it is killed with SIGKILL.
import { openDatabase } from "../database";
import type { KubeObject } from "../../../core/api/types";
import type { StoredChange } from "../../../core/store/types";

const [dataDir, prefix] = process.argv.slice(2);
if (!dataDir || !prefix) throw new Error("usage: crash-writer.ts <dataDir> <name-prefix>");

/** Names the writer updates once after creating (i % 3 === 0) and deletes after that (i % 7 === 0); crash.test.ts uses the same plan. */
const IN_FLIGHT = 64;
const PADDING = "x".repeat(1200);

const db = await openDatabase({ dataDir });
let rv = (await db.loadSnapshot()).resourceVersion;

function pod(name: string, version: number, phase: string): StoredChange {
  const object: KubeObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "crash", uid: `uid-${name}`, resourceVersion: String(version), annotations: { padding: PADDING } },
    spec: { containers: [{ name: "c", image: "nginx" }] },
    status: { phase },
  };
  return { resourceVersion: version, resource: "/pods", namespace: "crash", name, object };
}

function ack(op: string, name: string, version: number) {
  process.stdout.write(`${op} ${name} ${version}\n`);
}

async function life(i: number): Promise<void> {
  const name = `${prefix}-${i}`;
  const created = ++rv;
  await db.commitLog.commit([pod(name, created, "Pending")]);
  ack("put", name, created);
  if (i % 3 === 0) {
    const updated = ++rv;
    await db.commitLog.commit([pod(name, updated, "Running")]);
    ack("put", name, updated);
  }
  if (i % 7 === 0) {
    const deleted = ++rv;
    await db.commitLog.commit([{ resourceVersion: deleted, resource: "/pods", namespace: "crash", name, object: null }]);
    ack("del", name, deleted);
  }
}

let next = 0;
async function worker(): Promise<void> {
  for (;;) await life(next++);
}
process.stdout.write("ready\n");
await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
