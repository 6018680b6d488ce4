// Why: the `default` ServiceAccount must appear in each namespace, come back when deleted, and not be forced into a terminating namespace.

import { describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../../api/resources";
import { TestCluster } from "../testing/test-cluster";
import { ServiceAccountsController } from "./serviceaccounts-controller";

const SA = resourceTypeByKind("", "ServiceAccount")!;
const NS = resourceTypeByKind("", "Namespace")!;
const names = (t: TestCluster, ns: string) => t.store.list(SA, { namespace: ns }).items.map((o) => o.metadata.name);

describe("ServiceAccountsController", () => {
  it("creates `default` in every namespace, existing or new, and again after a delete", async () => {
    const t = new TestCluster([(ctx) => new ServiceAccountsController(ctx)]);
    await t.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } });
    t.start();
    await t.idle();
    expect(names(t, "a")).toEqual(["default"]);

    await t.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "b" } });
    await t.idle();
    expect(names(t, "b")).toEqual(["default"]);

    const before = t.store.get(SA, "a", "default")!.metadata.uid;
    await t.store.delete(SA, "a", "default");
    await t.idle();
    expect(t.store.get(SA, "a", "default")?.metadata.uid).toEqual(expect.any(String));
    expect(t.store.get(SA, "a", "default")!.metadata.uid).not.toBe(before);
    expect(t.errors).toEqual([]);
  });

  it("leaves other ServiceAccounts alone and does not recreate `default` in a terminating namespace", async () => {
    const t = new TestCluster([(ctx) => new ServiceAccountsController(ctx)]);
    await t.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a", finalizers: ["test/hold"] } });
    await t.store.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "bot", namespace: "a" } });
    t.start();
    await t.idle();
    expect(names(t, "a").sort()).toEqual(["bot", "default"]);

    await t.store.delete(NS, undefined, "a"); // held by its finalizer: terminating
    await t.store.delete(SA, "a", "default");
    await t.store.delete(SA, "a", "bot");
    await t.idle();
    expect(names(t, "a")).toEqual([]);
    expect(t.errors).toEqual([]);
  });
});
