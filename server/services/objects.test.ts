import { describe, it, expect, beforeEach } from "vitest";
import { makeNamespace, makeNode, makePod } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { applyManifest } from "./apply-manifest";
import { deleteObject } from "./delete-object";
import { getObject } from "./get-object";
import { listObjects } from "./list-objects";
import { makeTestRuntime, type TestRuntime } from "./testing/test-runtime";

let t: TestRuntime;
beforeEach(async () => {
  t = await makeTestRuntime();
  await t.store.create(makeNamespace("shop").build());
  await t.store.create(makePod("a").build());
  await t.store.create(makePod("b").namespace("shop").labels({ app: "web" }).build());
  await t.store.create(makeNode("n1").build());
});

const names = (items: { metadata: { name?: string } }[]) => items.map((o) => o.metadata.name);

describe("listObjects / getObject / deleteObject", () => {
  it.each([
    { kind: "pods", opts: {}, want: ["a", "b"] },
    { kind: "po", opts: { namespace: "shop" }, want: ["b"] },
    { kind: "Pod", opts: { labelSelector: "app=web" }, want: ["b"] },
    { kind: "pods", opts: { fieldSelector: "metadata.namespace=default" }, want: ["a"] },
    { kind: "nodes", opts: { namespace: "shop" }, want: ["n1"] },
  ])("list $kind $opts → $want", async ({ kind, opts, want }) => {
    expect(names((await listObjects(t.rt, CONSOLE_ADMIN, kind, opts)).items)).toEqual(want);
  });

  it("refuses a limit above the cap", async () => {
    await expect(listObjects(t.rt, CONSOLE_ADMIN, "pods", { limit: 5001 })).rejects.toMatchObject({ status: { reason: "BadRequest" } });
  });

  it("get defaults to the default namespace and ignores namespace for cluster-scoped kinds", async () => {
    expect((await getObject(t.rt, CONSOLE_ADMIN, "pods", undefined, "a")).metadata.namespace).toBe("default");
    expect((await getObject(t.rt, CONSOLE_ADMIN, "node", "shop", "n1")).metadata.name).toBe("n1");
    await expect(getObject(t.rt, CONSOLE_ADMIN, "pods", "shop", "a")).rejects.toMatchObject({ status: { code: 404, message: 'pods "a" not found' } });
    await expect(getObject(t.rt, CONSOLE_ADMIN, "deploy", "shop", "x")).rejects.toMatchObject({ status: { message: 'deployments.apps "x" not found', details: { group: "apps" } } });
  });

  it("applyManifest puts objects that name no namespace in the given one", async () => {
    const r = await applyManifest(t.rt, CONSOLE_ADMIN, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: { k: v }\n", { namespace: "shop" });
    expect(r[0]).toMatchObject({ namespace: "shop", name: "c", action: "created" });
    expect((await getObject(t.rt, CONSOLE_ADMIN, "cm", "shop", "c")).data).toEqual({ k: "v" });
  });

  it("deleteObject removes the object", async () => {
    await deleteObject(t.rt, CONSOLE_ADMIN, "pods", "shop", "b");
    expect(names((await listObjects(t.rt, CONSOLE_ADMIN, "pods")).items)).toEqual(["a"]);
  });
});
