// Why: the informer's cache, indexes, handlers and 410 re-list are what every controller's correctness rests on.

import { describe, it, expect } from "vitest";
import { FakeClock } from "../clock/fake-clock";
import { gone } from "../api/errors";
import { resourceTypeByKind, type ResourceType } from "../api/resources";
import { objectKey, type KubeObject } from "../api/types";
import type { ObjectClient, WatchEvent } from "../store/types";
import { Informer } from "./informer";
import { InformerFactory } from "./informer-factory";

const podType = resourceTypeByKind("", "Pod")!;

/** A minimal list/watch source whose history can be "compacted" to force 410 Gone. */
class FakeSource {
  rv = 0;
  objects = new Map<string, KubeObject>();
  watchers: ((e: WatchEvent) => void)[] = [];
  expireNextWatch = false;

  put(name: string, labels: Record<string, string> = {}, ns = "default", emit = true): KubeObject {
    const key = `${ns}/${name}`;
    const type = this.objects.has(key) ? "MODIFIED" : "ADDED";
    const obj: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns, uid: `uid-${name}`, labels, resourceVersion: String(++this.rv) } };
    this.objects.set(key, obj);
    if (emit) for (const w of this.watchers) w({ type, object: obj });
    return obj;
  }

  remove(name: string, ns = "default", emit = true): void {
    const obj = this.objects.get(`${ns}/${name}`)!;
    this.objects.delete(`${ns}/${name}`);
    const gone = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    if (emit) for (const w of this.watchers) w({ type: "DELETED", object: gone });
  }

  client(): ObjectClient {
    return {
      list: <T extends KubeObject>(_t: ResourceType, opts?: { namespace?: string }) => ({
        items: [...this.objects.values()].filter((o) => !opts?.namespace || o.metadata.namespace === opts.namespace) as T[],
        resourceVersion: String(this.rv),
      }),
      watch: <T extends KubeObject>(_t: ResourceType, _o: unknown, fn: (e: WatchEvent<T>) => void) => {
        if (this.expireNextWatch) {
          this.expireNextWatch = false;
          throw gone("too old resource version");
        }
        const w = fn as (e: WatchEvent) => void;
        this.watchers.push(w);
        return { stop: () => (this.watchers = this.watchers.filter((x) => x !== w)) };
      },
    } as unknown as ObjectClient;
  }
}

