// Why: the console's Access section: roles and bindings read and written through the apiserver as the signed-in user (so RBAC and escalation prevention decide), "can X do V on R" and "who can V on R".

import { badRequest, CauseType, invalid } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { AccessReview, RbacAuthorizer } from "@/core/rbac/rbac-authorizer";
import { parseServiceAccountUsername, serviceAccountUser } from "@/core/rbac/subjects";
import { CLUSTER_ROLE_BINDING_TYPE, RBAC_API_VERSION, RBAC_GROUP, ROLE_BINDING_TYPE, type ClusterRoleBinding, type RoleBinding, type Subject } from "@/core/rbac/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { getObject, listObjects } from "@/server/services";
import { Permissions, type AccessAnswer, type AccessQuestion } from "@/app/lib/server/permissions";
import { apiFailure, type ApiFailure } from "@/app/lib/server/api-failure";

/** The group every authenticated user is in (so a subject review includes it, as a real login would). */
const SYSTEM_AUTHENTICATED = "system:authenticated";

/** A list the user may read, or the apiserver's refusal (each section of the Access page shows one or the other). */
export type Readable<T> = { ok: true; items: T[] } | { ok: false; error: ApiFailure };

/** Lists `type` in `namespace` as `user`; a 403 (or any failure) becomes the section's message instead of a crash. */
export async function readableList<T extends KubeObject>(rt: ClusterRuntime, user: UserInfo, type: ResourceType, namespace?: string): Promise<Readable<T>> {
  try {
    const list = await listObjects<T>(rt, user, type, namespace ? { namespace } : {});
    const items = [...list.items].sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
    return { ok: true, items };
  } catch (e) {
    return { ok: false, error: apiFailure(e) };
  }
}

/** One subject of a binding, as the form edits it. */
export interface SubjectInput {
  kind: "User" | "Group" | "ServiceAccount";
  name: string;
  /** ServiceAccounts only; in a RoleBinding, empty means the binding's namespace. */
  namespace?: string;
}

/** What the binding form sends: a RoleBinding when `namespace` is set, else a ClusterRoleBinding. */
export interface BindingInput {
  namespace?: string;
  name: string;
  roleRef: { kind: "Role" | "ClusterRole"; name: string };
  subjects: SubjectInput[];
}

function subjectOf(s: SubjectInput): Subject {
  const name = s.name.trim();
  if (s.kind === "ServiceAccount") return { kind: "ServiceAccount", name, ...(s.namespace?.trim() ? { namespace: s.namespace.trim() } : {}) };
  return { kind: s.kind, apiGroup: RBAC_GROUP, name };
}

/**
 * Creates the binding (`mode` "create"), or replaces the subjects of an existing one ("update";
 * its roleRef is immutable: a different one is the apiserver's 422). Written as `user` through
 * the apiserver, so RBAC (`create`/`update rolebindings`) and escalation prevention (`bind`, or
 * holding every permission of the role) decide, with Kubernetes' 403 messages.
 */
export async function saveBinding(rt: ClusterRuntime, user: UserInfo, input: BindingInput, mode: "create" | "update" = "create"): Promise<RoleBinding | ClusterRoleBinding> {
  const namespaced = !!input.namespace;
  const type = namespaced ? ROLE_BINDING_TYPE : CLUSTER_ROLE_BINDING_TYPE;
  const name = input.name.trim();
  if (!namespaced && input.roleRef.kind !== "ClusterRole") {
    throw invalid({ group: RBAC_GROUP, kind: "ClusterRoleBinding", name }, [{ reason: CauseType.NotSupported, field: "roleRef.kind", message: `Unsupported value: "${input.roleRef.kind}": supported values: "ClusterRole"` }]);
  }
  const client = rt.apiServer.client(user, { source: "console" });
  const subjects = input.subjects.filter((s) => s.name.trim()).map(subjectOf);
  const roleRef = { apiGroup: RBAC_GROUP, kind: input.roleRef.kind, name: input.roleRef.name.trim() };
  if (mode === "update") {
    const existing = await getObject<RoleBinding>(rt, user, type, input.namespace, name);
    const next = structuredClone(existing) as RoleBinding;
    next.subjects = subjects;
    next.roleRef = roleRef;
    return client.update(next);
  }
  const obj: RoleBinding = {
    apiVersion: RBAC_API_VERSION,
    kind: type.kind,
    metadata: { name, ...(namespaced ? { namespace: input.namespace } : {}) },
    roleRef,
    subjects,
  };
  return client.create(obj);
}

