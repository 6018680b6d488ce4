// Why: field-level checks (Secret values, logs, events) and filtered paging are GraphQL's own logic; a small rule-based authorizer pins each behaviour.

import { describe, it, expect, beforeEach } from "vitest";
import type { AuthorizationAttributes, Authorizer } from "@/core/apiserver/authorizer";
import { makePod } from "@/core/testing/builders";
import { NAMESPACES } from "@/server/services/visible-list";
import { makeTestGraphQL, type TestGraphQL } from "./testing/client";

/** "verb resource[/sub] namespace [name]" strings bob is granted; `*` as namespace means cluster-wide. */
function grants(...rules: string[]): Authorizer {
  return {
    authorize: (a: AuthorizationAttributes) => {
      if (a.user.name !== "bob") return { allowed: true };
      const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
      return {
        allowed: rules.some((r) => {
          const [verb, resource, ns, name] = r.split(" ");
          return verb === a.verb && resource === res && (ns === "*" || ns === a.namespace) && (!name || name === a.name);
        }),
      };
    },
  };
}

const bob = { name: "bob", groups: ["system:authenticated"] };
const SECRET = `apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: team }
data: { password: c2VjcmV0, user: Ym9i }
`;

let t: TestGraphQL;
async function setup(...rules: string[]) {
  t = await makeTestGraphQL({ authorizer: grants(...rules), user: bob });
  for (const ns of ["team", "other", "zeta"]) await t.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  // As the admin (the authorizer allows everyone but bob): kubectl apply records the last-applied annotation, values included.
  await t.rt.apiServer.apply({ name: "admin", groups: [] }, SECRET);
}

describe("Secret values need get on that secret", () => {
  it("with list but not get: the secret is listed, its values are null (no error), raw and yaml carry none", async () => {
    await setup("list secrets team");
    const r = await t.gql(`{ secrets(namespace: "team") { items { name type keys data raw yaml } } }`);
    expect(r.errors).toBeUndefined();
    const [s] = (r.data as { secrets: { items: { name: string; type: string; keys: string[]; data: unknown; raw: Record<string, unknown> & { metadata: { annotations?: object } }; yaml: string }[] } }).secrets.items;
    expect(s).toMatchObject({ name: "creds", type: "Opaque", keys: ["password", "user"], data: null });
    expect(s.raw.data).toBeUndefined();
    expect(s.raw.metadata.annotations).toBeUndefined();
    expect(s.yaml).not.toContain("c2VjcmV0");
  });

  it("with get on that one secret: values in data, raw and yaml", async () => {
    await setup("list secrets team", "get secrets team creds");
    const r = await t.gql(`{ secrets(namespace: "team") { items { data raw } } secret(namespace: "team", name: "creds") { yaml } }`);
    expect(r.errors).toBeUndefined();
    const d = r.data as { secrets: { items: { data: unknown; raw: { data: unknown } }[] }; secret: { yaml: string } };
    expect(d.secrets.items[0].data).toEqual({ password: "c2VjcmV0", user: "Ym9i" });
    expect(d.secrets.items[0].raw.data).toEqual({ password: "c2VjcmV0", user: "Ym9i" });
    expect(d.secret.yaml).toContain("c2VjcmV0");
  });

  it("a watch of secrets and a delete result carry no values without get", async () => {
    await setup("watch secrets team", "delete secrets team");
    const sub = await t.subscribe(`subscription { watch(kind: "secrets", namespace: "team") { type object } }`);
    const ev = (await sub.next())?.data as { watch: { object: { data?: unknown; metadata: { name: string } } } };
    expect(ev.watch.object.metadata.name).toBe("creds");
    expect(ev.watch.object.data).toBeUndefined();
    await sub.close();
    // delete needs no get, and pending is read without one.
    const del = await t.gql(`mutation { delete(kind: "secret", namespace: "team", name: "creds") { name pending object } }`);
    expect(del.errors).toBeUndefined();
    expect(del.data).toMatchObject({ delete: { name: "creds", pending: false } });
    expect((del.data as { delete: { object: { data?: unknown } } }).delete.object.data).toBeUndefined();
  });
});

