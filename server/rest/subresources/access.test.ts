import { describe, it, expect } from "vitest";
import type { Authorizer } from "@/core/apiserver/authorizer";
import { makeDeployment, makePod } from "@/core/testing/builders";
import { makeTestRuntime } from "@/server/services/testing/test-runtime";
import { bind, evict, getScale, getStatus, patchScale, patchStatus, streamPodLogs } from "./index";

// Why: each subresource is authorized as Kubernetes authorizes it: on the subresource itself, and not again on its parent.

const BOB = { name: "bob", groups: ["system:authenticated"] };

/** Bob may do anything except the one subresource under test. */
const denying = (resource: string, subresource: string): Authorizer => ({
  authorize: (a) => ({ allowed: !(a.resource === resource && a.subresource === subresource) }),
});

describe("subresource authorization", () => {
  it.each([
    { sub: "pods/eviction", call: (rt: never) => evict(rt, BOB, "default", "web", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "web" } }), verb: "create" },
    { sub: "pods/binding", call: (rt: never) => bind(rt, BOB, "default", "web", { apiVersion: "v1", kind: "Binding", metadata: { name: "web" }, target: { name: "n1" } }), verb: "create" },
    { sub: "pods/log", call: (rt: never) => streamPodLogs(rt, BOB, "default", "web", { follow: false, previous: false, timestamps: false }), verb: "get" },
    { sub: "pods/status", call: (rt: never) => getStatus(rt, BOB, "pods", "default", "web"), verb: "get" },
    { sub: "deployments/scale", call: (rt: never) => getScale(rt, BOB, "deployments.apps", "default", "web"), verb: "get", group: "apps" },
  ])("refuses $sub when RBAC does, with Kubernetes' 403", async ({ sub, call, verb, group }) => {
    const [resource, subresource] = sub.split("/");
    const t = await makeTestRuntime({ authorizer: denying(resource, subresource) });
    await t.store.create(makePod("web").build());
    await t.store.create(makeDeployment("web").build());
    const qualified = group ? `${resource}.${group}` : resource;
    await expect(async () => call(t.rt as never)).rejects.toMatchObject({
      code: 403,
      message: `${qualified} "web" is forbidden: User "bob" cannot ${verb} resource "${sub}" in API group "${group ?? ""}" in the namespace "default"`,
    });
  });
});

const ADMIN = { name: "admin", groups: ["system:masters"] };

/** Bob may do only the one subresource verb under test (nothing on the parent); the admin seeds. */
const only = (verb: string, resource: string, subresource: string): Authorizer => ({
  authorize: (a) => ({ allowed: a.user.name === "admin" || (a.verb === verb && a.resource === resource && a.subresource === subresource) }),
});

describe("a subresource grant alone is enough, as in Kubernetes", () => {
  it.each([
    { grant: ["patch", "deployments", "scale"], call: (rt: never) => patchScale(rt, BOB, "deployments.apps", "default", "web", "application/merge-patch+json", { spec: { replicas: 4 } }), check: (o: { spec?: { replicas?: number } }) => expect(o.spec?.replicas).toBe(4), kind: "deployments" },
    { grant: ["get", "deployments", "scale"], call: (rt: never) => getScale(rt, BOB, "deployments.apps", "default", "web"), kind: "deployments" },
    { grant: ["patch", "pods", "status"], call: (rt: never) => patchStatus(rt, BOB, "pods", "default", "web", "application/merge-patch+json", { status: { message: "hi" } }), check: (o: { status?: { message?: string } }) => expect(o.status?.message).toBe("hi"), kind: "pods" },
    { grant: ["create", "pods", "binding"], call: (rt: never) => bind(rt, BOB, "default", "web", { apiVersion: "v1", kind: "Binding", metadata: { name: "web" }, target: { name: "n1" } }), check: (o: { spec?: { nodeName?: string } }) => expect(o.spec?.nodeName).toBe("n1"), kind: "pods" },
    { grant: ["create", "pods", "eviction"], call: (rt: never) => evict(rt, BOB, "default", "web", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "web" } }), check: (o: unknown) => expect(o).toBeUndefined(), kind: "pods" },
    { grant: ["get", "pods", "log"], call: (rt: never) => streamPodLogs(rt, BOB, "default", "web", { follow: false, previous: false, timestamps: false }), kind: "pods" },
  ])("$grant.0 $grant.1/$grant.2", async ({ grant, call, check, kind }) => {
    const [verb, resource, subresource] = grant;
    const t = await makeTestRuntime({ authorizer: only(verb, resource, subresource) });
    t.rt.readLogs = () => "hello\n";
    const admin = t.rt.apiServer.client(ADMIN);
    await admin.create(makePod("web").build());
    await admin.create(makeDeployment("web").replicas(1).build());
    await call(t.rt as never);
    if (check) {
      const type = kind === "pods" ? { group: "", plural: "pods" } : { group: "apps", plural: "deployments" };
      const stored = t.store.list({ ...type } as never).items.find((o) => o.metadata.name === "web");
      check(stored as never);
    }
  });
});
