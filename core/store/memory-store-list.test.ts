// Why: lists must select and page exactly like Kubernetes, and use the indexes instead of scanning every object.
import { describe, it, expect } from "vitest";
import { MemoryStore } from "./memory-store";
import { FakeClock } from "../clock/fake-clock";
import { makeNode, makePod } from "../testing/builders";
import { resourceTypeByKind } from "../api/resources";
import { ApiError } from "../api/errors";
import { decodeContinue } from "./continue-token";

const pods = resourceTypeByKind("", "Pod")!;
const nodes = resourceTypeByKind("", "Node")!;

async function seeded() {
  const store = new MemoryStore({ clock: new FakeClock() });
  const specs: [string, string, Record<string, string>, string?][] = [
    ["b", "web-1", { app: "web", tier: "fe" }, "n1"],
    ["a", "db-1", { app: "db", tier: "be" }, "n2"],
    ["a", "web-2", { app: "web", tier: "fe" }, "n1"],
    ["a-b", "web-3", { app: "web" }],
    ["a", "cache", { app: "cache", tier: "be" }, "n2"],
  ];
  for (const [ns, name, labels, node] of specs) {
    const b = makePod(name).namespace(ns).labels(labels);
    await store.create((node ? b.onNode(node) : b).build());
  }
  return store;
}

const names = (r: { items: { metadata: { namespace?: string; name?: string } }[] }) => r.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