describe("logs and events are their own requests", () => {
  beforeEach(async () => {
    await setup("get pods team", "list pods team");
    await t.seed(makePod("web").namespace("team").build());
    t.logs.set("team/web/", "hello\n");
  });

  it("Pod.logs and Pod.events without permission: null and a Forbidden error on that field only", async () => {
    const r = await t.gql(`{ pod(namespace: "team", name: "web") { name logs events { reason } } }`);
    expect(r.data).toEqual({ pod: { name: "web", logs: null, events: null } });
    expect(r.errors?.map((e) => [e.path?.join("."), e.extensions?.code, e.message]).sort()).toEqual([
      ["pod.events", "Forbidden", 'events is forbidden: User "bob" cannot list resource "events" in API group "" in the namespace "team"'],
      ["pod.logs", "Forbidden", 'pods "web" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "team"'],
    ]);
  });

  it("podLogs needs only get pods/log (as kubectl logs), not get pods", async () => {
    await setup("get pods/log team");
    await t.seed(makePod("web").namespace("team").build());
    t.logs.set("team/web/", "hello\n");
    expect((await t.gql(`{ podLogs(namespace: "team", name: "web") }`)).data).toEqual({ podLogs: "hello\n" });
    const missing = await t.gql(`{ podLogs(namespace: "team", name: "nope") }`);
    expect(missing.errors?.[0].extensions?.code).toBe("NotFound");
  });
});

describe("filtered lists page across namespaces", () => {
  it("pages through the allowed namespaces with limit/continue, and refuses a foreign token", async () => {
    await setup("list pods team", "list pods zeta");
    for (const ns of ["team", "other", "zeta"]) for (const n of ["a", "b"]) await t.seed(makePod(n).namespace(ns).build());
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await t.gql(`query($c: String) { pods(limit: 3, continue: $c) { items { namespace name } continue } }`, { c: token ?? null });
      expect(r.errors).toBeUndefined();
      const page = (r.data as { pods: { items: { namespace: string; name: string }[]; continue: string | null } }).pods;
      seen.push(...page.items.map((p) => `${p.namespace}/${p.name}`));
      token = page.continue ?? undefined;
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(["team/a", "team/b", "zeta/a", "zeta/b"]);
    const bad = await t.gql(`{ pods(limit: 3, continue: "bm9wZQ==") { items { name } } }`);
    expect(bad.errors?.[0].extensions?.code).toBe("BadRequest");
  });

  it("namespaces: those bob may get by name, paged by name; a namespaces watch streams the same set", async () => {
    await setup("get namespaces team team", "get namespaces zeta zeta");
    const first = await t.gql(`{ namespaces(limit: 1) { items { name } continue remainingItemCount } }`);
    const p1 = (first.data as { namespaces: { items: { name: string }[]; continue: string; remainingItemCount: number } }).namespaces;
    expect(p1.items.map((n) => n.name)).toEqual(["team"]);
    expect(p1.remainingItemCount).toBe(1);
    const second = await t.gql(`query($c: String) { namespaces(limit: 1, continue: $c) { items { name } continue } }`, { c: p1.continue });
    expect(second.data).toEqual({ namespaces: { items: [{ name: "zeta" }], continue: null } });
    expect((await t.gql(`{ namespace(name: "zeta") { name } }`)).data).toEqual({ namespace: { name: "zeta" } });
    expect((await t.gql(`{ namespace(name: "other") { name } }`)).errors?.[0].extensions?.code).toBe("Forbidden");

    const sub = await t.subscribe(`subscription { watch(kind: "namespaces") { type name } }`);
    const names = [(await sub.next())?.data, (await sub.next())?.data].map((d) => (d as { watch: { name: string } }).watch.name).sort();
    expect(names).toEqual(["team", "zeta"]);
    await t.store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "later" } });
    const zeta = structuredClone(t.store.get(NAMESPACES, undefined, "zeta")!);
    zeta.metadata.labels = { x: "1" };
    await t.store.update(zeta);
    expect((await sub.next())?.data).toEqual({ watch: { type: "MODIFIED", name: "zeta" } });
    await sub.close();
  });
});

describe("a context without a user", () => {
  it("refuses every resolver with 401 Unauthorized (the HTTP plugin normally stops anonymous requests first)", async () => {
    const { queryResolvers } = await import("./resolvers/query");
    const t2 = await makeTestGraphQL();
    const ctx = { rt: t2.rt, user: undefined, budget: undefined as never };
    expect(() => queryResolvers.pods(undefined, {}, ctx)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: "Unauthorized" }) }));
  });
});
