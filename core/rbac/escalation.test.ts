// Why: nobody may grant more than they hold; each refusal and each legitimate way around it (escalate, bind, system:masters) is checked through the real apiserver pipeline.

import { beforeEach, describe, expect, it } from "vitest";
import { resourceTypeFor } from "../api/resources";
import { ApiServer } from "../apiserver/api-server";
import type { UserInfo } from "../apiserver/types";
import type { MemoryStore } from "../store/memory-store";
import { EscalationGuard } from "./escalation";
import { RbacAuthorizer } from "./rbac-authorizer";
import { makeClusterRole, makeClusterRoleBinding, makeRole, makeRoleBinding, storeWithNamespaces, userSubject } from "./testing/rbac-objects";
import { CLUSTER_ROLE_TYPE, ROLE_TYPE, type ClusterRole, type Role } from "./types";
import { privilegedGroupsAuthorizer, unionAuthorizer } from "./union-authorizer";
import { failure as refusal } from "../testing/api-failure";

const bob: UserInfo = { name: "bob", groups: ["system:authenticated"] };
const admin: UserInfo = { name: "root", groups: ["system:masters", "system:authenticated"] };
const RBAC_RW = { verbs: ["get", "list", "watch", "create", "update", "patch", "delete"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings"] };
const PODS_READ = { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] };

let store: MemoryStore;
let server: ApiServer;

beforeEach(async () => {
  ({ store } = await storeWithNamespaces("demo", "other"));
  const rbac = new RbacAuthorizer({ client: store });
  const authorizer = unionAuthorizer([privilegedGroupsAuthorizer(), rbac]);
  server = new ApiServer({ store, clock: (await storeWithNamespaces()).clock, authorizer, writeCheck: new EscalationGuard({ rbac, authorizer }).check });
  // bob may write RBAC objects in demo and read pods there; nothing else.
  await store.create(makeRole("demo", "rbac-writer", [RBAC_RW, PODS_READ]));
  await store.create(makeRoleBinding("demo", "bob-rbac", "Role", "rbac-writer", [userSubject("bob")]));
  await store.create(makeClusterRole("cluster-admin", [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, { verbs: ["*"], nonResourceURLs: ["*"] }]));
  await store.create(makeClusterRole("pod-reader", [PODS_READ]));
});

describe("roles", () => {
  it("may contain only rules the writer holds in that namespace", async () => {
    await server.client(bob).create(makeRole("demo", "reader", [PODS_READ]));
    const e = await refusal(server.client(bob).create(makeRole("demo", "deleter", [{ verbs: ["get", "delete", "deletecollection"], apiGroups: [""], resources: ["pods"] }])));
    expect(e.status.code).toBe(403);
    expect(e.status.reason).toBe("Forbidden");
    expect(e.message).toBe(
      'roles.rbac.authorization.k8s.io "deleter" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["delete" "deletecollection"]}',
    );
    expect(store.get(ROLE_TYPE, "demo", "deleter")).toBeUndefined();
  });

  it("are refused when the rules are held only in another namespace", async () => {
    await store.create(makeRoleBinding("other", "bob-rbac", "ClusterRole", "cluster-admin", [userSubject("bob")]));
    await server.client(bob).create(makeRole("other", "anything", [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }]));
    expect((await refusal(server.client(bob).create(makeRole("demo", "anything", [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }])))).status.code).toBe(403);
  });

  it("may grant anything with the escalate verb on roles", async () => {
    await store.create(makeRole("demo", "escalator", [{ verbs: ["escalate"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"] }]));
    await store.create(makeRoleBinding("demo", "bob-escalate", "Role", "escalator", [userSubject("bob")]));
    await expect(server.client(bob).create(makeRole("demo", "all", [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }]))).resolves.toBeDefined();
  });

  it("are checked on update too, but not for changes the garbage collector makes", async () => {
    const created = await server.client(admin).create(makeRole("demo", "wide", [{ verbs: ["*"], apiGroups: [""], resources: ["secrets"] }]));
    const relabel = structuredClone(created) as Role;
    relabel.metadata.labels = { x: "y" };
    expect((await refusal(server.client(bob).update(relabel))).status.code).toBe(403);
    const gc = structuredClone(created) as Role;
    gc.metadata.finalizers = ["example.com/keep"];
    await expect(server.client(bob).update(gc)).resolves.toBeDefined();
  });

  it("system:masters may grant anything", async () => {
    await expect(server.client(admin).create(makeRole("demo", "all", [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }]))).resolves.toBeDefined();
  });
});

describe("cluster roles", () => {
  beforeEach(async () => {
    await store.create(makeClusterRole("rbac-writer", [RBAC_RW, PODS_READ]));
    await store.create(makeClusterRoleBinding("bob-rbac", "rbac-writer", [userSubject("bob")]));
  });

  it("may contain only rules held cluster-wide", async () => {
    await server.client(bob).create(makeClusterRole("reader", [PODS_READ]));
    const e = await refusal(server.client(bob).create(makeClusterRole("health", [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }])));
    expect(e.message).toContain('clusterroles.rbac.authorization.k8s.io "health" is forbidden: user "bob"');
    expect(e.message).toContain('{NonResourceURLs:["/healthz"], Verbs:["get"]}');
  });

  it("need cluster-admin powers for an aggregationRule", async () => {
    const agg: ClusterRole = { ...makeClusterRole("agg", []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] } };
    const e = await refusal(server.client(bob).create(agg));
    expect(e.message).toBe('clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    await store.create(makeClusterRoleBinding("bob-admin", "cluster-admin", [userSubject("bob")]));
    await expect(server.client(bob).create(agg)).resolves.toBeDefined();
    expect(store.get(CLUSTER_ROLE_TYPE, undefined, "agg")).toBeDefined();
  });
});

describe("bindings", () => {
  it("may reference a role whose rules the writer holds", async () => {
    await expect(server.client(bob).create(makeRoleBinding("demo", "alice-read", "ClusterRole", "pod-reader", [userSubject("alice")]))).resolves.toBeDefined();
  });

  it("may not bind cluster-admin to oneself", async () => {
    const e = await refusal(server.client(bob).create(makeRoleBinding("demo", "me-admin", "ClusterRole", "cluster-admin", [userSubject("bob")])));
    expect(e.status.code).toBe(403);
    expect(e.message).toMatch(/^rolebindings\.rbac\.authorization\.k8s\.io "me-admin" is forbidden: user "bob" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
    expect(e.message).toContain('{APIGroups:["*"], Resources:["*"], Verbs:["*"]}');
  });

  it("may bind any role with the bind verb on it", async () => {
    await store.create(makeRole("demo", "binder", [{ verbs: ["bind"], apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], resourceNames: ["cluster-admin"] }]));
    await store.create(makeRoleBinding("demo", "bob-binder", "Role", "binder", [userSubject("bob")]));
    await expect(server.client(bob).create(makeRoleBinding("demo", "alice-admin", "ClusterRole", "cluster-admin", [userSubject("alice")]))).resolves.toBeDefined();
  });

  it("refuse a missing role, naming it", async () => {
    const e = await refusal(server.client(bob).create(makeRoleBinding("demo", "ghost", "Role", "ghost", [userSubject("alice")])));
    expect(e.message).toBe('rolebindings.rbac.authorization.k8s.io "ghost" is forbidden: role.rbac.authorization.k8s.io "ghost" not found');
  });

  it("may reference a Role applied in the same manifest (read as the request would store it, not from the store)", async () => {
    const manifest = [
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: pod-viewer, namespace: demo}\nrules: [{apiGroups: [''], resources: [pods], verbs: [get, list]}]",
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: alice-views, namespace: demo}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-viewer}\nsubjects: [{kind: User, name: alice}]",
    ].join("\n---\n");
    const results = await server.apply(bob, manifest);
    expect(results.map((r) => `${r.kind}/${r.name} ${r.action}`)).toEqual(["Role/pod-viewer created", "RoleBinding/alice-views created"]);
    // The manifest's Role still has to be held: one granting delete is refused for the binding too.
    const greedy = manifest.replace("pod-viewer", "pod-deleter").replace("name: pod-viewer", "name: pod-deleter").replace("[get, list]", "[get, list, delete]").replace("alice-views", "alice-deletes");
    expect((await refusal(server.apply(bob, greedy))).message).toContain("is attempting to grant RBAC permissions not currently held");
  });

  it("are refused through apply as well", async () => {
    const manifest = "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: me-admin, namespace: demo}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: User, name: bob}]\n";
    expect((await refusal(server.apply(bob, manifest))).message).toContain("is attempting to grant RBAC permissions not currently held");
  });
});

describe("namespaces", () => {
  it("a RoleBinding in a namespace granting get namespaces lets its subject get that namespace (asked in it), not another or the list", async () => {
    const NAMESPACES = resourceTypeFor("v1", "Namespace")!;
    await store.create(makeRole("demo", "ns-reader", [{ verbs: ["get", "list"], apiGroups: [""], resources: ["namespaces"] }]));
    await store.create(makeRoleBinding("demo", "bob-ns", "Role", "ns-reader", [userSubject("bob")]));
    expect(server.client(bob).get(NAMESPACES, undefined, "demo")?.metadata.name).toBe("demo");
    expect((await refusal(Promise.resolve().then(() => server.client(bob).get(NAMESPACES, undefined, "other")))).status.code).toBe(403);
    expect((await refusal(Promise.resolve().then(() => server.client(bob).list(NAMESPACES)))).status.code).toBe(403);
  });
});
