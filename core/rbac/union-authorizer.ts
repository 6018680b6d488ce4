// Why: kube-apiserver asks a chain of authorizers (the privileged group system:masters first, then RBAC); the first to allow wins and the others' reasons explain a refusal.

import type { AuthorizationAttributes, AuthorizationDecision, Authorizer, RulesInfo } from "../apiserver/authorizer";
import type { UserInfo } from "../apiserver/types";
import { SYSTEM_MASTERS } from "./types";

/** Allows every request of a member of `groups` and has no opinion on others (authorizerfactory.NewPrivilegedGroups). */
export function privilegedGroupsAuthorizer(groups: readonly string[] = [SYSTEM_MASTERS]): Authorizer {
  return {
    authorize: (attrs) => ({ allowed: attrs.user.groups.some((g) => groups.includes(g)) }),
  };
}

/**
 * Asks each authorizer in turn (union.New): the first that allows decides; otherwise the request
 * is denied with the reasons given, one per line. Rules reviews concatenate the rules of every
 * authorizer that can list them.
 */
export function unionAuthorizer(authorizers: readonly Authorizer[]): Authorizer {
  return {
    authorize(attrs: AuthorizationAttributes): AuthorizationDecision {
      const reasons: string[] = [];
      for (const a of authorizers) {
        const d = a.authorize(attrs);
        if (d.allowed) return d;
        if (d.reason) reasons.push(d.reason);
      }
      return reasons.length ? { allowed: false, reason: reasons.join("\n") } : { allowed: false };
    },
    rulesFor(user: UserInfo, namespace: string): RulesInfo {
      const out: RulesInfo = { resourceRules: [], nonResourceRules: [], incomplete: false };
      const errors: string[] = [];
      for (const a of authorizers) {
        if (!a.rulesFor) continue;
        const r = a.rulesFor(user, namespace);
        out.resourceRules.push(...r.resourceRules);
        out.nonResourceRules.push(...r.nonResourceRules);
        out.incomplete ||= r.incomplete;
        if (r.evaluationError) errors.push(r.evaluationError);
      }
      if (errors.length) out.evaluationError = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
      return out;
    },
  };
}
