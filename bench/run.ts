// Why: `npm run bench`: scheduling throughput and time to all Running for N nodes and an M-replica Deployment on the durable store, plus store writes next to raw SQLite.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { FakeClock } from "../core/clock/fake-clock";
import { Cluster } from "../core/cluster/cluster";
import { MemoryStore } from "../core/store/memory-store";
import { resourceTypeByKind } from "../core/api/resources";
import type { Pod } from "../core/api/types";
import { openDatabase } from "../server/persistence/database";
import { benchStoreWrites } from "./store-writes";

const PODS = resourceTypeByKind("", "Pod")!;
const ADMIN = { name: "bench", groups: ["system:masters"] };

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "100" },
    replicas: { type: "string", default: "3000" },
    rows: { type: "string", default: "20000" },
    "skip-store": { type: "boolean", default: false },
  },
});
const nodes = Number(values.nodes);
const replicas = Number(values.replicas);

/** Durable commits finish on I/O callbacks, which the fake clock's settle() does not wait for: wait until every write is acknowledged. */
async function untilCommitted(store: MemoryStore): Promise<void> {
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((r) => setImmediate(r));
    if (store.stats().commitBusy) {
      quiet = 0;
      await new Promise((r) => setTimeout(r, 0));
    } else quiet++;
  }
}

/**
 * The control plane on a fake clock advanced in 1 s steps as fast as the machine allows:
 * wall time measures Wheelhouse's own work (admission, controllers, scheduler, kubelets,
 * durable writes), not the simulated image pulls it models.
 */
async function benchCluster(): Promise<{ scheduledPerSec: number; wallToRunningMs: number; simulatedToRunningS: number; writes: number; rssMiB: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wh-bench-cluster-"));
  const db = await openDatabase({ dataDir });
  const clock = new FakeClock(Date.now());
  const store = new MemoryStore({ clock, commitLog: db.commitLog });
  const cluster = new Cluster({ store, clock });
  try {
    await cluster.start();
    for (let i = 1; i <= nodes; i++) await cluster.addNode(`node-${i}`, { capacity: { cpu: "64", memory: "256Gi", pods: 110 } });
    await clock.advance(1000);
    const rv0 = Number(store.resourceVersion());
    const t0 = performance.now();
    const sim0 = clock.now();
    await cluster.apiServer.apply(
      ADMIN,
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: bench, namespace: default }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: bench } }
  template:
    metadata: { labels: { app: bench } }
    spec:
      containers: [{ name: web, image: "nginx:1.27", resources: { requests: { cpu: 10m, memory: 16Mi } } }]
`,
    );
    let scheduledAt = 0;
    for (;;) {
      await clock.advance(1000);
      await untilCommitted(store);
      const pods = store.list<Pod>(PODS, { namespace: "default" }).items;
      const scheduled = pods.filter((p) => p.spec?.nodeName).length;
      if (!scheduledAt && pods.length === replicas && scheduled === replicas) scheduledAt = performance.now();
      if (pods.length === replicas && pods.every((p) => p.status?.phase === "Running")) break;
      if (clock.now() - sim0 > 3_600_000) throw new Error(`pods not all Running after an hour of cluster time (${pods.length} pods, ${scheduled} scheduled)`);
    }
    const wall = performance.now() - t0;
    return {
      scheduledPerSec: replicas / ((scheduledAt - t0) / 1000),
      wallToRunningMs: wall,
      simulatedToRunningS: (clock.now() - sim0) / 1000,
      writes: Number(store.resourceVersion()) - rv0,
      rssMiB: process.memoryUsage().rss / 2 ** 20,
    };
  } finally {
    cluster.stop();
    store.stop();
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`Wheelhouse bench on ${os.cpus().length} × ${cpu}, Node ${process.version}`);
console.log(`cluster: ${nodes} nodes, Deployment of ${replicas} replicas (durable SQLite store)`);
const c = await benchCluster();
console.log(`  pods scheduled per second : ${c.scheduledPerSec.toFixed(0)}`);
console.log(`  wall time to all Running  : ${(c.wallToRunningMs / 1000).toFixed(2)} s (${c.simulatedToRunningS.toFixed(0)} s of cluster time)`);
console.log(`  store writes in that time : ${c.writes} (${(c.writes / (c.wallToRunningMs / 1000)).toFixed(0)}/s), RSS ${c.rssMiB.toFixed(0)} MiB`);
if (!values["skip-store"]) {
  const s = await benchStoreWrites({ rows: Number(values.rows) });
  console.log(`store writes (${s.rowBytes}-byte pods, ${Number(values.rows)} each side, medians):`);
  console.log(`  raw better-sqlite3, 100-row transactions : ${s.rawRowsPerSec.toFixed(0)} rows/s`);
  console.log(`  durable store (MemoryStore + commit log)  : ${s.storeWritesPerSec.toFixed(0)} writes/s (${(s.ratio * 100).toFixed(0)}% of raw, ${s.averageGroupSize.toFixed(0)} writes per group)`);
}
