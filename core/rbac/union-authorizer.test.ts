// Why: system:masters must pass before RBAC is asked, and a refusal must carry every authorizer's reason, as kube-apiserver's chain does.

import { describe, expect, it } from "vitest";
import type { Authorizer } from "../apiserver/authorizer";
import { privilegedGroupsAuthorizer, unionAuthorizer } from "./union-authorizer";

const attrs = (groups: string[]) => ({ user: { name: "u", groups }, verb: "get", group: "", resource: "pods" });
const deny = (reason?: string): Authorizer => ({ authorize: () => ({ allowed: false, ...(reason ? { reason } : {}) }) });
const allow: Authorizer = { authorize: () => ({ allowed: true, reason: "yes" }) };

describe("unionAuthorizer", () => {
  it.each([
    { name: "masters allowed before RBAC", chain: [privilegedGroupsAuthorizer(), deny("RBAC: no")], groups: ["system:masters"], want: { allowed: true } },
    { name: "others fall through to RBAC's reason", chain: [privilegedGroupsAuthorizer(), deny("RBAC: no")], groups: ["devs"], want: { allowed: false, reason: "RBAC: no" } },
    { name: "reasons joined by lines", chain: [deny("a"), deny("b")], groups: [], want: { allowed: false, reason: "a\nb" } },
    { name: "no reasons, none given", chain: [deny(), deny()], groups: [], want: { allowed: false } },
    { name: "first allow wins", chain: [deny("a"), allow], groups: [], want: { allowed: true, reason: "yes" } },
  ])("$name", ({ chain, groups, want }) => {
    expect(unionAuthorizer(chain).authorize(attrs(groups))).toEqual(want);
  });

  it("concatenates the rules of authorizers that can list them", () => {
    const a: Authorizer = { ...deny(), rulesFor: () => ({ resourceRules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], nonResourceRules: [], incomplete: false }) };
    const b: Authorizer = { ...deny(), rulesFor: () => ({ resourceRules: [], nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/x"] }], incomplete: true, evaluationError: "oops" }) };
    expect(unionAuthorizer([privilegedGroupsAuthorizer(), a, b]).rulesFor!({ name: "u", groups: [] }, "ns")).toEqual({
      resourceRules: [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/x"] }],
      incomplete: true,
      evaluationError: "oops",
    });
  });
});
