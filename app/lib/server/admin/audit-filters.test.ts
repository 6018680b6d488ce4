// Why: the audit page's URL filters must narrow exactly what was asked and page without losing them.

import { describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, auditFilters, auditHref, auditQueryOf } from "./audit-filters";

describe("auditQueryOf", () => {
  it.each([
    { name: "no filters", params: {}, want: { limit: AUDIT_PAGE_SIZE } },
    { name: "a core resource", params: { resource: "Pods" }, want: { limit: AUDIT_PAGE_SIZE, resource: "pods" } },
    { name: "a grouped resource", params: { resource: "deployments.apps" }, want: { limit: AUDIT_PAGE_SIZE, resource: "deployments", apiGroup: "apps" } },
    { name: "a dotted group", params: { resource: "users.iam.wheelhouse.dev" }, want: { limit: AUDIT_PAGE_SIZE, resource: "users", apiGroup: "iam.wheelhouse.dev" } },
    { name: "denied only", params: { outcome: "denied", user: " vic " }, want: { limit: AUDIT_PAGE_SIZE, allowed: false, user: "vic" } },
    { name: "allowed, verb, namespace, cursor", params: { outcome: "allowed", verb: "DELETE", namespace: "demo", cursor: "42" }, want: { limit: AUDIT_PAGE_SIZE, allowed: true, verb: "delete", namespace: "demo", cursor: "42" } },
    { name: "an unknown outcome means any", params: { outcome: "maybe" }, want: { limit: AUDIT_PAGE_SIZE } },
    { name: "repeated parameters take the first", params: { user: ["a", "b"] }, want: { limit: AUDIT_PAGE_SIZE, user: "a" } },
  ])("$name", ({ params, want }) => {
    expect(auditQueryOf(auditFilters(params))).toEqual(want);
  });
});

it("links keep the filters and replace the cursor", () => {
  const f = auditFilters({ user: "vic", outcome: "denied", cursor: "9" });
  expect(auditHref(f, "5")).toBe("/audit?user=vic&outcome=denied&cursor=5");
  expect(auditHref(f)).toBe("/audit?user=vic&outcome=denied");
  expect(auditHref(auditFilters({}))).toBe("/audit");
});
