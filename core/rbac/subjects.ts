// Why: who a binding's subjects are (users, groups, service accounts) and how Kubernetes names and describes them, in one place for the authorizer, its index and "who can".

import type { UserInfo } from "../apiserver/types";
import { SYSTEM_AUTHENTICATED, type Subject } from "./types";

const SA_PREFIX = "system:serviceaccount:";

/** The user name a ServiceAccount authenticates as: `system:serviceaccount:<ns>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** Namespace and name of a ServiceAccount user name, or undefined for other users. */
export function parseServiceAccountUsername(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const rest = user.slice(SA_PREFIX.length);
  const i = rest.indexOf(":");
  if (i <= 0 || i === rest.length - 1 || rest.indexOf(":", i + 1) >= 0) return undefined;
  return { namespace: rest.slice(0, i), name: rest.slice(i + 1) };
}

/** The identity a ServiceAccount token yields: its user name and the groups `system:serviceaccounts`, `system:serviceaccounts:<ns>`, `system:authenticated`. */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    name: serviceAccountUsername(namespace, name),
    ...(uid ? { uid } : {}),
    groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, SYSTEM_AUTHENTICATED],
  };
}

/**
 * Index keys a subject is filed under: `User:<name>`, `Group:<name>`, or the service account's
 * user name as `User:system:serviceaccount:<ns>:<name>` (a RoleBinding's ServiceAccount without
 * a namespace means one in the binding's namespace). Unknown kinds file nowhere.
 */
export function subjectKey(s: Subject, bindingNamespace: string): string | undefined {
  switch (s.kind) {
    case "User":
      return `User:${s.name}`;
    case "Group":
      return `Group:${s.name}`;
    case "ServiceAccount": {
      const ns = s.namespace || bindingNamespace;
      return ns ? `User:${serviceAccountUsername(ns, s.name)}` : undefined;
    }
    default:
      return undefined;
  }
}

/** The keys under which bindings for `user` are filed: its name and each of its groups. */
export function userKeys(user: UserInfo): string[] {
  return [`User:${user.name}`, ...user.groups.map((g) => `Group:${g}`)];
}

/** Does `subject` (of a binding in `bindingNamespace`, "" for cluster bindings) name `user`? (appliesToUser) */
export function subjectAppliesTo(user: UserInfo, s: Subject, bindingNamespace: string): boolean {
  switch (s.kind) {
    case "User":
      return user.name === s.name;
    case "Group":
      return user.groups.includes(s.name);
    case "ServiceAccount": {
      const ns = s.namespace || bindingNamespace;
      return !!ns && user.name === serviceAccountUsername(ns, s.name);
    }
    default:
      return false;
  }
}

/** `User "bob"`, `Group "devs"`, `ServiceAccount "builder/ci"` as the RBAC authorizer's reasons print subjects. */
export function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === "ServiceAccount") return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}
