// Why: proves the runtime's wiring end to end: a cluster whose apiserver audits into a real Identity's AuditLog (SQLite) stores transport writes, allowed and refused, and none of the controllers' or kubelets' own, and the admin query filters them.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "@/core/api/types";
import { resourceTypeFor } from "@/core/api/resources";
import type { UserInfo } from "@/core/apiserver/types";
import { FakeClock } from "@/core/clock/fake-clock";
import { Cluster } from "@/core/cluster/cluster";
import { MemoryStore } from "@/core/store/memory-store";
import { Identity } from "./index";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";

const ADMIN: UserInfo = { name: "admin", groups: ["system:masters", "system:authenticated"] };
const BOB: UserInfo = { name: "bob", groups: ["system:authenticated"] };
const PODS = resourceTypeFor("v1", "Pod")!;
const START = Date.parse("2026-12-04T10:00:00Z");

let t: TempDatabase;
let identity: Identity;
let cluster: Cluster;
let clock: FakeClock;

beforeAll(async () => {
  t = await openTempDatabase();
  identity = new Identity({ prisma: t.db.prisma, dataDir: t.dataDir, lookupServiceAccount: () => undefined });
  clock = new FakeClock(START);
  const store = new MemoryStore({ clock });
  // As server/runtime/runtime.ts wires it: the sink is bound to the identity's audit log.
  cluster = new Cluster({ store, clock, audit: (r) => identity.audit.record(r) });
  await cluster.start();
  await cluster.addNode("n1", { capacity: { cpu: "4", memory: "8Gi", pods: 110 } });
});
afterAll(async () => {
  cluster.stop();
  await identity.close();
  await t.dispose();
});

const deployment = (name: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "default" },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
});

describe("audit log flow", () => {
  it("records transport writes (allowed and refused) in AuditEvent, not the controllers' or kubelets', and filters them", async () => {
    await cluster.apiServer.client(ADMIN, { source: "rest" }).create(deployment("web"));
    await clock.advance(1000);
    await expect(cluster.apiServer.client(BOB, { source: "graphql" }).create(deployment("nope"))).rejects.toMatchObject({ status: { code: 403 } });
    await cluster.apiServer.apply(ADMIN, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: default}\ndata: {a: '1'}\n", { source: "console" });
    // The Deployment's ReplicaSet and Pod come from the controllers, scheduler and kubelet: not audited.
    for (let i = 0; i < 20 && !cluster.store.list<Pod>(PODS, { namespace: "default" }).items.some((p) => p.status?.phase === "Running"); i++) await clock.advance(1000);
    expect(cluster.store.list<Pod>(PODS, { namespace: "default" }).items.some((p) => p.status?.phase === "Running")).toBe(true);
    await identity.audit.flush();

    const all = await identity.audit.query();
    expect(all.items.map((e) => `${e.source} ${e.user} ${e.verb} ${e.resource}/${e.name} ${e.allowed} ${e.code}`)).toEqual([
      "console admin create configmaps/cfg true 201",
      "graphql bob create deployments/nope false 403",
      "rest admin create deployments/web true 201",
    ]);
    expect(all.items[2].time).toBe(new Date(START).toISOString());

    const denied = await identity.audit.query({ allowed: false });
    expect(denied.items).toMatchObject([{ user: "bob", verb: "create", apiGroup: "apps", resource: "deployments", namespace: "default", name: "nope", code: 403, reason: "Forbidden", source: "graphql" }]);
    expect((await identity.audit.query({ user: "admin", resource: "deployments" })).items.map((e) => e.name)).toEqual(["web"]);
    expect((await identity.audit.query({ since: START + 500 })).items).toHaveLength(2);
    expect(await t.db.prisma.auditEvent.count()).toBe(3);
  });

  it("stores the impersonator and the dry-run mark", async () => {
    await cluster.apiServer.client(BOB, { source: "rest", impersonatedBy: "admin" }).create(deployment("as-bob"), { dryRun: true }).catch(() => undefined);
    await identity.audit.flush();
    const [last] = (await identity.audit.query({ limit: 1 })).items;
    expect(last).toMatchObject({ user: "bob", impersonatedBy: "admin", dryRun: true, name: "as-bob", allowed: false, code: 403 });
  });
});
