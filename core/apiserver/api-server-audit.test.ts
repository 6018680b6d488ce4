// Why: proves every write through a transport's client reports exactly one audit record (allowed or refused, with Kubernetes' code and reason), and that reads, controller writes and a broken sink change nothing.

import { describe, expect, it } from "vitest";
import { resourceTypeFor } from "../api/resources";
import type { KubeObject } from "../api/types";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import type { ObjectClient } from "../store/types";
import { ApiServer, type ClientOptions } from "./api-server";
import type { AuditRecord } from "./audit";
import type { AuthorizationAttributes, Authorizer } from "./authorizer";
import type { UserInfo } from "./types";
import { failure } from "../testing/api-failure";

const bob: UserInfo = { name: "bob", groups: ["devs", "system:authenticated"] };
const CM = resourceTypeFor("v1", "ConfigMap")!;
const NS = resourceTypeFor("v1", "Namespace")!;
const DEPLOY = resourceTypeFor("apps/v1", "Deployment")!;
const START = Date.parse("2026-12-04T12:00:00Z");

async function setup(opts: { authorizer?: Authorizer; sink?: (r: AuditRecord) => void } = {}) {
  const clock = new FakeClock(START);
  const store = new MemoryStore({ clock });
  for (const name of ["default", "demo"]) await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  const records: AuditRecord[] = [];
  const server = new ApiServer({ store, clock, authorizer: opts.authorizer, audit: opts.sink ?? ((r) => records.push(r)) });
  const client = (o: ClientOptions = { source: "rest" }) => server.client(bob, o);
  return { clock, store, server, records, client };
}

const cm = (name = "cfg", data: Record<string, string> = { a: "1" }): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "demo", labels: { app: "x" } }, data });

const base = { user: "bob", groups: ["devs", "system:authenticated"], apiGroup: "", resource: "configmaps", namespace: "demo", source: "rest" };

