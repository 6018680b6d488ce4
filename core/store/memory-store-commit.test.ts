// Why: a write is acknowledged only once durable; group commit, failure and restart from a snapshot are the durability contract.
import { describe, it, expect } from "vitest";
import { MemoryStore } from "./memory-store";
import { FakeClock, settle } from "../clock/fake-clock";
import { makeNamespace, makePod } from "../testing/builders";
import { resourceTypeByKind } from "../api/resources";
import { ApiError } from "../api/errors";
import type { CommitLog, StoredChange, WatchEvent } from "./types";

const pods = resourceTypeByKind("", "Pod")!;
const namespaces = resourceTypeByKind("", "Namespace")!;

/** A commit log whose commits wait until the test releases them. */
class HeldCommitLog implements CommitLog {
  groups: StoredChange[][] = [];
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  commit(changes: StoredChange[]): Promise<void> {
    this.groups.push(changes);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
  get inFlight(): number {
    return this.waiting.length;
  }
  release(): void {
    this.waiting.shift()!.resolve();
  }
  fail(err: unknown): void {
    this.waiting.shift()!.reject(err);
  }
}

function setup() {
  const log = new HeldCommitLog();
  const fatal: unknown[] = [];
  const store = new MemoryStore({ clock: new FakeClock(), commitLog: log, onFatal: (e) => fatal.push(e) });
  return { log, fatal, store };
}

describe("group commit", () => {
  it("writes issued during an in-flight commit land together in the next group; acks only after commit", async () => {
    const { log, store } = setup();
    const acked: string[] = [];
    const events: string[] = [];
    store.watch(pods, {}, (e: WatchEvent) => events.push(`${e.type} ${e.object.metadata.name}`));
    const track = (name: string) => store.create(makePod(name).build()).then(() => acked.push(name));
    const a = track("a");
    await settle();
    expect(log.groups.map((g) => g.map((c) => c.name))).toEqual([["a"]]);
    const rest = [track("b"), track("c"), track("d")];
    await settle();
    // Applied to memory at once (reads see them) but neither acknowledged nor sent to watchers.
    expect(store.list(pods).items).toHaveLength(4);
    expect(acked).toEqual([]);
    expect(events).toEqual([]);
    expect(log.groups).toHaveLength(1);
    log.release();
    await a;
    await settle();
    expect(acked).toEqual(["a"]);
    expect(events).toEqual(["ADDED a"]);
    expect(log.groups.map((g) => g.map((c) => c.name))).toEqual([["a"], ["b", "c", "d"]]);
    log.release();
    await Promise.all(rest);
    expect(acked).toEqual(["a", "b", "c", "d"]);
    expect(events).toEqual(["ADDED a", "ADDED b", "ADDED c", "ADDED d"]);
    expect(store.stats().commitGroups).toEqual([1, 3]);
  });

  it("hands the commit log resourceVersions, group/plural, and null for removals", async () => {
    const { log, store } = setup();
    const p = store.create(makePod("a").build());
    await settle();
    log.release();
    await p;
    const d = store.delete(pods, "default", "a");
    await settle();
    log.release();
    await d;
    expect(log.groups[0][0]).toMatchObject({ resourceVersion: 1, resource: "/pods", namespace: "default", name: "a" });
    expect(log.groups[0][0].object!.metadata.name).toBe("a");
    expect(log.groups[1][0]).toEqual({ resourceVersion: 2, resource: "/pods", namespace: "default", name: "a", object: null });
  });

  it("a failed commit fails its group and every later write, and calls onFatal once", async () => {
    const { log, fatal, store } = setup();
    const first = store.create(makePod("a").build());
    await settle();
    const second = store.create(makePod("b").build());
    await settle();
    log.fail(new Error("disk full"));
    for (const p of [first, second]) {
      const err = await p.then(
        () => undefined,
        (e) => e,
      );
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(500);
      expect((err as ApiError).reason).toBe("InternalError");
    }
    const later = await store.create(makePod("c").build()).then(
      () => undefined,
      (e) => e,
    );
    expect((later as ApiError).reason).toBe("InternalError");
    expect(fatal).toHaveLength(1);
    expect((fatal[0] as Error).message).toBe("disk full");
    expect(log.groups).toHaveLength(1);
  });
});

describe("snapshot", () => {
  it("rebuilds memory and continues the counter without emitting events", async () => {
    const seed = new MemoryStore({ clock: new FakeClock() });
    await seed.create(makeNamespace("default").build());
    await seed.create(makePod("a").labels({ app: "web" }).build());
    const objects = [...seed.list(namespaces).items, ...seed.list(pods).items];
    const store = new MemoryStore({ clock: new FakeClock(), snapshot: { objects, resourceVersion: 42 } });
    expect(store.resourceVersion()).toBe("42");
    expect(store.get(pods, "default", "a")!.metadata.resourceVersion).toBe("2");
    expect(store.list(pods, { labelSelector: "app=web" }).items).toHaveLength(1);
    const events: string[] = [];
    store.watch(pods, { resourceVersion: "42" }, (e) => events.push(e.type));
    expect(events).toEqual([]);
    const b = await store.create(makePod("b").build());
    expect(b.metadata.resourceVersion).toBe("43");
    expect(events).toEqual(["ADDED"]);
    expect(() => store.watch(pods, { resourceVersion: "10" }, () => {})).toThrow("too old resource version: 10 (42)");
  });
});
