// Why: informers depend on watch semantics: initial state, resume from a resourceVersion, 410 Gone, selector transitions, bookmarks.
import { describe, it, expect } from "vitest";
import { MemoryStore, type MemoryStoreConfig } from "./memory-store";
import { FakeClock } from "../clock/fake-clock";
import { makePod } from "../testing/builders";
import { resourceTypeByKind } from "../api/resources";
import { ApiError } from "../api/errors";
import type { WatchEvent } from "./types";
import type { Pod } from "../api/types";

const pods = resourceTypeByKind("", "Pod")!;

function setup(cfg: Partial<MemoryStoreConfig> = {}) {
  const clock = new FakeClock();
  return { clock, store: new MemoryStore({ clock, ...cfg }) };
}

function recorder() {
  const seen: string[] = [];
  const cb = (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata.name ?? ""}@${e.object.metadata.resourceVersion}`);
  return { seen, cb };
}

async function relabel(store: MemoryStore, name: string, labels: Record<string, string>) {
  const p = structuredClone(store.get<Pod>(pods, "default", name)!);
  p.metadata.labels = labels;
  return store.update(p);
}

describe("watch", () => {
  it.each([undefined, "", "0"])("resourceVersion %j sends current matches as ADDED, then streams", async (rv) => {
    const { store } = setup();
    await store.create(makePod("a").build());
    await store.create(makePod("b").labels({ x: "1" }).build());
    const r = recorder();
    store.watch(pods, { resourceVersion: rv, labelSelector: "x=1" }, r.cb);
    expect(r.seen).toEqual(["ADDED b@2"]);
    await store.create(makePod("c").labels({ x: "1" }).build());
    expect(r.seen).toEqual(["ADDED b@2", "ADDED c@3"]);
  });

  it("replays retained history after a resourceVersion", async () => {
    const { store } = setup();
    await store.create(makePod("a").build());
    await store.create(makePod("b").build());
    await relabel(store, "a", { y: "2" });
    await store.delete(pods, "default", "b");
    const r = recorder();
    store.watch(pods, { resourceVersion: "1" }, r.cb);
    expect(r.seen).toEqual(["ADDED b@2", "MODIFIED a@3", "DELETED b@4"]);
  });

  it("410 Gone with Kubernetes' message once history is compacted", async () => {
    const { store } = setup({ historySize: 2 });
    for (const n of ["a", "b", "c", "d"]) await store.create(makePod(n).build());
    let err: unknown;
    try {
      store.watch(pods, { resourceVersion: "1" }, () => {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(410);
    expect((err as ApiError).reason).toBe("Expired");
    expect((err as ApiError).message).toBe("too old resource version: 1 (2)");
    const r = recorder();
    store.watch(pods, { resourceVersion: "2" }, r.cb);
    expect(r.seen).toEqual(["ADDED c@3", "ADDED d@4"]);
  });

  it("label changes across the selector become ADDED / DELETED (with the old content)", async () => {
    const { store } = setup();
    await store.create(makePod("a").labels({ app: "web" }).build());
    const r = recorder();
    const deleted: WatchEvent[] = [];
    store.watch(pods, { labelSelector: "app=web" }, (e) => {
      r.cb(e);
      if (e.type === "DELETED") deleted.push(e);
    });
    await relabel(store, "a", { app: "db" });
    await relabel(store, "a", { app: "db", more: "x" });
    await relabel(store, "a", { app: "web" });
    await relabel(store, "a", { app: "web", v: "2" });
    expect(r.seen).toEqual(["ADDED a@1", "DELETED a@2", "ADDED a@4", "MODIFIED a@5"]);
    expect(deleted[0].object.metadata.labels).toEqual({ app: "web" });
  });

  it("filters by namespace and field selector", async () => {
    const { store } = setup();
    const r = recorder();
    store.watch(pods, { namespace: "x", fieldSelector: "spec.nodeName=n1" }, r.cb);
    await store.create(makePod("a").namespace("x").onNode("n1").build());
    await store.create(makePod("b").namespace("y").onNode("n1").build());
    await store.create(makePod("c").namespace("x").build());
    const c = structuredClone(store.get<Pod>(pods, "x", "c")!);
    c.spec!.nodeName = "n1";
    await store.update(c);
    expect(r.seen).toEqual(["ADDED a@1", "ADDED c@4"]);
  });

  it("indexed field watchers (kubelets, the scheduler) see exactly their pods, including binding transitions", async () => {
    const { store } = setup();
    const n1 = recorder();
    const n2 = recorder();
    const unscheduled = recorder();
    store.watch(pods, { fieldSelector: "spec.nodeName=n1" }, n1.cb);
    store.watch(pods, { fieldSelector: "spec.nodeName=n2,status.phase!=Failed" }, n2.cb);
    store.watch(pods, { fieldSelector: "spec.nodeName=" }, unscheduled.cb);
    await store.create(makePod("a").build());
    await store.create(makePod("b").onNode("n2").build());
    const a = structuredClone(store.get<Pod>(pods, "default", "a")!);
    a.spec!.nodeName = "n1";
    await store.update(a);
    await store.delete(pods, "default", "a", { gracePeriodSeconds: 0 });
    expect(n1.seen).toEqual(["ADDED a@3", "DELETED a@4"]);
    expect(n2.seen).toEqual(["ADDED b@2"]);
    expect(unscheduled.seen).toEqual(["ADDED a@1", "DELETED a@3"]);
    expect(store.stats().watchers).toBe(3);
  });

  it("sends BOOKMARKs on the clock when allowed", async () => {
    const { store, clock } = setup({ bookmarkIntervalMs: 1000 });
    const events: WatchEvent[] = [];
    const w = store.watch(pods, { allowBookmarks: true }, (e) => events.push(e));
    const plain = recorder();
    store.watch(pods, {}, plain.cb);
    await store.create(makePod("a").build());
    clock.step(1000);
    expect(events.map((e) => e.type)).toEqual(["ADDED", "BOOKMARK"]);
    expect(events[1].object).toEqual({ apiVersion: "v1", kind: "Pod", metadata: { resourceVersion: "1" } });
    clock.step(1000);
    expect(events).toHaveLength(3);
    w.stop();
    clock.step(5000);
    expect(events).toHaveLength(3);
    expect(plain.seen).toEqual(["ADDED a@1"]);
  });

  it("a throwing watcher breaks neither the store nor other watchers", async () => {
    const { store } = setup();
    store.watch(pods, {}, () => {
      throw new Error("boom");
    });
    const r = recorder();
    store.watch(pods, {}, r.cb);
    await store.create(makePod("a").build());
    await store.create(makePod("b").build());
    expect(r.seen).toEqual(["ADDED a@1", "ADDED b@2"]);
  });

  it("stop() ends delivery", async () => {
    const { store } = setup();
    const r = recorder();
    const w = store.watch(pods, {}, r.cb);
    w.stop();
    await store.create(makePod("a").build());
    expect(r.seen).toEqual([]);
  });

  it("a list then watch from its resourceVersion sees each change exactly once, even with writes in flight", async () => {
    const { store } = setup();
    await store.create(makePod("a").build());
    const pending = store.create(makePod("b").build()); // applied to memory, not yet committed
    const list = store.list(pods);
    expect(list.items.map((p) => p.metadata.name)).toEqual(["a", "b"]);
    const r = recorder();
    store.watch(pods, { resourceVersion: list.resourceVersion }, r.cb);
    await pending;
    await store.create(makePod("c").build());
    expect(r.seen).toEqual(["ADDED c@3"]);
  });

  it("rejects a malformed resourceVersion with 400", () => {
    const { store } = setup();
    expect(() => store.watch(pods, { resourceVersion: "abc" }, () => {})).toThrow(ApiError);
  });
});
