// Why: whether one PolicyRule allows one request is the heart of RBAC; Kubernetes' RuleAllows semantics (wildcards, subresources, `*/scale`, URL prefixes) live here once.

import type { AuthorizationAttributes } from "../apiserver/authorizer";
import { ALL, type PolicyRule } from "./types";

/** The part of a request a rule is matched against (the user plays no part). */
export type RuleAttributes = Pick<AuthorizationAttributes, "verb" | "path" | "group" | "resource" | "subresource" | "name">;

/** A request naming a URL path and no resource is a non-resource request (`/healthz`, `/version`). */
export function isResourceRequest(a: RuleAttributes): boolean {
  return !a.path || !!a.resource;
}

/** `*` or the verb itself. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

/** `*` or the group itself ("" is the core group). */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

/**
 * `*` matches every resource and subresource; `pods/log` matches only that subresource; an
 * entry made of `*` then `/scale` matches the `scale` subresource of any resource. `combined`
 * is `resource` or `resource/subresource`.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string | undefined): boolean {
  for (const r of rule.resources ?? []) {
    if (r === ALL || r === combined) return true;
    if (!subresource) continue;
    if (r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)) return true;
  }
  return false;
}

/** A rule without resourceNames matches any name (and requests with none); otherwise the name must be listed. */
export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return name !== undefined && names.includes(name);
}

/** `*`, the exact path, or a `prefix*` rule whose prefix starts the path. */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === ALL || u === path) return true;
    if (u.endsWith("*") && path.startsWith(u.replace(/\*+$/, ""))) return true;
  }
  return false;
}

/** The request prepared once for matching against many rules (what does not depend on the rule is computed here). */
export function requestMatcher(a: RuleAttributes): (rule: PolicyRule) => boolean {
  if (isResourceRequest(a)) {
    const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    return (rule) => verbMatches(rule, a.verb) && apiGroupMatches(rule, a.group) && resourceMatches(rule, combined, a.subresource) && resourceNameMatches(rule, a.name);
  }
  const path = a.path ?? "";
  return (rule) => verbMatches(rule, a.verb) && nonResourceURLMatches(rule, path);
}

/** Kubernetes' RuleAllows: does `rule` allow the request described by `a`? */
export function ruleAllows(a: RuleAttributes, rule: PolicyRule): boolean {
  return requestMatcher(a)(rule);
}
