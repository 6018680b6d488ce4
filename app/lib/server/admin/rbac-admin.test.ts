// Why: bindings written from the Access section go through RBAC and escalation prevention as the signed-in user; "can X do V" and "who can" answer as Kubernetes' reviews do.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleBinding } from "@/core/rbac/types";
import { ROLE_BINDING_TYPE } from "@/core/rbac/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { Permissions } from "@/app/lib/server/permissions";
import { readableList, reviewSubjectAccess, saveBinding, subjectIdentity, whoCan } from "./rbac-admin";
import { PEOPLE, startAccessCluster } from "./testing/access-cluster";

let rt: ClusterRuntime;
let stop: () => void;
beforeAll(async () => {
  ({ rt, stop } = await startAccessCluster());
});
afterAll(() => stop());

const perms = (who: keyof typeof PEOPLE) => new Permissions(rt.apiServer.authorizer, PEOPLE[who]);
const teamsOf = async (u: string) => ({ "viewer-1": ["viewers"], "editor-1": ["editors"] })[u];
const deleteDeployments = { verb: "delete", group: "apps", resource: "deployments", namespace: "demo" };

describe("saveBinding", () => {
  it("a namespace admin binds a team to view in their namespace, then edits its subjects", async () => {
    const b = await saveBinding(rt, PEOPLE.nina, { namespace: "demo", name: "readers", roleRef: { kind: "ClusterRole", name: "view" }, subjects: [{ kind: "Group", name: "readers" }, { kind: "User", name: " " }] });
    expect(b.subjects).toEqual([{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "readers" }]);
    const again = await saveBinding(
      rt,
      PEOPLE.nina,
      { namespace: "demo", name: "readers", roleRef: { kind: "ClusterRole", name: "view" }, subjects: [{ kind: "User", name: "jo" }, { kind: "ServiceAccount", name: "ci" }] },
      "update",
    );
    expect(again.subjects).toEqual([{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jo" }, { kind: "ServiceAccount", apiGroup: "", name: "ci" }]);
    expect(rt.store.get<RoleBinding>(ROLE_BINDING_TYPE, "demo", "readers")?.subjects).toHaveLength(2);
  });

  it("creating one that exists is 409; a changed roleRef is the apiserver's 422", async () => {
    await expect(saveBinding(rt, PEOPLE.nina, { namespace: "demo", name: "readers", roleRef: { kind: "ClusterRole", name: "view" }, subjects: [] })).rejects.toMatchObject({ code: 409 });
    await expect(saveBinding(rt, PEOPLE.ada, { namespace: "demo", name: "readers", roleRef: { kind: "ClusterRole", name: "edit" }, subjects: [{ kind: "User", name: "jo" }] }, "update")).rejects.toMatchObject({
      code: 422,
      message: expect.stringContaining("cannot change roleRef"),
    });
  });

  it.each([
    { who: "eddie", ns: "demo", role: "view", message: 'rolebindings.rbac.authorization.k8s.io is forbidden: User "eddie" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "demo"' },
    { who: "nina", ns: "other", role: "view", message: 'rolebindings.rbac.authorization.k8s.io is forbidden: User "nina" cannot create resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "other"' },
    { who: "nina", ns: "demo", role: "cluster-admin", message: 'rolebindings.rbac.authorization.k8s.io "me-root" is forbidden: user "nina" (groups=["ns-admins" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:' },
  ] as const)("$who binding $role in $ns is refused with Kubernetes' 403", async ({ who, ns, role, message }) => {
    await expect(saveBinding(rt, PEOPLE[who], { namespace: ns, name: "me-root", roleRef: { kind: "ClusterRole", name: role }, subjects: [{ kind: "User", name: who }] })).rejects.toMatchObject({
      code: 403,
      message: expect.stringContaining(message),
    });
  });

  it("a ClusterRoleBinding may only name a ClusterRole", async () => {
    await expect(saveBinding(rt, PEOPLE.ada, { name: "x", roleRef: { kind: "Role", name: "r" }, subjects: [] })).rejects.toMatchObject({ code: 422 });
    const crb = await saveBinding(rt, PEOPLE.ada, { name: "auditors", roleRef: { kind: "ClusterRole", name: "view" }, subjects: [{ kind: "ServiceAccount", name: "bot", namespace: "demo" }] });
    expect(crb.kind).toBe("ClusterRoleBinding");
  });
});

describe("readableList", () => {
  it("returns the items, or the 403 for the section", async () => {
    const ok = await readableList(rt, PEOPLE.nina, ROLE_BINDING_TYPE, "demo");
    expect(ok.ok && ok.items.map((b) => b.metadata.name)).toContain("viewers");
    const refused = await readableList(rt, PEOPLE.vic, ROLE_BINDING_TYPE, "demo");
    expect(refused).toMatchObject({ ok: false, error: { code: 403, reason: "Forbidden" } });
  });
});

describe("reviewSubjectAccess", () => {
  it.each([
    { user: "viewer-1", q: deleteDeployments, allowed: false, reason: undefined },
    { user: "viewer-1", q: { ...deleteDeployments, verb: "get" }, allowed: true, reason: 'RBAC: allowed by RoleBinding "viewers/demo" of ClusterRole "view" to Group "viewers"' },
    { user: "editor-1", q: deleteDeployments, allowed: true, reason: 'RBAC: allowed by RoleBinding "editors/demo" of ClusterRole "edit" to Group "editors"' },
    { user: "editor-1", q: { ...deleteDeployments, namespace: "other" }, allowed: false, reason: undefined },
    { user: "stranger", q: { ...deleteDeployments, verb: "get" }, allowed: false, reason: undefined },
  ])("can $user $q.verb deployments in $q.namespace: $allowed", async ({ user, q, allowed, reason }) => {
    const a = await reviewSubjectAccess(rt, perms("ada"), { user }, q, teamsOf);
    expect({ allowed: a.allowed, reason: a.reason }).toEqual({ allowed, reason });
  });

  it("asking about someone else needs create subjectaccessreviews; asking about oneself does not", async () => {
    await expect(reviewSubjectAccess(rt, perms("vic"), { user: "editor-1" }, deleteDeployments, teamsOf)).rejects.toMatchObject({ code: 403 });
    await expect(reviewSubjectAccess(rt, perms("vic"), { user: "vic" }, deleteDeployments, teamsOf)).resolves.toMatchObject({ allowed: false });
  });

  it("builds ServiceAccount identities and adds the groups asked for", async () => {
    expect(await subjectIdentity({ user: "system:serviceaccount:demo:ci" }, teamsOf)).toEqual({ name: "system:serviceaccount:demo:ci", groups: ["system:serviceaccounts", "system:serviceaccounts:demo", "system:authenticated"] });
    expect(await subjectIdentity({ user: "viewer-1", groups: ["editors", " "] }, teamsOf)).toEqual({ name: "viewer-1", groups: ["viewers", "system:authenticated", "editors"] });
  });
});

describe("whoCan", () => {
  it("names the subjects whose bindings allow the request", () => {
    const r = whoCan(rt, perms("ada"), { verb: "delete", group: "apps", resource: "deployments" }, "demo");
    expect(r.groups).toEqual(expect.arrayContaining(["admins", "editors", "ns-admins", "system:masters"]));
    expect(r.groups).not.toContain("viewers");
    expect(r.subjects).toContainEqual(expect.objectContaining({ kind: "Group", name: "editors", binding: { kind: "RoleBinding", name: "editors", namespace: "demo" } }));
  });

  it("asks the cluster's own RBAC authorizer, and no other index", () => {
    const calls: string[] = [];
    const rbac = rt.rbac!;
    const spy = { ...rt, rbac: Object.assign(Object.create(rbac), { whoCan: (...args: Parameters<typeof rbac.whoCan>) => (calls.push(args[0].verb), rbac.whoCan(...args)) }) };
    whoCan(spy, perms("ada"), { verb: "delete", group: "apps", resource: "deployments" }, "demo");
    expect(calls).toEqual(["delete"]);
    const { rbac: _none, ...withoutRbac } = rt;
    expect(() => whoCan(withoutRbac, perms("ada"), { verb: "get", group: "", resource: "pods" }, "demo")).toThrow(/does not authorize with RBAC/);
  });

  it("is refused to those who may not read the bindings", () => {
    expect(() => whoCan(rt, perms("vic"), { verb: "get", group: "", resource: "pods" }, "demo")).toThrow(/cannot list resource "clusterrolebindings"/);
  });
});
