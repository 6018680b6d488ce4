// Why: a decision checks every rule of every role bound to the user; a role's plain rules (no wildcards, no names) become one set lookup, so big roles cost no more than small ones.

import { ALL, type PolicyRule } from "./types";
import type { RuleAttributes } from "./rule-matches";

/** A role's rules split into exact `verb group resource` keys and the rules that need matching (wildcards, names, URLs). */
export interface CompiledRules {
  exact: ReadonlySet<string>;
  rest: readonly PolicyRule[];
}

const key = (verb: string, group: string, resource: string) => `${verb}\u0000${group}\u0000${resource}`;

/** Compiles rules once; the result answers the same as matching each rule. */
export function compileRules(rules: readonly PolicyRule[]): CompiledRules {
  const exact = new Set<string>();
  const rest: PolicyRule[] = [];
  for (const r of rules) {
    const plain =
      (r.resourceNames ?? []).length === 0 &&
      (r.nonResourceURLs ?? []).length === 0 &&
      !r.verbs.includes(ALL) &&
      !(r.apiGroups ?? []).includes(ALL) &&
      !(r.resources ?? []).some((x) => x === ALL || x.startsWith("*/"));
    if (!plain) {
      rest.push(r);
      continue;
    }
    for (const v of r.verbs) for (const g of r.apiGroups ?? []) for (const res of r.resources ?? []) exact.add(key(v, g, res));
  }
  return { exact, rest };
}

/** True when a compiled role allows the request; `matches` is the request's matcher for the remaining rules. */
export function compiledAllows(c: CompiledRules, a: RuleAttributes, resourceRequest: boolean, matches: (r: PolicyRule) => boolean): boolean {
  if (resourceRequest && c.exact.size > 0 && c.exact.has(key(a.verb, a.group, a.subresource ? `${a.resource}/${a.subresource}` : a.resource))) return true;
  return c.rest.some(matches);
}