describe("list", () => {
  it("sorts by namespace, then name", async () => {
    const store = await seeded();
    expect(names(store.list(pods))).toEqual(["a/cache", "a/db-1", "a/web-2", "a-b/web-3", "b/web-1"]);
    expect(store.list(pods).resourceVersion).toBe("5");
  });

  it.each([
    { name: "namespace", opts: { namespace: "a" }, want: ["a/cache", "a/db-1", "a/web-2"] },
    { name: "label equality", opts: { labelSelector: "app=web" }, want: ["a/web-2", "a-b/web-3", "b/web-1"] },
    { name: "label in", opts: { labelSelector: "app in (db,cache)" }, want: ["a/cache", "a/db-1"] },
    { name: "label notin", opts: { labelSelector: "app notin (web)" }, want: ["a/cache", "a/db-1"] },
    { name: "label exists", opts: { labelSelector: "!tier" }, want: ["a-b/web-3"] },
    { name: "namespace + labels", opts: { namespace: "a", labelSelector: "tier=be,app!=db" }, want: ["a/cache"] },
    { name: "field spec.nodeName", opts: { fieldSelector: "spec.nodeName=n1" }, want: ["a/web-2", "b/web-1"] },
    { name: "field unscheduled", opts: { fieldSelector: "spec.nodeName=" }, want: ["a-b/web-3"] },
    { name: "field !=", opts: { fieldSelector: "metadata.namespace!=a" }, want: ["a-b/web-3", "b/web-1"] },
    { name: "fields and labels", opts: { fieldSelector: "spec.nodeName=n2", labelSelector: "app=db" }, want: ["a/db-1"] },
  ])("selects by $name", async ({ opts, want }) => {
    const store = await seeded();
    expect(names(store.list(pods, opts))).toEqual(want);
  });

  it.each([
    { name: "bad label selector", opts: { labelSelector: "a in b" } },
    { name: "unsupported field", opts: { fieldSelector: "spec.replicas=1" } },
    { name: "malformed continue", opts: { continue: "not a token!" } },
    { name: "foreign continue", opts: { continue: btoa('{"x":1}') } },
  ])("400 BadRequest for $name", async ({ opts }) => {
    const store = await seeded();
    let err: unknown;
    try {
      store.list(pods, opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
  });

  it("pages with limit and continue, keeping the first page's resourceVersion", async () => {
    const store = await seeded();
    const p1 = store.list(pods, { limit: 2 });
    expect(names(p1)).toEqual(["a/cache", "a/db-1"]);
    expect(p1.remainingItemCount).toBe(3);
    expect(decodeContinue(p1.continue!)).toEqual({ rv: 5, start: "a/db-1" });
    await store.create(makePod("zzz").namespace("a").build());
    const p2 = store.list(pods, { limit: 2, continue: p1.continue });
    expect(names(p2)).toEqual(["a/web-2", "a/zzz"]);
    expect(p2.resourceVersion).toBe("5");
    const p3 = store.list(pods, { limit: 2, continue: p2.continue });
    expect(names(p3)).toEqual(["a-b/web-3", "b/web-1"]);
    expect(p3.continue).toBeUndefined();
    expect(p3.remainingItemCount).toBeUndefined();
  });

  it("pages a filtered list", async () => {
    const store = await seeded();
    const p1 = store.list(pods, { labelSelector: "app=web", limit: 1 });
    expect(names(p1)).toEqual(["a/web-2"]);
    expect(p1.remainingItemCount).toBe(2);
    const p2 = store.list(pods, { labelSelector: "app=web", limit: 5, continue: p1.continue });
    expect(names(p2)).toEqual(["a-b/web-3", "b/web-1"]);
  });

  it("cluster-scoped types ignore the namespace option", async () => {
    const store = new MemoryStore({ clock: new FakeClock() });
    await store.create(makeNode("n2").build());
    await store.create(makeNode("n1").build());
    expect(store.list(nodes, { namespace: "x" }).items.map((n) => n.metadata.name)).toEqual(["n1", "n2"]);
  });
});

describe("indexes", () => {
  async function big() {
    const store = new MemoryStore({ clock: new FakeClock() });
    for (let ns = 0; ns < 10; ns++) {
      for (let i = 0; i < 50; i++) {
        const b = makePod(`p${i}`).namespace(`ns${ns}`).labels({ app: `app${i % 5}`, shard: `s${i % 10}` }).onNode(`node${i % 25}`);
        await store.create(b.build());
      }
    }
    return store;
  }

  it.each([
    { name: "namespace", opts: { namespace: "ns3" }, count: 50, maxScanned: 50 },
    { name: "label", opts: { labelSelector: "shard=s1" }, count: 50, maxScanned: 50 },
    { name: "label in", opts: { labelSelector: "shard in (s1,s2)" }, count: 100, maxScanned: 100 },
    { name: "namespace + label (smallest set wins)", opts: { namespace: "ns1", labelSelector: "shard=s3,app=app3" }, count: 5, maxScanned: 50 },
    { name: "nodeName field index", opts: { fieldSelector: "spec.nodeName=node7" }, count: 20, maxScanned: 20 },
    { name: "paged unfiltered", opts: { limit: 10 }, count: 10, maxScanned: 10 },
  ])("a $name query visits only candidates", async ({ opts, count, maxScanned }) => {
    const store = await big();
    expect(store.list(pods, opts).items).toHaveLength(count);
    expect(store.stats().lastListScanned).toBeLessThanOrEqual(maxScanned);
  });

  it("a non-indexable query scans everything (control)", async () => {
    const store = await big();
    store.list(pods, { labelSelector: "app!=app1" });
    expect(store.stats().lastListScanned).toBe(500);
  });

  it("indexes follow label and node changes and deletions", async () => {
    const store = await big();
    const p = structuredClone(store.get(pods, "ns0", "p1")!);
    p.metadata.labels = { shard: "moved" };
    await store.update(p);
    expect(names(store.list(pods, { labelSelector: "shard=moved" }))).toEqual(["ns0/p1"]);
    expect(names(store.list(pods, { labelSelector: "shard=s1", namespace: "ns0" }))).toEqual(["ns0/p11", "ns0/p21", "ns0/p31", "ns0/p41"]);
    await store.delete(pods, "ns0", "p1", { gracePeriodSeconds: 0 });
    expect(store.list(pods, { labelSelector: "shard=moved" }).items).toEqual([]);
    expect(store.list(pods, { namespace: "ns0" }).items).toHaveLength(49);
  });
});
