// Why: RuleAllows decides every request; each wildcard and subresource case must match exactly as Kubernetes matches it.

import { describe, expect, it } from "vitest";
import { ruleAllows, type RuleAttributes } from "./rule-matches";
import type { PolicyRule } from "./types";

const res = (verb: string, group: string, resource: string, extra: Partial<RuleAttributes> = {}): RuleAttributes => ({ verb, group, resource, ...extra });
const url = (verb: string, path: string): RuleAttributes => ({ verb, path, group: "", resource: "" });

const podsRead: PolicyRule = { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] };

describe("ruleAllows", () => {
  it.each<{ name: string; rule: PolicyRule; attrs: RuleAttributes; want: boolean }>([
    { name: "exact verb, group, resource", rule: podsRead, attrs: res("get", "", "pods"), want: true },
    { name: "verb not listed", rule: podsRead, attrs: res("delete", "", "pods"), want: false },
    { name: "other group", rule: podsRead, attrs: res("get", "apps", "pods"), want: false },
    { name: "other resource", rule: podsRead, attrs: res("get", "", "services"), want: false },
    { name: "plain resource does not cover a subresource", rule: podsRead, attrs: res("get", "", "pods", { subresource: "log" }), want: false },
    { name: "pods/log covers the log subresource", rule: { verbs: ["get"], apiGroups: [""], resources: ["pods/log"] }, attrs: res("get", "", "pods", { subresource: "log" }), want: true },
    { name: "pods/log does not cover pods", rule: { verbs: ["get"], apiGroups: [""], resources: ["pods/log"] }, attrs: res("get", "", "pods"), want: false },
    { name: "* resource covers subresources", rule: { verbs: ["get"], apiGroups: [""], resources: ["*"] }, attrs: res("get", "", "pods", { subresource: "log" }), want: true },
    { name: "*/scale covers any scale", rule: { verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"] }, attrs: res("update", "apps", "deployments", { subresource: "scale" }), want: true },
    { name: "*/scale does not cover status", rule: { verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"] }, attrs: res("update", "apps", "deployments", { subresource: "status" }), want: false },
    { name: "*/scale does not cover the resource", rule: { verbs: ["update"], apiGroups: ["*"], resources: ["*/scale"] }, attrs: res("update", "apps", "deployments"), want: false },
    { name: "* verb and group", rule: { verbs: ["*"], apiGroups: ["*"], resources: ["deployments"] }, attrs: res("deletecollection", "apps", "deployments"), want: true },
    { name: "resourceNames match the name", rule: { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["cfg"] }, attrs: res("get", "", "configmaps", { name: "cfg" }), want: true },
    { name: "resourceNames refuse other names", rule: { verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["cfg"] }, attrs: res("get", "", "configmaps", { name: "other" }), want: false },
    { name: "resourceNames refuse list (no name)", rule: { verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["cfg"] }, attrs: res("list", "", "configmaps"), want: false },
    { name: "resource rule never allows a URL", rule: { verbs: ["*"], apiGroups: ["*"], resources: ["*"] }, attrs: url("get", "/healthz"), want: false },
    { name: "exact URL", rule: { verbs: ["get"], nonResourceURLs: ["/healthz"] }, attrs: url("get", "/healthz"), want: true },
    { name: "exact URL does not cover a sub-path", rule: { verbs: ["get"], nonResourceURLs: ["/healthz"] }, attrs: url("get", "/healthz/etcd"), want: false },
    { name: "prefix* URL", rule: { verbs: ["get"], nonResourceURLs: ["/apis/*"] }, attrs: url("get", "/apis/apps/v1"), want: true },
    { name: "prefix* URL other prefix", rule: { verbs: ["get"], nonResourceURLs: ["/apis/*"] }, attrs: url("get", "/api/v1"), want: false },
    { name: "* URL", rule: { verbs: ["*"], nonResourceURLs: ["*"] }, attrs: url("post", "/anything"), want: true },
    { name: "URL verb must match", rule: { verbs: ["get"], nonResourceURLs: ["/version"] }, attrs: url("post", "/version"), want: false },
    { name: "URL rule never allows a resource", rule: { verbs: ["*"], nonResourceURLs: ["*"] }, attrs: res("get", "", "pods"), want: false },
  ])("$name", ({ rule, attrs, want }) => {
    expect(ruleAllows(attrs, rule)).toBe(want);
  });
});
