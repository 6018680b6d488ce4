// Why: the REST handler end to end over a real apiserver pipeline and in-memory store: verbs, lists, watch lines, errors as Status, 401/413/415.

import { beforeEach, describe, expect, it } from "vitest";
import { resourceTypeByPlural } from "@/core/api/resources";
import { ApiServer } from "@/core/apiserver/api-server";
import type { UserInfo } from "@/core/apiserver/types";
import { FakeClock } from "@/core/clock/fake-clock";
import { MemoryStore } from "@/core/store/memory-store";
import type { ClusterRuntime } from "@/server/runtime/types";
import { createRestHandler, fieldManagerOf } from "./handle-rest";

const ADMIN: UserInfo = { name: "admin", groups: ["system:masters"] };
const BASE = "http://wh.test";

let handle: (r: Request) => Promise<Response>;
let store: MemoryStore;

function req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  const init: RequestInit = { method, headers: { authorization: "Bearer good", ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  return new Request(`${BASE}${path}`, init);
}

const deployment = (name: string, replicas = 1) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
});

beforeEach(async () => {
  const clock = new FakeClock();
  store = new MemoryStore({ clock });
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  const apiServer = new ApiServer({ store, clock });
  const rt: ClusterRuntime = { clock, clockSpeed: 1, store, apiServer, readLogs: () => "hello\n", shutdown: async () => undefined };
  handle = createRestHandler({ runtime: async () => rt, authenticate: async (r) => (r.headers.get("authorization") === "Bearer good" ? ADMIN : undefined) });
});

