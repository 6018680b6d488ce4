// Why: proves each REST write is audited exactly once with source "rest" and Kubernetes' verb (patch, deletecollection, subresource writes, reviews), reads not at all, and kubectl --as records the impersonator.

import { beforeEach, describe, expect, it } from "vitest";
import { ApiServer } from "@/core/apiserver/api-server";
import type { AuditRecord } from "@/core/apiserver/audit";
import type { UserInfo } from "@/core/apiserver/types";
import { FakeClock } from "@/core/clock/fake-clock";
import { MemoryStore } from "@/core/store/memory-store";
import type { ClusterRuntime } from "@/server/runtime/types";
import { createRestHandler } from "./handle-rest";

const ADMIN: UserInfo = { name: "admin", groups: ["system:masters"] };
const BASE = "http://wh.test";

let handle: (r: Request) => Promise<Response>;
let records: AuditRecord[];

function req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  const init: RequestInit = { method, headers: { authorization: "Bearer good", ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  return new Request(`${BASE}${path}`, init);
}

const deployment = (name: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, labels: { tier: "web" } },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
});

const brief = (r: AuditRecord) => [r.verb, r.resource + (r.subresource ? `/${r.subresource}` : ""), r.name ?? "-", r.code, r.source].join(" ");

beforeEach(async () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  records = [];
  const apiServer = new ApiServer({ store, clock, audit: (r) => records.push(r) });
  const rt: ClusterRuntime = { clock, clockSpeed: 1, store, apiServer, readLogs: () => "", shutdown: async () => undefined };
  handle = createRestHandler({ runtime: async () => rt, authenticate: async (r) => (r.headers.get("authorization") === "Bearer good" ? ADMIN : undefined) });
});

describe("REST audit", () => {
  it("create, get, list, patch, scale, deletecollection: one record per write, none for reads", async () => {
    const path = "/apis/apps/v1/namespaces/default/deployments";
    expect((await handle(req("POST", path, deployment("web")))).status).toBe(201);
    expect((await handle(req("POST", path, deployment("api")))).status).toBe(201);
    await handle(req("GET", `${path}/web`));
    await handle(req("GET", path));
    const patch = await handle(req("PATCH", `${path}/web`, { metadata: { labels: { x: "y" } } }, { "content-type": "application/merge-patch+json" }));
    expect(patch.status).toBe(200);
    const scale = await handle(req("PATCH", `${path}/web/scale`, { spec: { replicas: 3 } }, { "content-type": "application/merge-patch+json" }));
    expect(scale.status).toBe(200);
    expect((await handle(req("DELETE", `${path}?labelSelector=tier%3Dweb`))).status).toBe(200);
    expect(records.map(brief)).toEqual([
      "create deployments web 201 rest",
      "create deployments api 201 rest",
      "patch deployments web 200 rest",
      "patch deployments/scale web 200 rest",
      "deletecollection deployments - 200 rest",
    ]);
    expect(records.every((r) => r.user === "admin" && r.namespace === "default" && r.apiGroup === "apps" && r.allowed)).toBe(true);
  });

  it("a failed write is recorded with its code; an access review is a create", async () => {
    await handle(req("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "Bad_Name" } }));
    const review = { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: { verb: "get", resource: "pods" } } };
    expect((await handle(req("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review))).status).toBe(201);
    expect(records.map((r) => [brief(r), r.allowed, r.reason ?? "-"].join(" "))).toEqual(["create configmaps Bad_Name 422 rest true Invalid", "create selfsubjectaccessreviews - 201 rest true -"]);
  });

  it("kubectl --as: the impersonated user is recorded, with the impersonator", async () => {
    const res = await handle(req("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }, { "Impersonate-User": "jane" }));
    expect(res.status).toBe(201);
    expect(records).toMatchObject([{ user: "jane", impersonatedBy: "admin", verb: "create", name: "c" }]);
  });

  it("a write the authorizer refuses (before its body is read) is recorded once, denied", async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const denied: AuditRecord[] = [];
    const apiServer = new ApiServer({ store, clock, audit: (r) => denied.push(r), authorizer: { authorize: () => ({ allowed: false }) } });
    const rt: ClusterRuntime = { clock, clockSpeed: 1, store, apiServer, readLogs: () => "", shutdown: async () => undefined };
    const asBob = createRestHandler({ runtime: async () => rt, authenticate: async () => ({ name: "bob", groups: ["system:authenticated"] }) });
    expect((await asBob(req("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }))).status).toBe(403);
    expect((await asBob(req("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", { spec: { replicas: 3 } }, { "content-type": "application/merge-patch+json" }))).status).toBe(403);
    expect((await asBob(req("DELETE", "/api/v1/namespaces/default/pods"))).status).toBe(403);
    expect(denied.map((r) => [brief(r), r.user, r.allowed, r.reason].join(" "))).toEqual([
      "create configmaps - 403 rest bob false Forbidden",
      "patch deployments/scale web 403 rest bob false Forbidden",
      "deletecollection pods - 403 rest bob false Forbidden",
    ]);
  });
});
