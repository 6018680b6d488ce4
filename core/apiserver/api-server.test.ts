import { describe, it, expect } from "vitest";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import { resourceTypeFor } from "../api/resources";
import type { KubeObject } from "../api/types";
import { ApiError } from "../api/errors";
import { ApiServer } from "./api-server";
import type { AuthorizationAttributes, Authorizer } from "./authorizer";
import type { UserInfo } from "./types";

/* eslint-disable @typescript-eslint/no-explicit-any */
const bob: UserInfo = { name: "bob", groups: ["system:authenticated"] };
const NS = resourceTypeFor("v1", "Namespace")!;
const POD = resourceTypeFor("v1", "Pod")!;
const DEPLOY = resourceTypeFor("apps/v1", "Deployment")!;

async function setup(authorizer?: Authorizer) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const name of ["default", "demo", "kube-system"]) await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  const server = new ApiServer({ store, clock, authorizer });
  return { clock, store, server };
}

const pod = (name = "p", ns = "demo"): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns }, spec: { containers: [{ name: "c", image: "nginx" }] } });
const deployment = (spec: any = {}): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "demo" },
  spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } }, ...spec },
});

async function failure(p: Promise<unknown> | (() => unknown)): Promise<ApiError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("ApiServer client pipeline", () => {
  it("defaults, admits and stores a Pod", async () => {
    const { server } = await setup();
    const p = await server.client(bob).create(pod());
    expect(p.metadata.uid).toBeTruthy();
    expect(p.spec).toMatchObject({ restartPolicy: "Always", serviceAccountName: "default", serviceAccount: "default", priority: 0, enableServiceLinks: true });
    expect(p.spec.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
    expect(p.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  });

  it("refuses an invalid object with 422 and stores nothing", async () => {
    const { server, store } = await setup();
    const e = await failure(server.client(bob).create(deployment({ replicas: -1 })));
    expect(e.code).toBe(422);
    expect(e.message).toBe(`Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`);
    expect(e.status.details?.causes).toEqual([{ reason: "FieldValueInvalid", field: "spec.replicas", message: "Invalid value: -1: must be greater than or equal to 0" }]);
    expect(store.get(DEPLOY, "demo", "web")).toBeUndefined();
  });

  it("applies the strictness option and reports warnings", async () => {
    const { server } = await setup();
    const strict = await failure(server.client(bob, { fieldValidation: "Strict" }).create(deployment({ replica: 2 })));
    expect(strict.code).toBe(400);
    expect(strict.message).toBe(`Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"`);
    const warnings: string[] = [];
    const d = await server.client(bob, { onWarning: (w) => warnings.push(w) }).create(deployment({ replica: 2 }));
    expect(warnings).toEqual([`unknown field "spec.replica"`]);
    expect(d.spec.replica).toBeUndefined();
  });

  it.each([
    { name: "missing namespace", ns: "nowhere", code: 404, message: `namespaces "nowhere" not found` },
    { name: "terminating namespace", ns: "demo", terminating: true, code: 403, message: `pods "p" is forbidden: unable to create new content in namespace demo because it is being terminated` },
  ])("NamespaceLifecycle: $name", async ({ ns, terminating, code, message }) => {
    const { server, store } = await setup();
    if (terminating) {
      await store.create(pod("keeper"));
      await store.delete(NS, undefined, "demo");
      expect(store.get(NS, undefined, "demo")?.metadata.deletionTimestamp).toBeTruthy();
    }
    const e = await failure(server.client(bob).create(pod("p", ns)));
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
    if (terminating) expect(e.status.details?.causes).toEqual([{ reason: "NamespaceTerminating", message: "namespace demo is being terminated", field: "metadata.namespace" }]);
  });

  it.each(["default", "kube-system"])("refuses to delete namespace %s", async (name) => {
    const { server, store } = await setup();
    const e = await failure(server.client(bob).delete(NS, undefined, name));
    expect(e.code).toBe(403);
    expect(e.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    expect(store.get(NS, undefined, name)?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("refuses with 403 in Kubernetes' words when the authorizer denies", async () => {
    const seen: AuthorizationAttributes[] = [];
    const authorizer: Authorizer = {
      authorize: (a) => {
        seen.push(a);
        return { allowed: a.verb !== "delete" && a.verb !== "list" };
      },
    };
    const { server } = await setup(authorizer);
    const c = server.client(bob);
    await c.create(deployment());
    const del = await failure(c.delete(DEPLOY, "demo", "web"));
    expect(del.code).toBe(403);
    expect(del.reason).toBe("Forbidden");
    expect(del.message).toBe(`deployments.apps "web" is forbidden: User "bob" cannot delete resource "deployments" in API group "apps" in the namespace "demo"`);
    const list = await failure(() => c.list(POD));
    expect(list.message).toBe(`pods is forbidden: User "bob" cannot list resource "pods" in API group "" at the cluster scope`);
    expect(seen[0]).toEqual({ user: bob, verb: "create", group: "apps", resource: "deployments", namespace: "demo" });
  });

  it("checks authorization before the body", async () => {
    const { server } = await setup({ authorize: () => ({ allowed: false, reason: "no RBAC policy matched" }) });
    const e = await failure(server.client(bob).create(deployment({ replicas: -1 })));
    expect(e.code).toBe(403);
    expect(e.message).toBe(`deployments.apps is forbidden: User "bob" cannot create resource "deployments" in API group "apps" in the namespace "demo": no RBAC policy matched`);
  });

  it("dry run validates and stores nothing", async () => {
    const { server, store } = await setup();
    const rv = store.resourceVersion();
    const d = await server.client(bob).create(deployment(), { dryRun: true });
    expect(d.spec.replicas).toBe(1);
    expect(store.get(DEPLOY, "demo", "web")).toBeUndefined();
    expect(store.resourceVersion()).toBe(rv);
    await expect(server.client(bob).create(deployment({ replicas: -1 }), { dryRun: true })).rejects.toThrow(/is invalid/);
  });

  it("update validation sees the old object: the selector is immutable", async () => {
    const { server } = await setup();
    const c = server.client(bob);
    const d = structuredClone(await c.create(deployment()));
    d.spec.selector = { matchLabels: { app: "web2" } };
    d.spec.template.metadata.labels = { app: "web2" };
    const e = await failure(c.update(d));
    expect(e.code).toBe(422);
    expect(e.message).toBe(
      `Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`,
    );
  });

  it("updates keep server-set metadata and bump generation on spec change", async () => {
    const { server } = await setup();
    const c = server.client(bob);
    const d = await c.create(deployment());
    const next = structuredClone(d);
    next.spec.replicas = 3;
    delete next.metadata.uid;
    delete next.metadata.creationTimestamp;
    const u = await c.update(next);
    expect(u.metadata.uid).toBe(d.metadata.uid);
    expect(u.metadata.creationTimestamp).toBe(d.metadata.creationTimestamp);
    expect(u.metadata.generation).toBe(2);
    expect(u.spec.replicas).toBe(3);
  });

  it("refuses forbidden pod spec changes on update", async () => {
    const { server } = await setup();
    const c = server.client(bob);
    const p = structuredClone(await c.create(pod()));
    p.spec.restartPolicy = "Never";
    const e = await failure(c.update(p));
    expect(e.code).toBe(422);
    expect(e.status.details?.causes?.[0].field).toBe("spec");
  });

  it("answers unknown kinds with 400", async () => {
    const { server } = await setup();
    const e = await failure(server.client(bob).create({ apiVersion: "v1", kind: "Foo", metadata: { name: "x" } }));
    expect(e.message).toBe(`no matches for kind "Foo" in version "v1"`);
  });
});
