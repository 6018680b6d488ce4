// Why: openDatabase is the start-up path; a snapshot must bring back exactly what the commit log acknowledged.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeNamespace, makePod } from "../../core/testing/builders";
import type { KubeObject } from "../../core/api/types";
import type { StoredChange } from "../../core/store/types";
import { openDatabase } from "./database";
import { FakeClock } from "../../core/clock/fake-clock";
import { resourceTypeFor } from "../../core/api/resources";
import { MemoryStore } from "../../core/store/memory-store";

let dataDir: string;
beforeEach(() => {
  dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wh-db-")), "nested", "data");
});
afterEach(() => {
  fs.rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
});

function change(obj: KubeObject, rv: number, resource: string): StoredChange {
  const object = { ...obj, metadata: { ...obj.metadata, uid: `uid-${obj.metadata.name}`, resourceVersion: String(rv) } };
  return { resourceVersion: rv, resource, namespace: obj.metadata.namespace ?? "", name: obj.metadata.name ?? "", object };
}

describe("openDatabase", () => {
  it("creates the data directory, migrates once, and round-trips a snapshot", async () => {
    const ns = change(makeNamespace("team-a").build(), 1, "/namespaces");
    const p1 = change(makePod("web-1").build(), 2, "/pods");
    const p2 = change(makePod("web-2").build(), 3, "/pods");
    const db = await openDatabase({ dataDir });
    expect(db.migrationsApplied).toEqual(["20250101000000_object_store", "20261122000000_identity", "20261204000000_audit_impersonation"]);
    expect(db.file).toBe(path.join(dataDir, "wheelhouse.db"));
    expect(await db.loadSnapshot()).toEqual({ objects: [], resourceVersion: 0 });
    await db.commitLog.commit([ns, p1, p2]);
    await db.commitLog.commit([{ ...p2, resourceVersion: 4, object: null }]);
    await db.close();

    const again = await openDatabase({ dataDir });
    try {
      expect(again.migrationsApplied).toEqual([]);
      const snap = await again.loadSnapshot();
      expect(snap.resourceVersion).toBe(4);
      expect(snap.objects.sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)))).toEqual([p1.object, ns.object].sort((a, b) => String(a?.metadata.name).localeCompare(String(b?.metadata.name))));
      // The Prisma client sees the same rows.
      const rows = await again.prisma.storedObject.findMany({ orderBy: { name: "asc" } });
      expect(rows.map((r) => [r.resource, r.namespace, r.name, r.resourceVersion])).toEqual([
        ["/namespaces", "", "team-a", 1n],
        ["/pods", "default", "web-1", 2n],
      ]);
      expect(await again.prisma.clusterState.findUnique({ where: { key: "resourceVersion" } })).toEqual({ key: "resourceVersion", value: 4n });
    } finally {
      await again.close();
    }
  });

  it("rebuilds a MemoryStore after a restart exactly as it was acknowledged", async () => {
    const pods = resourceTypeFor("v1", "Pod")!;
    const db = await openDatabase({ dataDir });
    const store = new MemoryStore({ clock: new FakeClock(), commitLog: db.commitLog, snapshot: await db.loadSnapshot() });
    await store.create(makeNamespace("team-a").build());
    await Promise.all(["a", "b", "c"].map((n) => store.create(makePod(n).namespace("team-a").build())));
    const b = structuredClone(store.get(pods, "team-a", "b")!);
    b.metadata.labels = { tier: "web" };
    await store.update(b);
    await store.delete(pods, "team-a", "c");
    const before = { list: store.list(pods, { namespace: "team-a" }).items, rv: store.resourceVersion() };
    store.stop();
    await db.close();

    const db2 = await openDatabase({ dataDir });
    try {
      const store2 = new MemoryStore({ clock: new FakeClock(), commitLog: db2.commitLog, snapshot: await db2.loadSnapshot() });
      expect(store2.resourceVersion()).toBe(before.rv);
      expect(store2.list(pods, { namespace: "team-a" }).items).toEqual(before.list);
      const d = await store2.create(makePod("d").namespace("team-a").build());
      expect(Number(d.metadata.resourceVersion)).toBe(Number(before.rv) + 1);
      store2.stop();
    } finally {
      await db2.close();
    }
  });

  it("refuses a data directory that is already open, until it is closed", async () => {
    const db = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toThrow(`data directory ${dataDir} is in use by process ${process.pid}`);
    await db.close();
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it("refuses to start on a database whose applied migration was edited", async () => {
    const migrationsDir = path.join(path.dirname(dataDir), "migrations");
    fs.cpSync(path.resolve("prisma", "migrations"), migrationsDir, { recursive: true });
    await (await openDatabase({ dataDir, migrationsDir })).close();
    fs.appendFileSync(path.join(migrationsDir, "20250101000000_object_store", "migration.sql"), "\n-- edited\n");
    await expect(openDatabase({ dataDir, migrationsDir })).rejects.toThrow(/was modified after it was applied/);
    // The failed open let go of the directory.
    fs.rmSync(migrationsDir, { recursive: true });
    await (await openDatabase({ dataDir })).close();
  });
});
