// Why: `kubectl --as` and the Impersonate-* headers let a permitted caller act as someone else; each impersonated field is authorized with verb `impersonate`, exactly as kube-apiserver's impersonation filter does.

import { internalError } from "@/core/api/errors";
import { forbiddenError, type AuthorizationAttributes, type AuthorizationDecision } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import { parseServiceAccountUsername } from "@/core/rbac/subjects";
import { SYSTEM_AUTHENTICATED, SYSTEM_UNAUTHENTICATED } from "@/core/rbac/types";

/** Asks the authorizer (RBAC) one question; synchronous or not. */
export type ImpersonationAuthorize = (attrs: AuthorizationAttributes) => AuthorizationDecision | Promise<AuthorizationDecision>;

const USER_HEADER = "impersonate-user";
const GROUP_HEADER = "impersonate-group";
const UID_HEADER = "impersonate-uid";
const EXTRA_PREFIX = "impersonate-extra-";
const ANONYMOUS = "system:anonymous";

/** Header values: the Fetch API joins repeated headers with ", ", so names containing ", " cannot be impersonated. */
function values(v: string | null): string[] {
  if (v === null) return [];
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `Impersonate-Extra-<key>` keys are lower-cased and percent-decoded (`acme.com%2fproject`). */
function extraKey(headerName: string): string {
  const raw = headerName.slice(EXTRA_PREFIX.length);
  try {
    return decodeURIComponent(raw).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/**
 * The user a request acts as. Without Impersonate-* headers that is `user` itself. With
 * them, `user` must be allowed `impersonate` on each requested field: `users` (or
 * `serviceaccounts` in the account's namespace for `system:serviceaccount:<ns>:<name>`),
 * `groups`, `userextras/<key>` and `uids` (authentication.k8s.io), by name; the first refusal
 * throws Kubernetes' 403 (`users "bob" is forbidden: User "alice" cannot impersonate resource
 * "users" in API group "" at the cluster scope`). Groups or extras without Impersonate-User
 * are a 500, as in Kubernetes. The result carries `system:authenticated` (or
 * `system:unauthenticated` for `system:anonymous`) unless the requested groups name either;
 * a ServiceAccount without requested groups gets its ServiceAccount groups.
 */
export async function resolveImpersonation(request: Request | Headers, user: UserInfo, authorize: ImpersonationAuthorize): Promise<UserInfo> {
  const headers = request instanceof Headers ? request : request.headers;
  const name = headers.get(USER_HEADER)?.trim() ?? "";
  const groups = values(headers.get(GROUP_HEADER));
  const uid = headers.get(UID_HEADER)?.trim() ?? "";
  const extra: Record<string, string[]> = {};
  headers.forEach((value, key) => {
    if (key.toLowerCase().startsWith(EXTRA_PREFIX)) (extra[extraKey(key.toLowerCase())] ??= []).push(...values(value));
  });
  const hasExtra = Object.keys(extra).length > 0;
  if (!name && !groups.length && !uid && !hasExtra) return user;
  if (!name) throw internalError("requested impersonation of groups, extra fields or a uid without impersonating a user");

  const ask = (a: Omit<AuthorizationAttributes, "user" | "verb">): AuthorizationAttributes => ({ user, verb: "impersonate", ...a });
  const sa = parseServiceAccountUsername(name);
  const checks: AuthorizationAttributes[] = [
    sa ? ask({ group: "", resource: "serviceaccounts", namespace: sa.namespace, name: sa.name }) : ask({ group: "", resource: "users", name }),
    ...groups.map((g) => ask({ group: "", resource: "groups", name: g })),
    ...Object.entries(extra).flatMap(([key, vs]) => vs.map((v) => ask({ group: "authentication.k8s.io", resource: "userextras", subresource: key, name: v }))),
    ...(uid ? [ask({ group: "authentication.k8s.io", resource: "uids", name: uid })] : []),
  ];
  for (const attrs of checks) {
    const decision = await authorize(attrs);
    if (!decision.allowed) throw forbiddenError(attrs, decision.reason);
  }

  const effective = groups.length ? [...groups] : sa ? ["system:serviceaccounts", `system:serviceaccounts:${sa.namespace}`] : [];
  if (!effective.includes(SYSTEM_AUTHENTICATED) && !effective.includes(SYSTEM_UNAUTHENTICATED)) {
    effective.push(name === ANONYMOUS ? SYSTEM_UNAUTHENTICATED : SYSTEM_AUTHENTICATED);
  }
  return { name, ...(uid ? { uid } : {}), groups: effective, ...(hasExtra ? { extra } : {}) };
}