describe("audit records of the pipeline", () => {
  it("an allowed create is one record: who, what, which object, 201, the Clock's time", async () => {
    const { records, client, clock } = await setup();
    await clock.advance(1500);
    await client().create(cm());
    expect(records).toEqual([{ ...base, time: START + 1500, verb: "create", name: "cfg", allowed: true, code: 201 }]);
  });

  it("update, patch, delete and deletecollection are one record each, with 200", async () => {
    const { records, client, store } = await setup();
    await store.create(cm("a"));
    await store.create(cm("b"));
    await store.create(cm("c"));
    const c = client();
    const live = c.get(CM, "demo", "a")!;
    await c.update({ ...live, data: { a: "2" } });
    const patched = { ...c.get(CM, "demo", "a")!, data: { a: "3" } };
    await c.update(patched, { verb: "patch" } as object);
    await c.delete(CM, "demo", "b");
    const deleter = c as ObjectClient & { deleteCollection(t: typeof CM, l: object): Promise<{ items: KubeObject[] }> };
    const gone = await deleter.deleteCollection(CM, { namespace: "demo" });
    expect(gone.items.map((o) => o.metadata.name).sort()).toEqual(["a", "c"]);
    expect(records.map(({ verb, name, code, allowed }) => ({ verb, name, code, allowed }))).toEqual([
      { verb: "update", name: "a", code: 200, allowed: true },
      { verb: "patch", name: "a", code: 200, allowed: true },
      { verb: "delete", name: "b", code: 200, allowed: true },
      { verb: "deletecollection", name: undefined, code: 200, allowed: true },
    ]);
    expect(records.every((r) => r.namespace === "demo" && r.resource === "configmaps" && r.source === "rest")).toBe(true);
  });

  it("a server-side apply that creates is a patch answered 201; a scale write names its subresource", async () => {
    const { records, client, store } = await setup();
    await client({ source: "console" }).create(cm("new"), { verb: "patch" } as object);
    const deploy: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "demo" },
      spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    };
    await store.create(deploy);
    const live = store.get(DEPLOY, "demo", "web")!;
    await client({ source: "console" }).update({ ...live, spec: { ...live.spec, replicas: 3 } }, { managedSubresource: "scale" } as object);
    expect(records.map(({ verb, resource, subresource, name, code, source }) => ({ verb, resource, subresource, name, code, source }))).toEqual([
      { verb: "patch", resource: "configmaps", subresource: undefined, name: "new", code: 201, source: "console" },
      { verb: "update", resource: "deployments", subresource: "scale", name: "web", code: 200, source: "console" },
    ]);
  });

  it("a create with generateName names no object", async () => {
    const { records, client } = await setup();
    await client().create({ apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "cfg-", namespace: "demo" } });
    expect(records).toHaveLength(1);
    expect(records[0].name).toBeUndefined();
  });

  it("an authorization refusal is allowed=false, 403 Forbidden", async () => {
    const denyWrites: Authorizer = { authorize: (a: AuthorizationAttributes) => ({ allowed: !["create", "update", "delete"].includes(a.verb) }) };
    const { records, client, store } = await setup({ authorizer: denyWrites });
    expect((await failure(client().create(cm()))).status.code).toBe(403);
    await failure(client().delete(CM, "demo", "nope"));
    expect(store.get(CM, "demo", "cfg")).toBeUndefined();
    expect(records.map(({ verb, name, allowed, code, reason }) => ({ verb, name, allowed, code, reason }))).toEqual([
      { verb: "create", name: "cfg", allowed: false, code: 403, reason: "Forbidden" },
      { verb: "delete", name: "nope", allowed: false, code: 403, reason: "Forbidden" },
    ]);
  });

  it("an invalid object is authorized (allowed=true) and answered 422 Invalid; a second create is 409 AlreadyExists", async () => {
    const { records, client } = await setup();
    await failure(client().create(cm("Not_Valid")));
    await client().create(cm());
    await failure(client().create(cm()));
    await failure(client().delete(CM, "demo", "missing"));
    expect(records.map(({ allowed, code, reason }) => ({ allowed, code, reason }))).toEqual([
      { allowed: true, code: 422, reason: "Invalid" },
      { allowed: true, code: 201, reason: undefined },
      { allowed: true, code: 409, reason: "AlreadyExists" },
      { allowed: true, code: 404, reason: "NotFound" },
    ]);
  });

  it("an admission refusal after authorization (an immortal namespace) is allowed=true, 403", async () => {
    const { records, client } = await setup();
    await failure(client().delete(NS, undefined, "default"));
    expect(records).toMatchObject([{ verb: "delete", resource: "namespaces", name: "default", namespace: "default", allowed: true, code: 403, reason: "Forbidden" }]);
  });

  it("reads are not audited", async () => {
    const { records, client, store } = await setup();
    await store.create(cm());
    const c = client();
    c.get(CM, "demo", "cfg");
    c.list(CM, { namespace: "demo" });
    c.watch(CM, { namespace: "demo" }, () => {}).stop();
    expect(records).toEqual([]);
  });

  it("writes of a client without a source (controllers, kubelets) are not audited", async () => {
    const { records, server } = await setup();
    await server.client({ name: "system:kube-controller-manager", groups: [] }).create(cm());
    await server.client(bob, { fieldManager: "x" }).delete(CM, "demo", "cfg");
    expect(records).toEqual([]);
  });

  it("dry-run writes are audited (as Kubernetes does), marked dryRun; the impersonator is recorded", async () => {
    const { records, client, store } = await setup();
    await client({ source: "rest", impersonatedBy: "admin" }).create(cm(), { dryRun: true });
    expect(store.get(CM, "demo", "cfg")).toBeUndefined();
    expect(records).toMatchObject([{ user: "bob", verb: "create", code: 201, dryRun: true, impersonatedBy: "admin" }]);
  });

  it("a throwing sink does not fail the request", async () => {
    const { client, store } = await setup({
      sink: () => {
        throw new Error("disk full");
      },
    });
    await expect(client().create(cm())).resolves.toMatchObject({ metadata: { name: "cfg" } });
    expect(store.get(CM, "demo", "cfg")).toBeDefined();
    await expect(failure(client().create(cm()))).resolves.toMatchObject({ status: { reason: "AlreadyExists" } });
  });

  it("apply records each document's write: create 201, patch 200, nothing for an unchanged one, the refusal of a bad one", async () => {
    const { records, server } = await setup();
    const doc = (name: string, v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: demo}\ndata: {a: "${v}"}\n`;
    await server.apply(bob, [doc("one", "1"), doc("two", "1")].join("---\n"), { source: "console" });
    await server.apply(bob, [doc("one", "1"), doc("two", "2")].join("---\n"), { source: "console" });
    await failure(server.apply(bob, doc("Bad_Name", "1"), { source: "console" }));
    await server.apply(bob, doc("three", "1"));
    expect(records.map(({ verb, name, code, reason, source }) => ({ verb, name, code, reason, source }))).toEqual([
      { verb: "create", name: "one", code: 201, reason: undefined, source: "console" },
      { verb: "create", name: "two", code: 201, reason: undefined, source: "console" },
      { verb: "patch", name: "two", code: 200, reason: undefined, source: "console" },
      { verb: "create", name: "Bad_Name", code: 422, reason: "Invalid", source: "console" },
    ]);
  });

  it("apply's authorization refusal is allowed=false", async () => {
    const readOnly: Authorizer = { authorize: (a) => ({ allowed: a.verb === "get" }) };
    const { records, server } = await setup({ authorizer: readOnly });
    await failure(server.apply(bob, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: demo}\n", { source: "graphql" }));
    expect(records).toMatchObject([{ verb: "create", name: "x", allowed: false, code: 403, reason: "Forbidden", source: "graphql" }]);
  });
});

describe("authorization of namespace requests", () => {
  it("a named Namespace is asked in that namespace (get, update, delete); list and create stay cluster-scoped", async () => {
    const asked: AuthorizationAttributes[] = [];
    const { client } = await setup({ authorizer: { authorize: (a) => (asked.push(a), { allowed: true }) } });
    const c = client();
    c.get(NS, undefined, "demo");
    c.list(NS);
    await c.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "extra" } });
    await c.update({ ...c.get(NS, undefined, "extra")!, metadata: { ...c.get(NS, undefined, "extra")!.metadata, labels: { a: "b" } } });
    await c.delete(NS, undefined, "extra");
    const shown = asked.map((a) => `${a.verb} ${a.name ?? "-"} ns=${a.namespace ?? "-"}`);
    expect(shown).toEqual(["get demo ns=demo", "list - ns=-", "create - ns=-", "get extra ns=extra", "get extra ns=extra", "update extra ns=extra", "delete extra ns=extra"]);
  });
});
