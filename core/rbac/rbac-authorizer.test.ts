// Why: the authorizer decides who may do what; bindings of every subject kind and scope, Kubernetes' reasons, rules reviews and "who can" must all hold.

import { beforeEach, describe, expect, it } from "vitest";
import type { AuthorizationAttributes } from "../apiserver/authorizer";
import type { UserInfo } from "../apiserver/types";
import type { MemoryStore } from "../store/memory-store";
import { RbacAuthorizer } from "./rbac-authorizer";
import { serviceAccountUser } from "./subjects";
import { groupSubject, makeClusterRole, makeClusterRoleBinding, makeRole, makeRoleBinding, saSubject, storeWithNamespaces, userSubject } from "./testing/rbac-objects";
import { CLUSTER_ROLE_BINDING_TYPE, ROLE_BINDING_TYPE, type ClusterRoleBinding } from "./types";

const bob: UserInfo = { name: "bob", groups: ["devs", "system:authenticated"] };
const alice: UserInfo = { name: "alice", groups: ["system:authenticated"] };
const ci = serviceAccountUser("build", "ci");

const req = (user: UserInfo, verb: string, resource: string, namespace?: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
  user,
  verb,
  group: resource === "deployments" ? "apps" : "",
  resource,
  ...(namespace ? { namespace } : {}),
  ...extra,
});

let store: MemoryStore;
let rbac: RbacAuthorizer;

