// Why: compiled roles must answer exactly as matching each rule does, or a speed-up would change who may do what.

import { describe, expect, it } from "vitest";
import { compiledAllows, compileRules } from "./compiled-rules";
import { isResourceRequest, requestMatcher, ruleAllows, type RuleAttributes } from "./rule-matches";
import type { PolicyRule } from "./types";

const rules: PolicyRule[] = [
  { verbs: ["get", "list"], apiGroups: ["", "apps"], resources: ["pods", "deployments", "pods/log"] },
  { verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"] },
  { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["cfg"] },
  { verbs: ["*"], apiGroups: ["batch"], resources: ["jobs"] },
  { verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*"] },
];

const requests: RuleAttributes[] = [];
for (const verb of ["get", "list", "update", "delete"])
  for (const [group, resource, subresource] of [["", "pods"], ["", "pods", "log"], ["apps", "deployments"], ["apps", "deployments", "scale"], ["", "configmaps"], ["batch", "jobs"], ["", "secrets"]] as const)
    for (const name of [undefined, "cfg"]) requests.push({ verb, group, resource, ...(subresource ? { subresource } : {}), ...(name ? { name } : {}) });
for (const path of ["/healthz", "/apis/apps", "/version"]) requests.push({ verb: "get", path, group: "", resource: "" });

describe("compileRules", () => {
  it("files plain rules as exact keys and keeps the rest", () => {
    const c = compileRules(rules);
    expect(c.exact.size).toBe(12);
    expect(c.rest).toEqual(rules.slice(1));
  });

  it.each(requests.map((a) => ({ a, label: `${a.verb} ${a.path ?? `${a.group}/${a.resource}${a.subresource ? `/${a.subresource}` : ""}${a.name ? ` ${a.name}` : ""}`}` })))("answers as RuleAllows: $label", ({ a }) => {
    const want = rules.some((r) => ruleAllows(a, r));
    expect(compiledAllows(compileRules(rules), a, isResourceRequest(a), requestMatcher(a))).toBe(want);
  });
});
