// Why: cascading deletion is how users clean up; each propagation policy and the stale-uid rule get a case against the real store.

import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { resourceTypeByKind } from "../../api/resources";
import type { ConfigMap, KubeObject, Pod } from "../../api/types";
import { makeDeployment, makePod, makeReplicaSet, ownerReferenceTo } from "../../testing/builders";
import { TestCluster } from "../testing/test-cluster";
import { GarbageCollector } from "./garbage-collector";

const POD = resourceTypeByKind("", "Pod")!;
const RS = resourceTypeByKind("apps", "ReplicaSet")!;
const DEPLOY = resourceTypeByKind("apps", "Deployment")!;
const CM = resourceTypeByKind("", "ConfigMap")!;
const NODE = resourceTypeByKind("", "Node")!;
const LEASE = resourceTypeByKind("coordination.k8s.io", "Lease")!;

let c: TestCluster;
beforeEach(() => {
  c = new TestCluster([(ctx) => new GarbageCollector(ctx)]);
  c.start();
});
afterEach(() => c.stop());

const exists = (t: typeof POD, name: string, ns: string | undefined = "default") => c.store.get(t, ns, name) !== undefined;

async function chain() {
  const d = await c.store.create(makeDeployment("web").build());
  const rs = await c.store.create(makeReplicaSet("web-1").ownedBy(d).build());
  const p1 = await c.store.create(makePod("p1").ownedBy(rs).build());
  const p2 = await c.store.create(makePod("p2").ownedBy(rs).build());
  await c.idle();
  return { d, rs, p1, p2 };
}

describe("GarbageCollector", () => {
  it("Background: deletes dependents after the owner is gone, transitively", async () => {
    await chain();
    await c.store.delete(DEPLOY, "default", "web", { propagationPolicy: "Background" });
    await c.idle();
    expect(exists(RS, "web-1")).toBe(false);
    expect(exists(POD, "p1")).toBe(false);
    expect(exists(POD, "p2")).toBe(false);
  });

  it("Foreground: the owner stays until blocking dependents are gone, then loses its finalizer", async () => {
    await chain();
    // Hold p1 with a finalizer so the owner chain must wait for it.
    const held = structuredClone(c.store.get<Pod>(POD, "default", "p1")!);
    held.metadata.finalizers = ["test/hold"];
    await c.store.update(held);
    await c.store.delete(DEPLOY, "default", "web", { propagationPolicy: "Foreground" });
    await c.idle();
    expect(c.store.get(DEPLOY, "default", "web")?.metadata.finalizers).toContain("foregroundDeletion");
    expect(c.store.get(RS, "default", "web-1")?.metadata.finalizers).toContain("foregroundDeletion");
    expect(exists(POD, "p2")).toBe(false);
    expect(c.store.get(POD, "default", "p1")?.metadata.deletionTimestamp).toBeDefined();
    const release = structuredClone(c.store.get<Pod>(POD, "default", "p1")!);
    release.metadata.finalizers = [];
    await c.store.update(release);
    await c.idle();
    expect(exists(POD, "p1")).toBe(false);
    expect(exists(RS, "web-1")).toBe(false);
    expect(exists(DEPLOY, "web")).toBe(false);
  });

  it("Orphan: removes the ownerReference from dependents and lets the owner go", async () => {
    const { rs } = await chain();
    await c.store.delete(RS, "default", "web-1", { propagationPolicy: "Orphan" });
    await c.idle();
    expect(exists(RS, "web-1")).toBe(false);
    for (const name of ["p1", "p2"]) {
      const p = c.store.get<Pod>(POD, "default", name)!;
      expect(p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid) ?? false).toBe(false);
    }
  });

  it("deletes a dependent whose owner name now belongs to a different object (uid mismatch)", async () => {
    const cm = await c.store.create<ConfigMap>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "owner", namespace: "default" } });
    const stale = { ...ownerReferenceTo(cm), uid: "not-the-current-uid" };
    await c.store.create(makePod("dep").with((p) => (p.metadata.ownerReferences = [stale])).build());
    await c.idle();
    expect(exists(POD, "dep")).toBe(false);
    expect(exists(CM, "owner")).toBe(true);
  });

  it("keeps a dependent that still has another owner, dropping only the dead reference", async () => {
    const a = await c.store.create<ConfigMap>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } });
    const b = await c.store.create<ConfigMap>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "default" } });
    await c.store.create(makePod("dep").ownedBy(a, false).ownedBy(b, false).build());
    await c.idle();
    await c.store.delete(CM, "default", "a");
    await c.idle();
    const dep = c.store.get<Pod>(POD, "default", "dep")!;
    expect(dep.metadata.ownerReferences?.map((r) => r.uid)).toEqual([b.metadata.uid]);
  });

  it("follows cluster-scoped owners (a Node owns its Lease)", async () => {
    const node = await c.store.create<KubeObject>({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    await c.store.create<KubeObject>({
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "n1", namespace: "kube-node-lease", ownerReferences: [ownerReferenceTo(node, false)] },
      spec: { holderIdentity: "n1" },
    });
    await c.idle();
    expect(exists(LEASE, "n1", "kube-node-lease")).toBe(true);
    await c.store.delete(NODE, undefined, "n1");
    await c.idle();
    expect(exists(LEASE, "n1", "kube-node-lease")).toBe(false);
  });

  it("leaves objects with live owners alone", async () => {
    await chain();
    await c.idle();
    expect(exists(RS, "web-1")).toBe(true);
    expect(exists(POD, "p1")).toBe(true);
  });
});