describe("REST handler", () => {
  it("answers 401 with a Status without a valid token", async () => {
    const res = await handle(new Request(`${BASE}/api/v1/pods`));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });

  it("creates (201), gets, lists as DeploymentList, and deletes", async () => {
    const created = await handle(req("POST", "/apis/apps/v1/namespaces/default/deployments", deployment("web")));
    expect(created.status).toBe(201);
    expect((await created.json()).metadata).toMatchObject({ name: "web", namespace: "default", generation: 1 });
    const got = await handle(req("GET", "/apis/apps/v1/namespaces/default/deployments/web"));
    expect((await got.json()).spec.replicas).toBe(1);
    const list = await (await handle(req("GET", "/apis/apps/v1/deployments"))).json();
    expect(list).toMatchObject({ kind: "DeploymentList", apiVersion: "apps/v1", metadata: { resourceVersion: expect.any(String) } });
    expect(list.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual(["web"]);
    expect((await handle(req("DELETE", "/apis/apps/v1/namespaces/default/deployments/web"))).status).toBe(200);
    const gone = await handle(req("GET", "/apis/apps/v1/namespaces/default/deployments/web"));
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ reason: "NotFound", message: 'deployments.apps "web" not found' });
  });

  it("pages lists with limit and continue", async () => {
    for (const n of ["a", "b", "c"]) await handle(req("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: n } }));
    const first = await (await handle(req("GET", "/api/v1/namespaces/default/configmaps?limit=2"))).json();
    expect(first.items).toHaveLength(2);
    expect(first.metadata).toMatchObject({ continue: expect.any(String), remainingItemCount: 1 });
    const second = await (await handle(req("GET", `/api/v1/namespaces/default/configmaps?limit=2&continue=${encodeURIComponent(first.metadata.continue)}`))).json();
    expect(second.items.map((c: { metadata: { name: string } }) => c.metadata.name)).toEqual(["c"]);
  });

  it("dryRun=All stores nothing", async () => {
    const res = await handle(req("POST", "/apis/apps/v1/namespaces/default/deployments?dryRun=All", deployment("dry")));
    expect(res.status).toBe(201);
    expect((await handle(req("GET", "/apis/apps/v1/namespaces/default/deployments/dry"))).status).toBe(404);
  });

  it.each([
    { fv: "Strict", status: 400, warning: null },
    { fv: "Warn", status: 201, warning: /^299 - "unknown field \\"spec.replica\\""$/ },
    { fv: "Ignore", status: 201, warning: null },
  ])("fieldValidation=$fv on an unknown field", async ({ fv, status, warning }) => {
    const body = deployment(`fv-${fv.toLowerCase()}`) as Record<string, unknown> & { spec: Record<string, unknown> };
    body.spec.replica = 3;
    const res = await handle(req("POST", `/apis/apps/v1/namespaces/default/deployments?fieldValidation=${fv}`, body));
    expect(res.status).toBe(status);
    if (warning) expect(res.headers.get("warning")).toMatch(warning);
    else expect(res.headers.get("warning")).toBeNull();
  });

  it("merge-patches a deployment and patches its scale", async () => {
    await handle(req("POST", "/apis/apps/v1/namespaces/default/deployments", deployment("web")));
    const patched = await handle(req("PATCH", "/apis/apps/v1/namespaces/default/deployments/web", { metadata: { labels: { tier: "front" } } }, { "content-type": "application/merge-patch+json" }));
    expect(patched.status).toBe(200);
    expect((await patched.json()).metadata.labels).toEqual({ tier: "front" });
    const scaled = await handle(req("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", { spec: { replicas: 4 } }, { "content-type": "application/merge-patch+json" }));
    expect(await scaled.json()).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 4 }, status: { selector: "app=web" } });
    expect(store.get(resourceTypeByPlural("apps", "deployments")!, "default", "web")).toMatchObject({ spec: { replicas: 4 } });
  });

  it.each([
    { name: "unknown resource", r: () => req("GET", "/apis/apps/v1/frobs"), code: 404 },
    { name: "unknown group version", r: () => req("GET", "/apis/nope/v1"), code: 404 },
    { name: "protobuf body", r: () => req("POST", "/api/v1/namespaces/default/configmaps", "x", { "content-type": "application/vnd.kubernetes.protobuf" }), code: 415 },
    { name: "patch with a non-patch type", r: () => req("PATCH", "/api/v1/namespaces/default/configmaps/a", "{}", { "content-type": "application/json" }), code: 415 },
    { name: "bad JSON", r: () => req("POST", "/api/v1/namespaces/default/configmaps", "{", { "content-type": "application/json" }), code: 400 },
    { name: "namespace mismatch", r: () => req("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "other" } }), code: 400 },
    { name: "body over 3 MiB", r: () => req("POST", "/api/v1/namespaces/default/configmaps", "x".repeat(3 * 1024 * 1024 + 1)), code: 413 },
  ])("$name → $code Status", async ({ r, code }) => {
    const res = await handle(r());
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject({ kind: "Status", status: "Failure", code });
  });

  it("streams a watch as JSON lines and ends at timeoutSeconds", async () => {
    await handle(req("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "w1" } }));
    const res = await handle(req("GET", "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1"));
    expect(res.headers.get("content-type")).toBe("application/json");
    const reader = res.body!.getReader();
    await handle(req("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "w2" } }));
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const events = text.trim().split("\n").map((l) => JSON.parse(l));
    expect(events.map((e: { type: string; object: { metadata: { name: string } } }) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED w1", "ADDED w2"]);
  });

  it("sends 410 Expired as an ERROR event when the resourceVersion is too old", async () => {
    const small = new MemoryStore({ clock: new FakeClock(), historySize: 1 });
    await small.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
    for (const n of ["a", "b", "c"]) await small.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: n, namespace: "default" } });
    const clock = new FakeClock();
    const rt: ClusterRuntime = { clock, clockSpeed: 1, store: small, apiServer: new ApiServer({ store: small, clock }), readLogs: () => "", shutdown: async () => undefined };
    const h = createRestHandler({ runtime: async () => rt, authenticate: async () => ADMIN });
    const res = await h(req("GET", "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1"));
    expect(res.status).toBe(200);
    const line = JSON.parse((await res.text()).trim());
    expect(line).toMatchObject({ type: "ERROR", object: { kind: "Status", code: 410, reason: "Expired" } });
  });

  it("returns a Table when kubectl asks for one", async () => {
    await handle(req("POST", "/apis/apps/v1/namespaces/default/deployments", deployment("web")));
    const res = await handle(req("GET", "/apis/apps/v1/namespaces/default/deployments", undefined, { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json" }));
    const table = await res.json();
    expect(table).toMatchObject({ kind: "Table", apiVersion: "meta.k8s.io/v1" });
    expect(table.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 4)).toEqual(["Name", "Ready", "Up-to-date", "Available"]);
    expect(table.rows[0].cells[0]).toBe("web");
  });

  it("serves pod logs as text", async () => {
    await store.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" }, spec: { containers: [{ name: "c", image: "busybox" }] } });
    const res = await handle(req("GET", "/api/v1/namespaces/default/pods/p/log?tailLines=5"));
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(await res.text()).toBe("hello\n");
  });
});

describe("server-side apply", () => {
  const apply = (body: unknown, query: string) =>
    handle(req("PATCH", `/apis/apps/v1/namespaces/default/deployments/web?${query}`, body, { "content-type": "application/apply-patch+yaml" }));

  it("creates with 201, records the manager, and a second manager conflicts unless forced", async () => {
    const created = await apply(deployment("web", 2), "fieldManager=alice");
    expect(created.status).toBe(201);
    const obj = await created.json();
    expect(obj.metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`)).toEqual(["alice/Apply"]);
    const clash = await apply(deployment("web", 5), "fieldManager=bob");
    expect(clash.status).toBe(409);
    expect((await clash.json()).message).toContain(".spec.replicas");
    const forced = await apply(deployment("web", 5), "fieldManager=bob&force=true");
    expect(forced.status).toBe(200);
    expect((await forced.json()).spec.replicas).toBe(5);
  });

  it("needs a fieldManager", async () => {
    expect((await apply(deployment("web"), "")).status).toBe(400);
  });
});

describe("metrics.k8s.io", () => {
  it("lists node metrics from the runtime's metrics source, and 404s without one", async () => {
    expect((await handle(req("GET", "/apis/metrics.k8s.io/v1beta1/nodes"))).status).toBe(404);
    const clock = new FakeClock();
    const metrics = {
      nodeMetrics: () => [{ name: "n1", labels: {}, timestamp: clock.now(), windowMs: 10_000, cpuNanoCores: 250_000_000, memoryBytes: 64 * 1024 * 1024 }],
      podMetrics: () => [],
    };
    const rt = { clock, clockSpeed: 1, store, apiServer: new ApiServer({ store, clock }), readLogs: () => "", shutdown: async () => undefined, metrics } as unknown as ClusterRuntime;
    const h = createRestHandler({ runtime: async () => rt, authenticate: async () => ADMIN });
    const res = await h(req("GET", "/apis/metrics.k8s.io/v1beta1/nodes"));
    expect(res.status).toBe(200);
    const list = await res.json();
    expect(list).toMatchObject({ kind: "NodeMetricsList", items: [{ metadata: { name: "n1" } }] });
  });
});

describe("fieldManagerOf", () => {
  it.each([
    { name: "the query's fieldManager wins", query: { fieldManager: "kubectl-edit" }, agent: "kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07", want: "kubectl-edit" },
    { name: "else the User-Agent before its first slash", query: {}, agent: "kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07", want: "kubectl" },
    { name: "a User-Agent without a slash whole", query: {}, agent: "helm", want: "helm" },
    { name: "at most 128 characters", query: {}, agent: `${"x".repeat(200)}/1`, want: "x".repeat(128) },
    { name: "nothing without either", query: {}, agent: "", want: undefined },
  ])("$name", ({ query, agent, want }) => {
    const req = new Request(BASE, { headers: agent ? { "user-agent": agent } : {} });
    expect(fieldManagerOf(req, query)).toBe(want);
  });

  it.each([
    { name: "too long", manager: "m".repeat(129), method: "POST", message: 'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: must have at most 128 bytes' },
    { name: "unprintable", manager: "bad\tname", method: "PATCH", message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "bad\\tname": invalid character U+0009 (at position 3)' },
  ])("a $name fieldManager is 422", ({ manager, method, message }) => {
    const req = new Request(BASE, { method, body: method === "GET" ? undefined : "{}" });
    expect(() => fieldManagerOf(req, { fieldManager: manager })).toThrow(expect.objectContaining({ status: expect.objectContaining({ code: 422, message }) }));
  });
});

describe("impersonation (kubectl --as)", () => {
  const ALICE: UserInfo = { name: "alice", groups: ["system:authenticated"] };
  let asAlice: (r: Request) => Promise<Response>;

  beforeEach(async () => {
    const clock = new FakeClock();
    const s = new MemoryStore({ clock });
    await s.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
    // alice may impersonate bob and nobody else, and read nothing herself; bob may list configmaps.
    const apiServer = new ApiServer({
      store: s,
      clock,
      authorizer: {
        authorize: (a) => ({
          allowed: (a.user.name === "alice" && a.verb === "impersonate" && a.resource === "users" && a.name === "bob") || (a.user.name === "bob" && a.resource === "configmaps" && a.verb === "list"),
        }),
      },
    });
    const rt: ClusterRuntime = { clock, clockSpeed: 1, store: s, apiServer, readLogs: () => "", shutdown: async () => undefined };
    asAlice = createRestHandler({ runtime: async () => rt, authenticate: async () => ALICE });
  });

  it("acts as the impersonated user once the caller may impersonate them", async () => {
    expect((await asAlice(req("GET", "/api/v1/namespaces/default/configmaps"))).status).toBe(403);
    const res = await asAlice(req("GET", "/api/v1/namespaces/default/configmaps", undefined, { "Impersonate-User": "bob" }));
    expect(res.status).toBe(200);
    const who = await (await asAlice(req("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" }, { "Impersonate-User": "bob" }))).json();
    expect(who.status.userInfo).toMatchObject({ username: "bob", groups: ["system:authenticated"] });
  });

  it("refuses impersonating someone the caller may not, with Kubernetes' Forbidden", async () => {
    const res = await asAlice(req("GET", "/api/v1/namespaces/default/configmaps", undefined, { "Impersonate-User": "carol" }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "Forbidden", message: expect.stringContaining('User "alice" cannot impersonate resource "users" in API group "" at the cluster scope') });
    const group = await asAlice(req("GET", "/api/v1/namespaces/default/configmaps", undefined, { "Impersonate-User": "bob", "Impersonate-Group": "system:masters" }));
    expect(group.status).toBe(403);
    expect((await group.json()).message).toContain('cannot impersonate resource "groups"');
  });
});

describe("serviceaccounts/token (kubectl create token)", () => {
  /** `kubectl create token bot` as kubectl 1.32 sends it (protobuf TokenRequest, empty spec). */
  const TOKEN_REQUEST_PB = Buffer.from("azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIaChAKABIAGgAiACoAMgA4AEIAEgAaBAoAEgAaACIA", "base64");
  let rt: ClusterRuntime;
  let tokenHandle: (r: Request) => Promise<Response>;
  const post = (path: string) =>
    tokenHandle(new Request(`${BASE}${path}`, { method: "POST", headers: { authorization: "Bearer good", "content-type": "application/vnd.kubernetes.protobuf" }, body: TOKEN_REQUEST_PB }));

  beforeEach(async () => {
    const clock = new FakeClock();
    const s = new MemoryStore({ clock });
    await s.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
    await s.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "bot", namespace: "default" } });
    rt = { clock, clockSpeed: 1, store: s, apiServer: new ApiServer({ store: s, clock }), readLogs: () => "", shutdown: async () => undefined };
    tokenHandle = createRestHandler({ runtime: async () => rt, authenticate: async () => ADMIN });
  });

  it("decodes kubectl's protobuf TokenRequest and answers 201 with the token", async () => {
    const issued: unknown[] = [];
    rt.identity = {
      issueServiceAccountToken: async (input: unknown) => {
        issued.push(input);
        return { token: "a.b.c", expirationTimestamp: "2030-01-01T01:00:00Z", audiences: ["https://kubernetes.default.svc.cluster.local"], expirationSeconds: 3600 };
      },
    } as unknown as ClusterRuntime["identity"];
    const res = await post("/api/v1/namespaces/default/serviceaccounts/bot/token");
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "TokenRequest", apiVersion: "authentication.k8s.io/v1", status: { token: "a.b.c", expirationTimestamp: "2030-01-01T01:00:00Z" } });
    expect(issued).toEqual([expect.objectContaining({ namespace: "default", name: "bot", expirationSeconds: 3600 })]);
  });

  it("is 503 without an identity service, 404 under another resource, 405 for GET", async () => {
    expect((await post("/api/v1/namespaces/default/serviceaccounts/bot/token")).status).toBe(503);
    expect((await post("/api/v1/namespaces/default/configmaps/bot/token")).status).toBe(404);
    const get = await tokenHandle(new Request(`${BASE}/api/v1/namespaces/default/serviceaccounts/bot/token`, { headers: { authorization: "Bearer good" } }));
    expect(get.status).toBe(405);
  });
});

describe("writes are authorized before their body is read", () => {
  it.each([
    { method: "POST", path: "/api/v1/namespaces/default/configmaps", body: "{not json", type: "application/json", verb: "create", name: "" },
    { method: "POST", path: "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", body: "\x6b\x38\x73\x00garbage", type: "application/vnd.kubernetes.protobuf", verb: "create", name: "" },
    { method: "PUT", path: "/api/v1/namespaces/default/configmaps/x", body: "[]", type: "application/json", verb: "update", name: 'configmaps "x" ' },
    { method: "PATCH", path: "/api/v1/namespaces/default/configmaps/x", body: "{}", type: "application/x-unknown", verb: "patch", name: 'configmaps "x" ' },
    { method: "PUT", path: "/apis/apps/v1/namespaces/default/deployments/x/scale", body: "nope", type: "application/json", verb: "update", name: 'deployments.apps "x" ' },
  ])("$method $path with a bad body is 403 for a caller who may not $verb", async ({ method, path, body, type, verb, name }) => {
    const clock = new FakeClock();
    const s = new MemoryStore({ clock });
    const apiServer = new ApiServer({ store: s, clock, authorizer: { authorize: () => ({ allowed: false }) } });
    const rt: ClusterRuntime = { clock, clockSpeed: 1, store: s, apiServer, readLogs: () => "", shutdown: async () => undefined };
    const nobody = createRestHandler({ runtime: async () => rt, authenticate: async () => ({ name: "nobody", groups: ["system:authenticated"] }) });
    const res = await nobody(new Request(`${BASE}${path}`, { method, headers: { "content-type": type }, body }));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(new RegExp(`^${name.replace(/[."]/g, "\\$&")}.*is forbidden: User "nobody" cannot ${verb} resource`));
  });
});

it("a PATCH needs only `patch` (no `get`), as in Kubernetes: merge patch and server-side apply", async () => {
  const clock = new FakeClock();
  const s = new MemoryStore({ clock });
  await s.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  await s.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default" }, data: { a: "1" } });
  const apiServer = new ApiServer({ store: s, clock, authorizer: { authorize: (a) => ({ allowed: a.verb === "patch" && a.resource === "configmaps" }) } });
  const rt: ClusterRuntime = { clock, clockSpeed: 1, store: s, apiServer, readLogs: () => "", shutdown: async () => undefined };
  const patcher = createRestHandler({ runtime: async () => rt, authenticate: async () => ({ name: "pat", groups: ["system:authenticated"] }) });
  const path = "/api/v1/namespaces/default/configmaps/c";
  expect((await patcher(new Request(`${BASE}${path}`))).status).toBe(403);
  const merged = await patcher(new Request(`${BASE}${path}`, { method: "PATCH", headers: { "content-type": "application/merge-patch+json" }, body: JSON.stringify({ data: { b: "2" } }) }));
  expect(merged.status).toBe(200);
  expect((await merged.json()).data).toEqual({ a: "1", b: "2" });
  const applied = await patcher(new Request(`${BASE}${path}?fieldManager=me`, { method: "PATCH", headers: { "content-type": "application/apply-patch+yaml" }, body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  z: '9'\n" }));
  expect(applied.status).toBe(200);
  expect((await applied.json()).data).toMatchObject({ z: "9" });
  // Applying an object that does not exist creates it, which needs `create` too (403 here, nothing stored).
  const creating = await patcher(new Request(`${BASE}/api/v1/namespaces/default/configmaps/new?fieldManager=me`, { method: "PATCH", headers: { "content-type": "application/apply-patch+yaml" }, body: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n" }));
  expect(creating.status).toBe(403);
  expect((await creating.json()).message).toBe('configmaps is forbidden: User "pat" cannot create resource "configmaps" in API group "" in the namespace "default"');
  expect(s.get(resourceTypeByPlural("", "configmaps")!, "default", "new")).toBeUndefined();
});
