// Why: the child process of crash.test.ts: writes through the real MemoryStore on the durable commit log as fast as it can and prints each acknowledged write, until it is killed with SIGKILL.
import { openDatabase } from "../database";
import { RealClock } from "../../../core/clock/real-clock";
import { resourceTypeFor } from "../../../core/api/resources";
import type { Pod } from "../../../core/api/types";
import { MemoryStore } from "../../../core/store/memory-store";

const [dataDir, prefix, thread = "worker"] = process.argv.slice(2);
if (!dataDir || !prefix || (thread !== "worker" && thread !== "main")) throw new Error("usage: crash-writer.ts <dataDir> <name-prefix> [worker|main]");

/** The plan crash.test.ts relies on: pod i is created; updated when i % 3 === 0; then deleted when i % 7 === 0. */
const IN_FLIGHT = 64;
const PADDING = "x".repeat(1200);
const PODS = resourceTypeFor("v1", "Pod");
if (!PODS) throw new Error("no pod resource type");

const db = await openDatabase({ dataDir, commitThread: thread });
const store = new MemoryStore({
  clock: new RealClock(),
  commitLog: db.commitLog,
  snapshot: await db.loadSnapshot(),
  onFatal: (err) => {
    process.stderr.write(`commit failed: ${String(err)}\n`);
    process.exit(2);
  },
});
if (!store.get(resourceTypeFor("v1", "Namespace")!, undefined, "crash")) {
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "crash" } });
}

function ack(op: string, name: string, resourceVersion: string | undefined) {
  process.stdout.write(`${op} ${name} ${resourceVersion}\n`);
}

async function life(i: number): Promise<void> {
  const name = `${prefix}-${i}`;
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "crash", annotations: { padding: PADDING } },
    spec: { containers: [{ name: "c", image: "nginx" }] },
  };
  let stored = await store.create(pod);
  ack("put", name, stored.metadata.resourceVersion);
  if (i % 3 === 0) {
    const next = structuredClone(stored);
    next.metadata.labels = { updated: "true" };
    stored = await store.update(next);
    ack("put", name, stored.metadata.resourceVersion);
  }
  if (i % 7 === 0) {
    const deleted = await store.delete(PODS!, "crash", name, { gracePeriodSeconds: 0 });
    ack("del", name, deleted.metadata.resourceVersion);
  }
}

let next = 0;
async function worker(): Promise<void> {
  for (;;) await life(next++);
}
process.stdout.write("ready\n");
await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
