// Why: impersonation must authorize every requested field with verb impersonate and build the user Kubernetes would, or refuse with Kubernetes' 403.

import { describe, expect, it } from "vitest";
import { ApiError } from "@/core/api/errors";
import { Cluster } from "@/core/cluster/cluster";
import { makeClusterRole, makeClusterRoleBinding, makeRole, makeRoleBinding, storeWithNamespaces, userSubject } from "@/core/rbac/testing/rbac-objects";
import type { AuthorizationAttributes } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import { resolveImpersonation } from "./impersonation";

const alice: UserInfo = { name: "alice", groups: ["ops", "system:authenticated"] };

/** Allows exactly the listed `group/resource[/subresource]:namespace/name` impersonations and records every question. */
function authorizer(allowed: string[]) {
  const asked: string[] = [];
  const key = (a: AuthorizationAttributes) => `${a.group}/${a.resource}${a.subresource ? `/${a.subresource}` : ""}:${a.namespace ?? ""}/${a.name}`;
  return {
    asked,
    authorize: (a: AuthorizationAttributes) => {
      expect(a.verb).toBe("impersonate");
      expect(a.user).toBe(alice);
      asked.push(key(a));
      return { allowed: allowed.includes(key(a)) };
    },
  };
}

function request(headers: [string, string][]): Request {
  const h = new Headers();
  for (const [k, v] of headers) h.append(k, v);
  return new Request("https://x/api/v1/pods", { headers: h });
}

