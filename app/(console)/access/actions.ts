"use server";
// Why: the Access section's mutations and questions as server actions: bindings written through the apiserver as the session's user, deletes of RBAC objects, "can X do V" and "who can V".

import { z } from "zod";
import type { AccessReview } from "@/core/rbac/rbac-authorizer";
import { deleteObject } from "@/server/services";
import type { ActionResult } from "@/app/lib/server/actions";
import { adminAction, parsed } from "@/app/lib/server/admin/admin-action";
import { reviewSubjectAccess, saveBinding, whoCan, type SubjectAnswer } from "@/app/lib/server/admin/rbac-admin";

const text = z.string().trim().max(253);
const Binding = z.object({
  namespace: text.optional(),
  name: text.min(1),
  roleRef: z.object({ kind: z.enum(["Role", "ClusterRole"]), name: text.min(1) }),
  subjects: z.array(z.object({ kind: z.enum(["User", "Group", "ServiceAccount"]), name: text, namespace: text.optional() })).max(200),
});
const Question = z.object({
  verb: text.min(1),
  group: text.default(""),
  resource: text.min(1),
  subresource: text.optional(),
  name: text.optional(),
  namespace: text.optional(),
});
const Subject = z.object({ user: text.min(1), groups: z.array(text).max(50).optional() });
const RBAC_KINDS = z.enum(["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]);

const clean = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;

/** Creates a binding, or replaces an existing binding's subjects (`mode: "update"`). */
export async function saveBindingAction(input: z.input<typeof Binding>, mode: "create" | "update"): Promise<ActionResult<{ kind: string; namespace?: string; name: string }>> {
  return adminAction(async (f) => {
    const b = parsed(Binding, input);
    const saved = await saveBinding(f.rt, f.user, { ...b, ...(b.namespace ? { namespace: b.namespace } : { namespace: undefined }) }, parsed(z.enum(["create", "update"]), mode));
    return { kind: saved.kind, ...(saved.metadata.namespace ? { namespace: saved.metadata.namespace } : {}), name: saved.metadata.name ?? "" };
  });
}

/** Deletes a Role, RoleBinding, ClusterRole or ClusterRoleBinding as the session's user. */
export async function deleteRbacAction(kind: string, namespace: string | undefined, name: string): Promise<ActionResult<true>> {
  return adminAction(async (f) => {
    const k = parsed(RBAC_KINDS, kind);
    await deleteObject(f.rt, f.user, `${k}.rbac.authorization.k8s.io`, k.startsWith("Cluster") ? undefined : parsed(text.min(1), namespace), parsed(text.min(1), name), { source: "console" });
    return true as const;
  });
}

/** "Can user X do V on R in N?" (SubjectAccessReview; about oneself, SelfSubjectAccessReview). */
export async function checkAccessAction(subject: z.input<typeof Subject>, question: z.input<typeof Question>): Promise<ActionResult<SubjectAnswer>> {
  return adminAction(async (f) => {
    const q = clean(parsed(Question, question));
    return reviewSubjectAccess(f.rt, f.permissions, parsed(Subject, subject), q, async (username) => {
      const u = await f.identity().users.find(username);
      return u?.teams;
    });
  });
}

/** "Who can do V on R in N?" (who-can over the bindings). */
export async function whoCanAction(question: z.input<typeof Question>): Promise<ActionResult<AccessReview>> {
  return adminAction(async (f) => {
    const { namespace, ...q } = clean(parsed(Question, question));
    return whoCan(f.rt, f.permissions, q, namespace);
  });
}
