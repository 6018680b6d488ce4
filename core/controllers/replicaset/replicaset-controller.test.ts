// Why: the ReplicaSet controller's observable behaviour (pods created, deleted, adopted, released; status; events) against the real store.

import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { ApiError } from "../../api/errors";
import { resourceTypeByKind } from "../../api/resources";
import type { Pod, ReplicaSet } from "../../api/types";
import { makePod, makeReplicaSet } from "../../testing/builders";
import { TestCluster } from "../testing/test-cluster";
import { ReplicaSetController } from "./replicaset-controller";

const POD = resourceTypeByKind("", "Pod")!;
const RS = resourceTypeByKind("apps", "ReplicaSet")!;

let c: TestCluster;
let rsc: ReplicaSetController;
beforeEach(() => {
  c = new TestCluster([(ctx) => (rsc = new ReplicaSetController(ctx))]);
});
afterEach(() => c.stop());

const pods = () => c.list<Pod>("Pod");
const getRS = (name = "web") => c.store.get<ReplicaSet>(RS, "default", name)!;

async function scale(name: string, replicas: number) {
  const rs = structuredClone(getRS(name));
  rs.spec!.replicas = replicas;
  await c.store.update(rs);
  await c.idle();
}

describe("ReplicaSetController", () => {
  it("creates pods from the template with generateName, labels and a controller reference", async () => {
    c.start();
    const rs = await c.store.create(makeReplicaSet("web").replicas(3).labels({ app: "web", "pod-template-hash": "abc" }).build());
    await c.idle();
    const ps = pods();
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(p.metadata.generateName).toBe("web-");
      expect(p.metadata.labels).toEqual({ app: "web", "pod-template-hash": "abc" });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.spec?.containers[0].image).toBe("nginx");
    }
    expect(c.recorder.messages("SuccessfulCreate").sort()).toEqual(ps.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(getRS().status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
  });

  it("replaces pods that disappear or fail, and ignores pods being deleted", async () => {
    c.start();
    await c.store.create(makeReplicaSet("web").replicas(2).build());
    await c.idle();
    const [a, b] = pods();
    await c.store.delete(POD, "default", a.metadata.name!);
    const failed = structuredClone(b);
    failed.status = { phase: "Failed" };
    await c.store.update(failed, { subresource: "status" });
    await c.idle();
    const active = pods().filter((p) => p.status?.phase !== "Failed");
    expect(active).toHaveLength(2);
    expect(active.map((p) => p.metadata.name)).not.toContain(a.metadata.name);
    expect(getRS().status?.replicas).toBe(2);
  });

  it("scales down in Kubernetes' order: unassigned, Pending, not ready, then ready", async () => {
    const rs = await c.store.create(makeReplicaSet("web").replicas(4).build());
    // Seed four owned pods in distinct states before the controller creates any.
    const seeds = [
      makePod("ready-on-node").onNode("n1").labels({ app: "web" }).ownedBy(rs).ready().build(),
      makePod("running-not-ready").onNode("n1").labels({ app: "web" }).ownedBy(rs).phase("Running").build(),
      makePod("pending-on-node").onNode("n2").labels({ app: "web" }).ownedBy(rs).build(),
      makePod("unassigned").labels({ app: "web" }).ownedBy(rs).build(),
    ];
    for (const p of seeds) {
      const created = await c.store.create(p);
      // The store resets status on create, as the apiserver does: set it through the status subresource.
      await c.store.update({ ...structuredClone(created), status: p.status }, { subresource: "status" });
    }
    c.start();
    await c.idle();
    expect(pods()).toHaveLength(4);
    const deleted: string[] = [];
    for (const n of [3, 2, 1]) {
      const before = new Set(pods().map((p) => p.metadata.name));
      await scale("web", n);
      const left = pods().filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
      deleted.push(...[...before].filter((x): x is string => !!x && !left.includes(x)));
      for (const p of pods()) if (p.metadata.deletionTimestamp) await c.store.delete(POD, "default", p.metadata.name!, { gracePeriodSeconds: 0 });
    }
    expect(deleted).toEqual(["unassigned", "pending-on-node", "running-not-ready"]);
    expect(c.recorder.messages("SuccessfulDelete")).toEqual(["Deleted pod: unassigned", "Deleted pod: pending-on-node", "Deleted pod: running-not-ready"]);
  });

  it("counts pods in graceful deletion as gone and does not over-create", async () => {
    c.start();
    const rs = await c.store.create(makeReplicaSet("web").replicas(1).build());
    await c.store.create(makePod("p1").onNode("n1").labels({ app: "web" }).ownedBy(rs).ready().build());
    await c.idle();
    expect(pods()).toHaveLength(1);
    await c.store.delete(POD, "default", "p1"); // bound: graceful, stays with deletionTimestamp
    await c.idle();
    const all = pods();
    expect(all).toHaveLength(2);
    expect(all.filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
    expect(getRS().status?.replicas).toBe(1);
  });

  it("adopts matching orphans and releases pods whose labels stop matching", async () => {
    c.start();
    await c.store.create(makePod("orphan").labels({ app: "web" }).build());
    await c.store.create(makePod("other").labels({ app: "db" }).build());
    const rs = await c.store.create(makeReplicaSet("web").replicas(1).build());
    await c.idle();
    expect(pods().filter((p) => p.metadata.labels?.app === "web")).toHaveLength(1);
    const adopted = c.store.get<Pod>(POD, "default", "orphan")!;
    expect(adopted.metadata.ownerReferences?.[0]).toMatchObject({ uid: rs.metadata.uid, controller: true });
    expect(c.store.get<Pod>(POD, "default", "other")!.metadata.ownerReferences).toBeUndefined();

    const relabel = structuredClone(adopted);
    relabel.metadata.labels = { app: "moved" };
    await c.store.update(relabel);
    await c.idle();
    expect(c.store.get<Pod>(POD, "default", "orphan")!.metadata.ownerReferences ?? []).toEqual([]);
    const owned = pods().filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid));
    expect(owned).toHaveLength(1);
    expect(owned[0].metadata.name).not.toBe("orphan");
  });

  it("reports ready and, after minReadySeconds, available replicas", async () => {
    c.start();
    await c.store.create(makeReplicaSet("web").replicas(2).with((r) => (r.spec!.minReadySeconds = 10)).build());
    await c.idle();
    for (const p of pods()) await c.markReady(p);
    await c.idle();
    expect(getRS().status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 0 });
    await c.advance(9_000);
    expect(getRS().status?.availableReplicas).toBe(0);
    await c.advance(1_000);
    expect(getRS().status?.availableReplicas).toBe(2);
  });

  it("retries a failed create with back-off and records FailedCreate and ReplicaFailure", async () => {
    c.start();
    const real = c.store.create.bind(c.store);
    let failures = 1000;
    c.store.create = (async (obj: Pod, opts?: object) => {
      if (obj.kind === "Pod" && failures-- > 0) throw new Error("quota exceeded");
      return real(obj, opts);
    }) as typeof c.store.create;
    await real(makeReplicaSet("web").replicas(2).build());
    await c.idle();
    // The status write (ReplicaFailure) wakes the controller once more; then retries wait on back-off.
    const failed = c.recorder.messages("FailedCreate");
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed)).toEqual(new Set(["Error creating: quota exceeded"]));
    await c.idle();
    expect(c.recorder.messages("FailedCreate").length).toBe(failed.length);
    expect(getRS().status?.conditions?.[0]).toMatchObject({ type: "ReplicaFailure", reason: "FailedCreate", message: "quota exceeded" });
    expect(pods()).toHaveLength(0);
    failures = 0;
    await c.advance(10);
    expect(pods()).toHaveLength(2);
    expect(getRS().status?.conditions).toBeUndefined();
    expect(rsc.expectations.satisfied("default/web")).toBe(true);
  });

  it("does not create pods its selector would not select", async () => {
    c.start();
    const rs = makeReplicaSet("web").replicas(2).build();
    rs.spec!.selector = { matchLabels: { app: "other" } };
    await c.store.create(rs);
    await c.idle();
    expect(pods()).toHaveLength(0);
    expect(c.errors.map((e) => String(e.err))).toContain("DoNotRetryError: ReplicaSet default/web: selector does not match template labels");
  });

  it("stays quiet when creates are refused because the namespace is terminating", async () => {
    c.start();
    const real = c.store.create.bind(c.store);
    c.store.create = (async (obj: Pod, opts?: object) => {
      if (obj.kind !== "Pod") return real(obj, opts);
      throw new ApiError({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        code: 403,
        reason: "Forbidden",
        message: "unable to create new content in namespace default because it is being terminated",
        details: { causes: [{ reason: "NamespaceTerminating", message: "namespace default is being terminated", field: "metadata.namespace" }] },
      });
    }) as typeof c.store.create;
    await real(makeReplicaSet("web").replicas(3).build());
    await c.idle();
    expect(c.recorder.messages("FailedCreate")).toEqual([]);
    expect(c.errors).toEqual([]);
    expect(rsc.expectations.satisfied("default/web")).toBe(true);
  });
});
