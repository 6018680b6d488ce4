// Why: namespace deletion must remove every namespaced object, report what remains, and only then release the Namespace.

import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { resourceTypeByKind } from "../../api/resources";
import type { Namespace, Pod } from "../../api/types";
import { makeDeployment, makeNamespace, makePod } from "../../testing/builders";
import { TestCluster } from "../testing/test-cluster";
import { ensureSystemNamespaces, NamespaceController } from "./namespace-controller";

const NS = resourceTypeByKind("", "Namespace")!;
const POD = resourceTypeByKind("", "Pod")!;
const DEPLOY = resourceTypeByKind("apps", "Deployment")!;

let c: TestCluster;
beforeEach(() => {
  c = new TestCluster([(ctx) => new NamespaceController(ctx)]);
  c.start();
});
afterEach(() => c.stop());

const ns = (name = "team") => c.store.get<Namespace>(NS, undefined, name);
const condition = (type: string) => (ns()?.status?.conditions ?? []).find((x) => x.type === type);

describe("ensureSystemNamespaces", () => {
  it("creates the four system namespaces once", async () => {
    await c.store.create(makeNamespace("default").build());
    await ensureSystemNamespaces(c.store);
    await ensureSystemNamespaces(c.store);
    const names = c.store.list(NS).items.map((n) => n.metadata.name).sort();
    expect(names).toEqual(["default", "kube-node-lease", "kube-public", "kube-system"]);
  });
});

describe("NamespaceController", () => {
  it("deletes the content of a terminating namespace, then the namespace itself", async () => {
    await c.store.create(makeNamespace("team").build());
    await c.store.create(makeDeployment("web").namespace("team").build());
    await c.store.create(makePod("p").namespace("team").build());
    await c.store.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "team" } });
    await c.store.create(makePod("other").namespace("default").build());
    await c.store.delete(NS, undefined, "team");
    await c.idle();
    expect(ns()).toBeUndefined();
    expect(c.store.list(POD, { namespace: "team" }).items).toHaveLength(0);
    expect(c.store.list(DEPLOY, { namespace: "team" }).items).toHaveLength(0);
    expect(c.store.get(POD, "default", "other")).toBeDefined();
  });

  it("reports remaining content and finalizers, and waits for them", async () => {
    await c.store.create(makeNamespace("team").build());
    await c.store.create(makePod("held").namespace("team").with((p) => (p.metadata.finalizers = ["example.com/hold"])).build());
    await c.store.delete(NS, undefined, "team");
    await c.idle();
    expect(ns()?.status?.phase).toBe("Terminating");
    expect(condition("NamespaceContentRemaining")).toMatchObject({ status: "True", reason: "SomeResourcesRemain", message: "Some resources are remaining: pods. has 1 resource instances" });
    expect(condition("NamespaceFinalizersRemaining")).toMatchObject({
      status: "True",
      reason: "SomeFinalizersRemain",
      message: "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
    });
    expect(condition("NamespaceDeletionDiscoveryFailure")).toMatchObject({ status: "False", reason: "ResourcesDiscovered" });
    expect(ns()?.spec?.finalizers).toEqual(["kubernetes"]);
    const p = structuredClone(c.store.get<Pod>(POD, "team", "held")!);
    p.metadata.finalizers = [];
    await c.store.update(p);
    await c.idle();
    expect(ns()).toBeUndefined();
  });

  it("ignores namespaces that are not being deleted", async () => {
    await c.store.create(makeNamespace("team").build());
    await c.store.create(makePod("p").namespace("team").build());
    await c.idle();
    expect(c.store.get(POD, "team", "p")).toBeDefined();
    expect(ns()?.status?.conditions).toBeUndefined();
  });
});