beforeEach(async () => {
  ({ store } = await storeWithNamespaces("demo", "build", "other"));
  await store.create(makeClusterRole("view", [{ verbs: ["get", "list", "watch"], apiGroups: ["", "apps"], resources: ["pods", "deployments", "pods/log"] }]));
  await store.create(makeClusterRole("health", [{ verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*"] }]));
  await store.create(makeRole("demo", "deployer", [{ verbs: ["create", "delete"], apiGroups: ["apps"], resources: ["deployments"] }]));
  await store.create(makeClusterRoleBinding("devs-view", "view", [groupSubject("devs")]));
  await store.create(makeClusterRoleBinding("auth-health", "health", [groupSubject("system:authenticated")]));
  await store.create(makeRoleBinding("demo", "bob-deployer", "Role", "deployer", [userSubject("bob")]));
  await store.create(makeRoleBinding("build", "ci-view", "ClusterRole", "view", [saSubject("ci")]));
  rbac = new RbacAuthorizer({ client: store });
});

describe("RbacAuthorizer.authorize", () => {
  it.each<{ name: string; attrs: () => AuthorizationAttributes; allowed: boolean }>([
    { name: "group binding grants cluster-wide reads", attrs: () => req(bob, "list", "pods"), allowed: true },
    { name: "group binding grants reads in any namespace", attrs: () => req(bob, "get", "pods", "other", { name: "p" }), allowed: true },
    { name: "subresource in the role", attrs: () => req(bob, "get", "pods", "demo", { subresource: "log", name: "p" }), allowed: true },
    { name: "subresource not in the role", attrs: () => req(bob, "create", "pods", "demo", { subresource: "eviction", name: "p" }), allowed: false },
    { name: "role binding grants in its namespace", attrs: () => req(bob, "delete", "deployments", "demo", { name: "web" }), allowed: true },
    { name: "role binding grants nothing elsewhere", attrs: () => req(bob, "delete", "deployments", "other", { name: "web" }), allowed: false },
    { name: "role binding grants nothing cluster-wide", attrs: () => req(bob, "delete", "deployments", undefined, { name: "web" }), allowed: false },
    { name: "other user has only the authenticated group", attrs: () => req(alice, "list", "pods", "demo"), allowed: false },
    { name: "non-resource URL for authenticated users", attrs: () => ({ user: alice, verb: "get", path: "/healthz", group: "", resource: "" }), allowed: true },
    { name: "non-resource URL prefix", attrs: () => ({ user: alice, verb: "get", path: "/apis/apps/v1", group: "", resource: "" }), allowed: true },
    { name: "non-resource URL verb", attrs: () => ({ user: alice, verb: "post", path: "/healthz", group: "", resource: "" }), allowed: false },
    { name: "service account bound in its namespace without subject namespace", attrs: () => req(ci, "list", "pods", "build"), allowed: true },
    { name: "service account not elsewhere", attrs: () => req(ci, "list", "pods", "demo"), allowed: false },
    { name: "same name in another namespace is another service account", attrs: () => req(serviceAccountUser("demo", "ci"), "list", "pods", "build"), allowed: false },
  ])("$name", ({ attrs, allowed }) => {
    expect(rbac.authorize(attrs()).allowed).toBe(allowed);
  });

  it("says which binding allowed, as Kubernetes does", () => {
    expect(rbac.authorize(req(bob, "delete", "deployments", "demo", { name: "web" })).reason).toBe('RBAC: allowed by RoleBinding "bob-deployer/demo" of Role "deployer" to User "bob"');
    expect(rbac.authorize(req(ci, "get", "pods", "build")).reason).toBe('RBAC: allowed by RoleBinding "ci-view/build" of ClusterRole "view" to ServiceAccount "ci/build"');
    expect(rbac.authorize(req(bob, "list", "pods")).reason).toBe('RBAC: allowed by ClusterRoleBinding "devs-view" of ClusterRole "view" to Group "devs"');
  });

  it("denies with the missing role named in the reason", async () => {
    await store.create(makeClusterRoleBinding("alice-ghost", "ghost", [userSubject("alice")]));
    await store.create(makeRoleBinding("demo", "alice-missing", "Role", "missing", [userSubject("alice")]));
    expect(rbac.authorize(req(alice, "list", "pods", undefined))).toEqual({ allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found' });
    expect(rbac.authorize(req(alice, "list", "pods", "demo")).reason).toBe('RBAC: [clusterrole.rbac.authorization.k8s.io "ghost" not found, role.rbac.authorization.k8s.io "missing" not found]');
    expect(rbac.authorize(req(bob, "list", "secrets", "demo"))).toEqual({ allowed: false });
  });

  it("follows binding and role changes on the next request", async () => {
    expect(rbac.authorize(req(alice, "list", "pods", "demo")).allowed).toBe(false);
    await store.create(makeRoleBinding("demo", "alice-view", "ClusterRole", "view", [userSubject("alice")]));
    expect(rbac.authorize(req(alice, "list", "pods", "demo")).allowed).toBe(true);
    await store.delete(ROLE_BINDING_TYPE, "demo", "alice-view");
    expect(rbac.authorize(req(alice, "list", "pods", "demo")).allowed).toBe(false);
    const b = structuredClone(store.get<ClusterRoleBinding>(CLUSTER_ROLE_BINDING_TYPE, undefined, "devs-view")!);
    b.subjects = [userSubject("alice")];
    await store.update(b);
    expect(rbac.authorize(req(alice, "list", "pods")).allowed).toBe(true);
    expect(rbac.authorize(req(bob, "list", "pods")).allowed).toBe(false);
  });

  it("looks only at bindings naming the user (index, not a scan)", async () => {
    for (let i = 0; i < 2000; i++) await store.create(makeRoleBinding("demo", `rb-${i}`, "Role", "nope", [userSubject(`u${i}`)]));
    expect(rbac.bindings.roleBindingsFor("demo", ["User:u7"]).map((b) => b.metadata.name)).toEqual(["rb-7"]);
    // The 2000 bindings name missing roles; bob's decision is untouched by them.
    expect(rbac.authorize(req(bob, "list", "configmaps", "demo"))).toEqual({ allowed: false });
  });
});

describe("RbacAuthorizer.rulesFor", () => {
  it("lists resource and non-resource rules from cluster and namespace bindings", () => {
    const r = rbac.rulesFor(bob, "demo");
    expect(r.incomplete).toBe(false);
    expect(r.resourceRules).toEqual([
      { verbs: ["get", "list", "watch"], apiGroups: ["", "apps"], resources: ["pods", "deployments", "pods/log"] },
      { verbs: ["create", "delete"], apiGroups: ["apps"], resources: ["deployments"] },
    ]);
    expect(r.nonResourceRules).toEqual([{ verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*"] }]);
    expect(rbac.rulesFor(bob, "other").resourceRules).toHaveLength(1);
  });

  it("reports roles it could not read as an evaluation error", async () => {
    await store.create(makeRoleBinding("demo", "ghost", "Role", "ghost", [userSubject("bob")]));
    expect(rbac.rulesFor(bob, "demo").evaluationError).toBe('role.rbac.authorization.k8s.io "ghost" not found');
  });
});

describe("RbacAuthorizer.whoCan", () => {
  it("lists the subjects whose bindings allow the request", () => {
    const r = rbac.whoCan({ verb: "delete", group: "apps", resource: "deployments" }, "demo");
    expect(r.users).toEqual(["bob"]);
    expect(r.groups).toEqual([]);
    expect(r.subjects).toEqual([{ kind: "User", name: "bob", binding: { kind: "RoleBinding", name: "bob-deployer", namespace: "demo" }, roleRef: { kind: "Role", name: "deployer" } }]);
  });

  it("includes cluster bindings and service accounts of the namespace", () => {
    const r = rbac.whoCan({ verb: "list", group: "", resource: "pods" }, "build");
    expect(r.groups).toEqual(["devs"]);
    expect(r.users).toEqual(["system:serviceaccount:build:ci"]);
  });
});
