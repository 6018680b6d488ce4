"use client";
// Why: admins create teams and add members; a team is the Kubernetes group that bindings name.

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Field, FormError, Submit } from "@/app/components/access/form-bits";
import { addMemberAction, createTeamAction } from "../actions";

/** The "New team" form. */
export function NewTeamForm() {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="new-team-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await createTeamAction({ name, description: description || undefined });
          if (!r.ok) return setError(r.error.message);
          setError(undefined);
          setName("");
          setDescription("");
          router.refresh();
        });
      }}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-[1fr_2fr_auto] md:items-start">
        <Field label="Team name" data-testid="new-team-name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" hint="The group name RBAC bindings use." />
        <Field label="Description" data-testid="new-team-description" value={description} onChange={(e) => setDescription(e.target.value)} autoComplete="off" />
        <div className="md:pt-5">
          <Submit pending={pending} label="Create team" pendingLabel="Creating…" testId="new-team-submit" />
        </div>
      </div>
      <FormError message={error} />
    </form>
  );
}

/** Adds a member to `team`: a choice of `users` when the admin may list them, else a name to type. */
export function AddMember({ team, users }: { team: string; users?: string[] }) {
  const [username, setUsername] = useState("");
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  const router = useRouter();
  const cls = "h-7 rounded border border-slate-300 bg-white px-1.5 text-[12px]";
  return (
    <form
      className="flex flex-wrap items-center gap-1.5"
      data-testid="add-member-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!username) return;
        start(async () => {
          const r = await addMemberAction(team, username);
          if (!r.ok) return setError(r.error.message);
          setError(undefined);
          setUsername("");
          router.refresh();
        });
      }}
    >
      {users ? (
        <select aria-label={`Add a member to ${team}`} data-testid="add-member-user" value={username} onChange={(e) => setUsername(e.target.value)} className={cls}>
          <option value="">Add member…</option>
          {users.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      ) : (
        <input aria-label={`Add a member to ${team}`} data-testid="add-member-user" value={username} onChange={(e) => setUsername(e.target.value)} placeholder="user name" className={`${cls} w-32`} />
      )}
      <button type="submit" disabled={pending || !username} data-testid="add-member-submit" className="h-7 rounded bg-sky-600 px-2.5 text-[12px] font-medium text-white disabled:opacity-40">
        {pending ? "Adding…" : "Add"}
      </button>
      {error && <FormError message={error} />}
    </form>
  );
}
