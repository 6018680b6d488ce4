"use client";
// Why: admins bind a role to users, teams (groups) and service accounts without writing YAML; the apiserver decides (RBAC, escalation prevention) and its refusal is shown as is.

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { saveBindingAction } from "@/app/(console)/access/actions";
import { Field, FormError, Submit } from "./form-bits";

type Kind = "User" | "Group" | "ServiceAccount";
interface SubjectRow {
  kind: Kind;
  name: string;
  namespace?: string;
}

/** What the form starts from (an existing binding when editing). */
export interface BindingDraft {
  name: string;
  roleRef: { kind: "Role" | "ClusterRole"; name: string };
  subjects: SubjectRow[];
}

const select = "h-8 rounded border border-slate-300 bg-white px-1.5 text-[12.5px]";
const text = "h-8 rounded border border-slate-300 bg-white px-2 text-[12.5px] outline-none focus:border-sky-500";

/** The href of a saved binding's page. */
function bindingHref(namespace: string | undefined, name: string): string {
  return namespace ? `/access/rolebindings/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}` : `/access/clusterrolebindings/${encodeURIComponent(name)}`;
}

/**
 * Create (`mode` "create") or edit the subjects of (`"update"`) a RoleBinding in `namespace`, or a
 * ClusterRoleBinding when `namespace` is absent. `roles`/`clusterRoles`/`teams`/`users` feed the suggestions.
 */
export function BindingForm({
  mode,
  namespace,
  initial,
  roles = [],
  clusterRoles = [],
  teams = [],
  users = [],
}: {
  mode: "create" | "update";
  namespace?: string;
  initial: BindingDraft;
  roles?: string[];
  clusterRoles?: string[];
  teams?: string[];
  users?: string[];
}) {
  const [name, setName] = useState(initial.name);
  const [roleKind, setRoleKind] = useState(initial.roleRef.kind);
  const [roleName, setRoleName] = useState(initial.roleRef.name);
  const [subjects, setSubjects] = useState<SubjectRow[]>(initial.subjects.length ? initial.subjects : [{ kind: "Group", name: "" }]);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const router = useRouter();
  const update = (i: number, patch: Partial<SubjectRow>) => setSubjects((s) => s.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const locked = mode === "update";
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="binding-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await saveBindingAction({ ...(namespace ? { namespace } : {}), name, roleRef: { kind: roleKind, name: roleName }, subjects }, mode);
          if (!r.ok) return setError(r.error.message);
          setError(undefined);
          router.push(bindingHref(r.value.namespace, r.value.name));
          router.refresh();
        });
      }}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <Field label="Name" data-testid="binding-name" value={name} onChange={(e) => setName(e.target.value)} required disabled={locked} autoComplete="off" />
        <label className="flex flex-col gap-1 text-[12px] text-slate-600">
          <span className="font-medium">Role kind</span>
          <select data-testid="binding-role-kind" value={roleKind} disabled={locked || !namespace} onChange={(e) => setRoleKind(e.target.value as "Role" | "ClusterRole")} className={select}>
            <option value="ClusterRole">ClusterRole</option>
            {namespace && <option value="Role">Role</option>}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-[12px] text-slate-600">
          <span className="font-medium">Role</span>
          <input list="binding-role-names" data-testid="binding-role-name" value={roleName} disabled={locked} onChange={(e) => setRoleName(e.target.value)} required className={text} autoComplete="off" />
          <datalist id="binding-role-names">
            {(roleKind === "Role" ? roles : clusterRoles).map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          {locked && <span className="text-[11px] text-slate-400">A binding&apos;s role cannot change: delete it and create another.</span>}
        </label>
      </div>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-[12px] font-medium text-slate-600">Subjects</legend>
        {subjects.map((s, i) => (
          <div key={i} className="flex flex-wrap items-center gap-1.5" data-testid="binding-subject-row">
            <select aria-label="Subject kind" data-testid="binding-subject-kind" value={s.kind} onChange={(e) => update(i, { kind: e.target.value as Kind })} className={select}>
              <option value="Group">Team (Group)</option>
              <option value="User">User</option>
              <option value="ServiceAccount">ServiceAccount</option>
            </select>
            <input
              aria-label="Subject name"
              data-testid="binding-subject-name"
              list={s.kind === "Group" ? "binding-teams" : s.kind === "User" ? "binding-users" : undefined}
              value={s.name}
              onChange={(e) => update(i, { name: e.target.value })}
              placeholder={s.kind === "Group" ? "team" : s.kind === "User" ? "user name" : "service account"}
              className={`${text} w-48`}
              autoComplete="off"
            />
            {s.kind === "ServiceAccount" && (
              <input aria-label="Service account namespace" value={s.namespace ?? ""} onChange={(e) => update(i, { namespace: e.target.value })} placeholder={namespace ?? "namespace"} className={`${text} w-36`} />
            )}
            <button type="button" aria-label="Remove subject" onClick={() => setSubjects((all) => all.filter((_, j) => j !== i))} className="h-8 rounded border border-slate-300 bg-white px-2 text-[12px] text-slate-600 hover:bg-slate-50">
              Remove
            </button>
          </div>
        ))}
        <datalist id="binding-teams">
          {teams.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <datalist id="binding-users">
          {users.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
        <div>
          <button type="button" data-testid="binding-add-subject" onClick={() => setSubjects((all) => [...all, { kind: "Group", name: "" }])} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-[12px] text-slate-700 hover:bg-slate-50">
            Add subject
          </button>
        </div>
      </fieldset>
      <div>
        <Submit pending={pending} label={locked ? "Save subjects" : "Create binding"} pendingLabel="Saving…" testId="binding-submit" />
      </div>
      <FormError message={error} />
    </form>
  );
}
