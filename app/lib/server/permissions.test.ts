// Why: the console's buttons must appear exactly when the request behind them would be allowed; each case states Kubernetes RBAC's answer for the seeded bindings.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterRuntime } from "@/server/runtime/types";
import { deleteObject, scaleDeployment } from "@/server/services";
import { PEOPLE, startAccessCluster } from "./admin/testing/access-cluster";
import { IAM_GROUP, Permissions } from "./permissions";

let rt: ClusterRuntime;
let stop: () => void;
beforeAll(async () => {
  ({ rt, stop } = await startAccessCluster());
});
afterAll(() => stop());

const as = (who: keyof typeof PEOPLE) => new Permissions(rt.apiServer.authorizer, PEOPLE[who]);

describe("objectActions", () => {
  it.each([
    { who: "vic", ns: "demo", want: { get: true, update: false, delete: false, scale: false } },
    { who: "vic", ns: "other", want: { get: false, update: false, delete: false, scale: false } },
    { who: "eddie", ns: "demo", want: { get: true, update: true, delete: true, scale: true } },
    { who: "eddie", ns: "other", want: { get: false, update: false, delete: false, scale: false } },
    { who: "nina", ns: "demo", want: { get: true, update: true, delete: true, scale: true } },
    { who: "ada", ns: "other", want: { get: true, update: true, delete: true, scale: true } },
    { who: "nobody", ns: "demo", want: { get: false, update: false, delete: false, scale: false } },
  ] as const)("$who on deployment $ns/web", ({ who, ns, want }) => {
    expect(as(who).objectActions("Deployment", ns, "web")).toEqual(want);
  });

  it("never offers Scale for kinds the console does not scale", () => {
    expect(as("eddie").objectActions("pods", "demo", "p").scale).toBe(false);
    expect(as("eddie").objectActions("pods", "demo", "p").delete).toBe(true);
  });
});

describe("buttons agree with the actions behind them", () => {
  // The console's scale and delete actions call these services as the session user; a shown button must work and a hidden one must be refused.
  it.each(["vic", "eddie", "nina", "ada", "nobody"] as const)("%s", async (who) => {
    for (const ns of ["demo", "other"]) {
      const may = as(who).objectActions("Deployment", ns, "web");
      const scaled = await scaleDeployment(rt, PEOPLE[who], ns, "web", 2).then(
        () => "ok",
        (e: { code: number }) => e.code,
      );
      expect(scaled).toBe(may.scale ? "ok" : 403);
      const deleted = await deleteObject(rt, PEOPLE[who], "Deployment", ns, "web", { dryRun: true }).then(
        () => "ok",
        (e: { code: number }) => e.code,
      );
      expect(deleted).toBe(may.delete ? "ok" : 403);
    }
  });
});

describe("check", () => {
  it("gives the authorizer's reason when it allows", () => {
    expect(as("vic").check({ verb: "get", group: "apps", resource: "deployments", namespace: "demo", name: "web" })).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "viewers/demo" of ClusterRole "view" to Group "viewers"',
    });
  });

  it("words a refusal as the apiserver's 403", () => {
    const err = as("vic").forbidden({ verb: "delete", group: "apps", resource: "deployments", namespace: "demo", name: "web" });
    expect(err?.code).toBe(403);
    expect(err?.message).toBe('deployments.apps "web" is forbidden: User "vic" cannot delete resource "deployments" in API group "apps" in the namespace "demo"');
    expect(as("eddie").forbidden({ verb: "delete", group: "apps", resource: "deployments", namespace: "demo", name: "web" })).toBeUndefined();
  });

  it("honours resourceNames (update teams/editors only)", () => {
    expect(as("tom").can({ verb: "update", group: IAM_GROUP, resource: "teams", name: "editors" })).toBe(true);
    expect(as("tom").can({ verb: "update", group: IAM_GROUP, resource: "teams", name: "admins" })).toBe(false);
  });
});

describe("sections", () => {
  it.each([
    { who: "ada", want: { access: true, users: true, teams: true, audit: true, tokens: true } },
    { who: "tom", want: { access: true, users: false, teams: true, audit: false, tokens: true } },
    { who: "vic", want: { access: true, users: false, teams: false, audit: false, tokens: true } },
    { who: "nina", want: { access: true, users: false, teams: false, audit: false, tokens: true } },
  ] as const)("$who", ({ who, want }) => {
    expect(as(who).sections()).toEqual(want);
  });
});

describe("rules", () => {
  it("is the SelfSubjectRulesReview of the namespace", () => {
    const rules = as("vic").rules("demo").resourceRules;
    const deployments = rules.filter((r) => r.apiGroups.includes("apps") && r.resources.includes("deployments"));
    expect(deployments.flatMap((r) => r.verbs).sort()).toEqual(["get", "list", "watch"]);
    expect(as("vic").rules("other").resourceRules.some((r) => r.resources.includes("deployments"))).toBe(false);
  });
});