function recordingHandler(log: string[]) {
  return {
    onAdd: (o: KubeObject) => log.push(`add ${objectKey(o)}`),
    onUpdate: (a: KubeObject, b: KubeObject) => log.push(`update ${objectKey(a)} ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
    onDelete: (o: KubeObject) => log.push(`delete ${objectKey(o)}`),
  };
}

describe("Informer", () => {
  it("lists, then follows the watch with handlers and cache", () => {
    const src = new FakeSource();
    src.put("a");
    const inf = new Informer({ client: src.client(), clock: new FakeClock(), type: podType });
    const log: string[] = [];
    inf.addEventHandler(recordingHandler(log));
    expect(inf.hasSynced()).toBe(false);
    inf.start();
    expect(inf.hasSynced()).toBe(true);
    src.put("b");
    src.put("a", { x: "1" });
    src.remove("b");
    expect(log).toEqual(["add default/a", "add default/b", "update default/a 1->3", "delete default/b"]);
    expect(inf.get("default/a")?.metadata.labels).toEqual({ x: "1" });
    expect(inf.get("default/b")).toBeUndefined();
  });

  it("replays cached objects to handlers added after sync", () => {
    const src = new FakeSource();
    src.put("a");
    const inf = new Informer({ client: src.client(), clock: new FakeClock(), type: podType });
    inf.start();
    const log: string[] = [];
    inf.addEventHandler(recordingHandler(log));
    expect(log).toEqual(["add default/a"]);
  });

  it("keeps custom indexes and the namespace index current", () => {
    const src = new FakeSource();
    const inf = new Informer({ client: src.client(), clock: new FakeClock(), type: podType });
    inf.addIndexer("app", (o) => (o.metadata.labels?.app ? [o.metadata.labels.app] : []));
    inf.start();
    src.put("a", { app: "web" });
    src.put("b", { app: "web" }, "other");
    src.put("c", { app: "db" });
    expect(inf.byIndex("app", "web").map(objectKey).sort()).toEqual(["default/a", "other/b"]);
    src.put("a", { app: "db" });
    expect(inf.byIndex("app", "web").map(objectKey)).toEqual(["other/b"]);
    expect(inf.byIndex("app", "db").map(objectKey).sort()).toEqual(["default/a", "default/c"]);
    src.remove("c");
    expect(inf.byIndex("app", "db").map(objectKey)).toEqual(["default/a"]);
    expect(inf.list("default").map(objectKey)).toEqual(["default/a"]);
    expect(inf.list().length).toBe(2);
  });

  it("on 410 Gone re-lists and emits exactly the differences", () => {
    const src = new FakeSource();
    src.put("keep");
    src.put("change");
    src.put("vanish");
    const inf = new Informer({ client: src.client(), clock: new FakeClock(), type: podType });
    const log: string[] = [];
    inf.addEventHandler(recordingHandler(log));
    inf.start();
    log.length = 0;
    // The watch drops; meanwhile changes happen that the informer never sees.
    inf.stop();
    src.put("change", { v: "2" }, "default", false);
    src.remove("vanish", "default", false);
    src.put("new", {}, "default", false);
    // Restarting from the old resourceVersion fails with 410 the first time.
    (inf as unknown as { running: boolean }).running = true;
    src.expireNextWatch = true;
    (inf as unknown as { startWatch(): void }).startWatch();
    expect(log.sort()).toEqual(["add default/new", "delete default/vanish", "update default/change 2->4"]);
    expect(inf.list().map(objectKey).sort()).toEqual(["default/change", "default/keep", "default/new"]);
    src.put("after");
    expect(inf.get("default/after")).toBeDefined();
  });

  it("retries a failing list on the clock", () => {
    const src = new FakeSource();
    const client = src.client();
    let fail = true;
    const realList = client.list.bind(client);
    client.list = ((t: ResourceType, o?: object) => {
      if (fail) throw new Error("boom");
      return realList(t, o);
    }) as ObjectClient["list"];
    const clock = new FakeClock();
    const inf = new Informer({ client, clock, type: podType, retryMs: 500 });
    inf.start();
    expect(inf.hasSynced()).toBe(false);
    fail = false;
    clock.step(500);
    expect(inf.hasSynced()).toBe(true);
  });
});

describe("InformerFactory", () => {
  it("shares one informer per type and starts late ones at once", () => {
    const src = new FakeSource();
    const f = new InformerFactory({ client: src.client(), clock: new FakeClock() });
    const a = f.informerFor(podType);
    expect(f.informerFor(podType)).toBe(a);
    f.start();
    expect(a.hasSynced()).toBe(true);
    const late = f.informerFor(resourceTypeByKind("", "ConfigMap")!);
    expect(late.hasSynced()).toBe(true);
    expect(f.hasSynced()).toBe(true);
  });

  it("keeps delivering to other handlers when one throws", () => {
    const src = new FakeSource();
    const errors: unknown[] = [];
    const inf = new Informer({ client: src.client(), clock: new FakeClock(), type: podType, onHandlerError: (e) => errors.push(e) });
    const log: string[] = [];
    inf.addEventHandler({
      onAdd: () => {
        throw new Error("bad handler");
      },
    });
    inf.addEventHandler(recordingHandler(log));
    inf.start();
    src.put("a");
    src.put("b");
    expect(log).toEqual(["add default/a", "add default/b"]);
    expect(errors).toHaveLength(2);
  });
});
