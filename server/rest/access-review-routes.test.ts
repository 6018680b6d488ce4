// Why: the REST side of access reviews: they answer 201 from the configured authorizer (never stored), creating a SubjectAccessReview is itself authorized, and whoami names the caller.

import { describe, expect, it } from "vitest";
import { ApiServer } from "@/core/apiserver/api-server";
import type { AuthorizationAttributes, Authorizer } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import { FakeClock } from "@/core/clock/fake-clock";
import { MemoryStore } from "@/core/store/memory-store";
import type { ClusterRuntime } from "@/server/runtime/types";
import { createRestHandler } from "./handle-rest";

const BOB: UserInfo = { name: "bob", groups: ["system:authenticated"] };
const BASE = "http://wh.test";

/** Bob may read pods in "demo" and create self reviews; nothing else. */
const authorizer: Authorizer = {
  authorize(a: AuthorizationAttributes) {
    if (a.group === "authorization.k8s.io") return a.resource.startsWith("self") ? { allowed: true } : { allowed: false };
    if (a.group === "" && a.resource === "pods" && a.namespace === "demo" && ["get", "list"].includes(a.verb)) return { allowed: true };
    return { allowed: false, reason: "RBAC: no rule allows it" };
  },
};

async function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  const apiServer = new ApiServer({ store, clock, authorizer });
  const rt: ClusterRuntime = { clock, clockSpeed: 1, store, apiServer, readLogs: () => "", shutdown: async () => undefined };
  const handle = createRestHandler({ runtime: async () => rt, authenticate: async () => BOB });
  return { handle, store };
}

const post = (path: string, body: unknown) => new Request(`${BASE}${path}`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify(body) });
const review = (resourceAttributes: object) => ({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes } });

describe("authorization.k8s.io over REST", () => {
  it.each([
    { attrs: { namespace: "demo", verb: "list", resource: "pods" }, status: { allowed: true } },
    { attrs: { namespace: "demo", verb: "create", group: "apps", resource: "deployments" }, status: { allowed: false, reason: "RBAC: no rule allows it" } },
  ])("a SelfSubjectAccessReview is answered 201 with the authorizer's decision ($attrs.verb $attrs.resource)", async ({ attrs, status }) => {
    const { handle } = await setup();
    const res = await handle(post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review(attrs)));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ kind: "SelfSubjectAccessReview", apiVersion: "authorization.k8s.io/v1", spec: { resourceAttributes: attrs } });
    expect(body.status).toEqual(status);
  });

  it("creating a SubjectAccessReview needs permission for it (403 otherwise)", async () => {
    const { handle } = await setup();
    const res = await handle(post("/apis/authorization.k8s.io/v1/subjectaccessreviews", { kind: "SubjectAccessReview", spec: { user: "alice", resourceAttributes: { verb: "get", resource: "pods" } } }));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toBe('subjectaccessreviews.authorization.k8s.io is forbidden: User "bob" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope');
  });

  it.each([
    { name: "GET of a review kind", req: new Request(`${BASE}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`, { headers: { authorization: "Bearer t" } }), code: 405 },
    { name: "an unknown review resource", req: post("/apis/authorization.k8s.io/v1/whatever", {}), code: 404 },
    { name: "a cluster-scoped review under a namespace", req: post("/apis/authorization.k8s.io/v1/namespaces/demo/selfsubjectaccessreviews", review({})), code: 404 },
    { name: "a review without attributes", req: post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", { kind: "SelfSubjectAccessReview", spec: {} }), code: 422 },
  ])("$name is a $code", async ({ req, code }) => {
    const { handle } = await setup();
    const res = await handle(req);
    expect(res.status).toBe(code);
    expect(await res.json()).toMatchObject({ kind: "Status", code });
  });

  it("a SelfSubjectReview (kubectl auth whoami) answers who the request authenticated as", async () => {
    const { handle } = await setup();
    const res = await handle(post("/apis/authentication.k8s.io/v1/selfsubjectreviews", { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview", metadata: {} }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: "bob", groups: ["system:authenticated"] } },
    });
  });

  it("stores nothing", async () => {
    const { handle, store } = await setup();
    const before = store.resourceVersion();
    await handle(post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review({ verb: "get", resource: "pods" })));
    expect(store.resourceVersion()).toBe(before);
  });
});
