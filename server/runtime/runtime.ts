// Why: the composition root: boots the one cluster of this process (database, store, control plane) and keeps it on globalThis across dev reloads.

import path from "node:path";
import type { AuditSink } from "@/core/apiserver/audit";
import { Cluster } from "@/core/cluster/cluster";
import { RealClock } from "@/core/clock/real-clock";
import { MemoryStore } from "@/core/store/memory-store";
import type { StoreSnapshot } from "@/core/store/types";
import { parseConfig } from "@/server/config";
import { boundObjectLookup, Identity, serviceAccountLookup } from "@/server/identity";
import { openDatabase } from "@/server/persistence/database";
import { startApiEndpoint } from "@/server/rest/api-endpoint";
import { createDemoWorkload, createWorkerNodes } from "./demo";
import type { ClusterRuntime } from "./types";

const RUNTIME_KEY = Symbol.for("wheelhouse.runtime");
const SIGNALS_KEY = Symbol.for("wheelhouse.signals");

type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: Promise<ClusterRuntime> };

/**
 * True inside `next build` (its prerender workers run instrumentation and may render pages):
 * no cluster may boot there, or the build would write to DATA_DIR. Read through an index so
 * the bundler does not inline the variables.
 */
export function duringNextBuild(): boolean {
  const env = process.env as Record<string, string | undefined>;
  return env["NEXT_PHASE"] === "phase-production-build" || env["NEXT_IS_EXPORT_WORKER"] === "true";
}

/** The running cluster; the first call boots it. Refused during `next build`. */
export function getRuntime(): Promise<ClusterRuntime> {
  if (duringNextBuild()) return Promise.reject(new Error("the cluster does not run during next build"));
  const g = globalThis as GlobalWithRuntime;
  g[RUNTIME_KEY] ??= boot().catch((err) => {
    delete g[RUNTIME_KEY];
    throw err;
  });
  return g[RUNTIME_KEY];
}

/**
 * Exit cleanly on SIGTERM/SIGINT: stop the cluster and close the database (queued commits
 * are written), then exit 0. `npm start` sets NEXT_MANUAL_SIG_HANDLE so Next.js leaves the
 * signals to us instead of exiting with 143 at once.
 */
export function exitCleanlyOnSignals(): void {
  const g = globalThis as GlobalWithRuntime & { [SIGNALS_KEY]?: boolean };
  if (g[SIGNALS_KEY]) return;
  g[SIGNALS_KEY] = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const booting = g[RUNTIME_KEY];
      const done = booting ? booting.then((rt) => rt.shutdown()) : Promise.resolve();
      done
        .catch((err) => console.error("wheelhouse: shutdown failed:", err))
        .finally(() => {
          console.log(`wheelhouse: stopped on ${signal}`);
          process.exit(0);
        });
    });
  }
}

/** The latest time the stored state mentions, so a restarted sped-up clock does not go back in time. */
function latestTimestamp(snapshot: StoreSnapshot): number {
  let latest = 0;
  for (const o of snapshot.objects) {
    for (const t of [o.metadata.creationTimestamp, (o as { lastTimestamp?: string }).lastTimestamp]) {
      const ms = t ? Date.parse(t) : NaN;
      if (ms > latest) latest = ms;
    }
  }
  return latest;
}

async function boot(): Promise<ClusterRuntime> {
  const config = parseConfig();
  const started = Date.now();
  const db = await openDatabase({ dataDir: config.dataDir, migrationsDir: path.join(process.cwd(), "prisma", "migrations") });
  const snapshot = await db.loadSnapshot();
  const firstStart = snapshot.objects.length === 0;
  const clock = new RealClock(config.clockSpeed, latestTimestamp(snapshot));
  const store = new MemoryStore({
    clock,
    commitLog: db.commitLog,
    snapshot,
    onFatal: (err) => {
      console.error("wheelhouse: the database refused a write; exiting so that a restart rebuilds from what is durable:", err);
      process.exit(1);
    },
  });
  // The audit log lives in the identity database, opened after the cluster: the sink is bound late.
  // Only requests through a transport (REST, GraphQL, the console) are recorded: the controllers',
  // scheduler's and kubelets' own writes (which Kubernetes audits too) would flood the table.
  const late: { audit?: AuditSink } = {};
  const cluster = new Cluster({
    store,
    clock,
    audit: (record) => late.audit?.(record),
    serviceCIDR: config.serviceCIDR,
    apiServerPort: config.apiPort,
    onControllerError: (controller, key, err) => console.warn(`wheelhouse: ${controller} ${key}: ${(err as Error).message ?? err}`),
  });
  await cluster.start();
  const identity = new Identity({ prisma: db.prisma, dataDir: config.dataDir, lookupServiceAccount: serviceAccountLookup(store), lookupBoundObject: boundObjectLookup(store) });
  late.audit = identity.audit.record;
  await identity.bootstrap({ apiServer: cluster.apiServer, adminPassword: config.adminPassword });
  await startApiEndpoint({ dataDir: config.dataDir, port: config.port, apiPort: config.apiPort });
  if (firstStart) {
    await createWorkerNodes(cluster, config);
    if (config.demo) await createDemoWorkload(cluster);
  }
  console.log(
    `wheelhouse: cluster ready in ${Date.now() - started} ms (${snapshot.objects.length} objects restored, resourceVersion ${store.resourceVersion()}, data ${db.file}${config.clockSpeed !== 1 ? `, clock x${config.clockSpeed}` : ""})`,
  );

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      cluster.stop();
      store.stop();
      await identity.close();
      await db.close();
    })());

  return {
    clock,
    clockSpeed: config.clockSpeed,
    store,
    apiServer: cluster.apiServer,
    metrics: cluster.metrics,
    ...(cluster.rbac ? { rbac: cluster.rbac } : {}),
    identity,
    readLogs: (namespace, pod, container, opts) => cluster.kubelets.readLogs(namespace, pod, container, opts),
    shutdown,
  };
}