describe("resolveImpersonation", () => {
  it("returns the caller when there is nothing to impersonate, asking nothing", async () => {
    const a = authorizer([]);
    expect(await resolveImpersonation(request([["authorization", "Bearer x"]]), alice, a.authorize)).toBe(alice);
    expect(a.asked).toEqual([]);
  });

  it.each<{ name: string; headers: [string, string][]; allowed: string[]; want: UserInfo; asked: string[] }>([
    {
      name: "a user (kubectl --as)",
      headers: [["Impersonate-User", "bob"]],
      allowed: ["/users:/bob"],
      want: { name: "bob", groups: ["system:authenticated"] },
      asked: ["/users:/bob"],
    },
    {
      name: "a user with groups (--as-group twice)",
      headers: [["Impersonate-User", "bob"], ["Impersonate-Group", "dev"], ["Impersonate-Group", "qa"]],
      allowed: ["/users:/bob", "/groups:/dev", "/groups:/qa"],
      want: { name: "bob", groups: ["dev", "qa", "system:authenticated"] },
      asked: ["/users:/bob", "/groups:/dev", "/groups:/qa"],
    },
    {
      name: "groups that already name system:authenticated",
      headers: [["Impersonate-User", "bob"], ["Impersonate-Group", "system:authenticated"]],
      allowed: ["/users:/bob", "/groups:/system:authenticated"],
      want: { name: "bob", groups: ["system:authenticated"] },
      asked: ["/users:/bob", "/groups:/system:authenticated"],
    },
    {
      name: "a ServiceAccount (checked as serviceaccounts in its namespace, with its groups)",
      headers: [["Impersonate-User", "system:serviceaccount:ci:deployer"]],
      allowed: ["/serviceaccounts:ci/deployer"],
      want: { name: "system:serviceaccount:ci:deployer", groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"] },
      asked: ["/serviceaccounts:ci/deployer"],
    },
    {
      name: "a uid and extras (--as-uid, Impersonate-Extra-*)",
      headers: [["Impersonate-User", "bob"], ["Impersonate-Uid", "u-9"], ["Impersonate-Extra-Scopes", "view"], ["Impersonate-Extra-acme.com%2Fproject", "p1"]],
      allowed: ["/users:/bob", "authentication.k8s.io/uids:/u-9", "authentication.k8s.io/userextras/scopes:/view", "authentication.k8s.io/userextras/acme.com/project:/p1"],
      want: { name: "bob", uid: "u-9", groups: ["system:authenticated"], extra: { scopes: ["view"], "acme.com/project": ["p1"] } },
      asked: ["/users:/bob", "authentication.k8s.io/userextras/acme.com/project:/p1", "authentication.k8s.io/userextras/scopes:/view", "authentication.k8s.io/uids:/u-9"],
    },
    {
      name: "the anonymous user",
      headers: [["Impersonate-User", "system:anonymous"]],
      allowed: ["/users:/system:anonymous"],
      want: { name: "system:anonymous", groups: ["system:unauthenticated"] },
      asked: ["/users:/system:anonymous"],
    },
  ])("impersonates $name", async ({ headers, allowed, want, asked }) => {
    const a = authorizer(allowed);
    expect(await resolveImpersonation(request(headers), alice, a.authorize)).toEqual(want);
    expect([...a.asked].sort()).toEqual([...asked].sort());
  });

  it.each<{ name: string; headers: [string, string][]; allowed: string[]; message: string }>([
    {
      name: "a user",
      headers: [["Impersonate-User", "bob"]],
      allowed: [],
      message: 'users "bob" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
    },
    {
      name: "one of the groups",
      headers: [["Impersonate-User", "bob"], ["Impersonate-Group", "dev"], ["Impersonate-Group", "system:masters"]],
      allowed: ["/users:/bob", "/groups:/dev"],
      message: 'groups "system:masters" is forbidden: User "alice" cannot impersonate resource "groups" in API group "" at the cluster scope',
    },
    {
      name: "a ServiceAccount",
      headers: [["Impersonate-User", "system:serviceaccount:kube-system:admin"]],
      allowed: ["/users:/system:serviceaccount:kube-system:admin"],
      message: 'serviceaccounts "admin" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    },
    {
      name: "a uid",
      headers: [["Impersonate-User", "bob"], ["Impersonate-Uid", "u-1"]],
      allowed: ["/users:/bob"],
      message: 'uids.authentication.k8s.io "u-1" is forbidden: User "alice" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope',
    },
  ])("refuses $name with 403", async ({ headers, allowed, message }) => {
    const err = await resolveImpersonation(request(headers), alice, authorizer(allowed).authorize).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toMatchObject({ code: 403, reason: "Forbidden", message });
  });

  it("appends the authorizer's reason to the refusal", async () => {
    const err = (await resolveImpersonation(request([["Impersonate-User", "bob"]]), alice, () => ({ allowed: false, reason: 'RBAC: clusterrole "x" not found' })).catch((e: unknown) => e)) as ApiError;
    expect(err.message).toMatch(/at the cluster scope: RBAC: clusterrole "x" not found$/);
  });

  it.each<[string, [string, string][]]>([
    ["groups", [["Impersonate-Group", "dev"]]],
    ["a uid", [["Impersonate-Uid", "u-1"]]],
    ["extras", [["Impersonate-Extra-Scopes", "x"]]],
  ])("refuses %s without a user (500, as Kubernetes)", async (_name, headers) => {
    const a = authorizer(["/groups:/dev"]);
    const err = (await resolveImpersonation(request(headers), alice, a.authorize).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe(500);
    expect(a.asked).toEqual([]);
  });

  it("accepts Headers directly and an async authorizer", async () => {
    const user = await resolveImpersonation(new Headers({ "impersonate-user": "bob" }), alice, async () => ({ allowed: true }));
    expect(user).toEqual({ name: "bob", groups: ["system:authenticated"] });
  });

  it("asks questions RBAC answers as Kubernetes would (resourceNames, userextras/<key>, namespaced serviceaccounts)", async () => {
    const { clock, store } = await storeWithNamespaces("ci");
    const cluster = new Cluster({ store, clock });
    await cluster.start();
    try {
      const root = cluster.apiServer.client({ name: "root", groups: ["system:masters"] });
      await root.create(
        makeClusterRole("impersonate-bob", [
          { verbs: ["impersonate"], apiGroups: [""], resources: ["users"], resourceNames: ["bob"] },
          { verbs: ["impersonate"], apiGroups: [""], resources: ["groups"], resourceNames: ["dev"] },
          { verbs: ["impersonate"], apiGroups: ["authentication.k8s.io"], resources: ["userextras/scopes"], resourceNames: ["view"] },
        ]),
      );
      await root.create(makeClusterRoleBinding("alice-impersonates-bob", "impersonate-bob", [userSubject("alice")]));
      await root.create(makeRole("ci", "impersonate-deployer", [{ verbs: ["impersonate"], apiGroups: [""], resources: ["serviceaccounts"], resourceNames: ["deployer"] }]));
      await root.create(makeRoleBinding("ci", "alice-impersonates-deployer", "Role", "impersonate-deployer", [userSubject("alice")]));
      const authorize = (a: AuthorizationAttributes) => cluster.rbac!.authorize(a);
      const as = (headers: [string, string][]) => resolveImpersonation(request(headers), alice, authorize).then(
        (u) => u.name,
        (e: ApiError) => e.code,
      );

      expect(await as([["Impersonate-User", "bob"], ["Impersonate-Group", "dev"], ["Impersonate-Extra-Scopes", "view"]])).toBe("bob");
      expect(await as([["Impersonate-User", "carol"]])).toBe(403);
      expect(await as([["Impersonate-User", "bob"], ["Impersonate-Group", "system:masters"]])).toBe(403);
      expect(await as([["Impersonate-User", "bob"], ["Impersonate-Extra-Scopes", "admin"]])).toBe(403);
      expect(await as([["Impersonate-User", "system:serviceaccount:ci:deployer"]])).toBe("system:serviceaccount:ci:deployer");
      expect(await as([["Impersonate-User", "system:serviceaccount:ci:other"]])).toBe(403);
    } finally {
      cluster.stop();
    }
  });
});