/** Who a "can user X do V" question is about: a console user with their teams, a ServiceAccount, or a name with the groups given. */
export interface SubjectQuery {
  user: string;
  /** Extra groups, as `kubectl auth can-i --as-group` adds them. */
  groups?: string[];
}

/** The answer of a subject access review, with the identity that was checked. */
export interface SubjectAnswer extends AccessAnswer {
  subject: UserInfo;
}

/** Looks up a console user's teams by name (the identity service); undefined when no such user. */
export type TeamsOf = (username: string) => Promise<string[] | undefined>;

/** The identity a subject query names: a ServiceAccount's groups, a known user's teams, or just the groups given. */
export async function subjectIdentity(q: SubjectQuery, teamsOf: TeamsOf): Promise<UserInfo> {
  const name = q.user.trim();
  const extra = (q.groups ?? []).map((g) => g.trim()).filter(Boolean);
  const sa = parseServiceAccountUsername(name);
  const base = sa ? serviceAccountUser(sa.namespace, sa.name).groups : [...((await teamsOf(name)) ?? []), SYSTEM_AUTHENTICATED];
  return { name, groups: [...new Set([...base, ...extra])] };
}

/**
 * SubjectAccessReview: may `q.user` make request `question`? Asking about someone else needs
 * `create subjectaccessreviews` (as in Kubernetes); asking about oneself is a
 * SelfSubjectAccessReview, which everyone may make.
 */
export async function reviewSubjectAccess(rt: ClusterRuntime, asker: Permissions, q: SubjectQuery, question: AccessQuestion, teamsOf: TeamsOf): Promise<SubjectAnswer> {
  const self = q.user.trim() === asker.user.name && !(q.groups ?? []).some((g) => g.trim());
  if (!self) {
    const refusal = asker.forbidden({ verb: "create", group: "authorization.k8s.io", resource: "subjectaccessreviews" });
    if (refusal) throw refusal;
  }
  const subject = self ? asker.user : await subjectIdentity(q, teamsOf);
  return { ...new Permissions(rt.apiServer.authorizer, subject).check(question), subject };
}

/**
 * The cluster's own RBAC authorizer (`rt.rbac`): who-can reads its binding index rather than
 * building a second one. A cluster without RBAC (AlwaysAllow) cannot answer the question.
 */
function whoCanSourceOf(rt: ClusterRuntime): Pick<RbacAuthorizer, "whoCan"> {
  if (!rt.rbac) throw badRequest("who can: this cluster does not authorize with RBAC, so there are no bindings to read");
  return rt.rbac;
}

/**
 * Who may make request `question` in `namespace` (ResourceAccessReview, `kubectl who-can`):
 * the subjects of every binding whose role allows it. Reading bindings is what it reveals, so
 * the asker needs `list clusterrolebindings` and, for a namespace, `list rolebindings` there.
 */
export function whoCan(rt: ClusterRuntime, asker: Permissions, question: Omit<AccessQuestion, "namespace">, namespace?: string): AccessReview {
  const refusal =
    asker.forbidden({ verb: "list", group: RBAC_GROUP, resource: "clusterrolebindings" }) ??
    (namespace ? asker.forbidden({ verb: "list", group: RBAC_GROUP, resource: "rolebindings", namespace }) : undefined);
  if (refusal) throw refusal;
  return whoCanSourceOf(rt).whoCan({ verb: question.verb, group: question.group, resource: question.resource, ...(question.subresource ? { subresource: question.subresource } : {}), ...(question.name ? { name: question.name } : {}) }, namespace || undefined);
}
