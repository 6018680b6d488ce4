// Why: escalation refusals and bootstrap reconciliation depend on Covers and on the exact way missing rules are printed.

import { describe, expect, it } from "vitest";
import { breakdownRule, compactRules, compactString, covers } from "./covers";
import type { PolicyRule } from "./types";

describe("covers", () => {
  it.each<{ name: string; owner: PolicyRule[]; servant: PolicyRule[]; missing: PolicyRule[] }>([
    { name: "equal rules", owner: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], servant: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], missing: [] },
    { name: "wildcards cover everything", owner: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], servant: [{ verbs: ["delete"], apiGroups: ["apps"], resources: ["deployments/scale"], resourceNames: ["web"] }], missing: [] },
    {
      name: "one verb missing",
      owner: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
      servant: [{ verbs: ["get", "delete"], apiGroups: [""], resources: ["pods"] }],
      missing: [{ verbs: ["delete"], apiGroups: [""], resources: ["pods"] }],
    },
    { name: "*/scale covers deployments/scale", owner: [{ verbs: ["get"], apiGroups: ["apps"], resources: ["*/scale"] }], servant: [{ verbs: ["get"], apiGroups: ["apps"], resources: ["deployments/scale"] }], missing: [] },
    {
      name: "named owner does not cover every name",
      owner: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] }],
      servant: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }],
      missing: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }],
    },
    { name: "unnamed owner covers names", owner: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }], servant: [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] }], missing: [] },
    { name: "URL prefix covers a path", owner: [{ verbs: ["get"], nonResourceURLs: ["/apis/*"] }], servant: [{ verbs: ["get"], nonResourceURLs: ["/apis/apps"] }], missing: [] },
    { name: "URL missing", owner: [{ verbs: ["get"], nonResourceURLs: ["/api"] }], servant: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }], missing: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }] },
  ])("$name", ({ owner, servant, missing }) => {
    const r = covers(owner, servant);
    expect(r.missing).toEqual(missing);
    expect(r.covered).toBe(missing.length === 0);
  });

  it("breaks a rule down per group, resource, verb and name", () => {
    expect(breakdownRule({ verbs: ["get", "list"], apiGroups: ["", "apps"], resources: ["x"], resourceNames: ["a"] })).toHaveLength(4);
  });

  it("compacts rules differing only by verb and prints them as Kubernetes does", () => {
    const missing = [
      { verbs: ["create"], apiGroups: ["apps"], resources: ["deployments"] },
      { verbs: ["delete"], apiGroups: ["apps"], resources: ["deployments"] },
      { verbs: ["get"], nonResourceURLs: ["/healthz"] },
    ];
    expect(compactRules(missing).map(compactString).sort()).toEqual(['{APIGroups:["apps"], Resources:["deployments"], Verbs:["create" "delete"]}', '{NonResourceURLs:["/healthz"], Verbs:["get"]}']);
  });
});
