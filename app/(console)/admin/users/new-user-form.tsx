"use client";
// Why: admins create a user with an initial password and their teams in one step.

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Field, FormError, Submit } from "@/app/components/access/form-bits";
import { createUserAction } from "../actions";

/** The "New user" form; `teams` are the team names to offer. */
export function NewUserForm({ teams }: { teams: string[] }) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <form
      className="flex flex-col gap-3"
      data-testid="new-user-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await createUserAction({ username, displayName: displayName || undefined, password, teams: chosen });
          if (!r.ok) {
            setError(r.error.message);
            setDone(undefined);
            return;
          }
          setError(undefined);
          setDone(`User "${r.value.username}" created.`);
          setUsername("");
          setDisplayName("");
          setPassword("");
          setChosen([]);
          router.refresh();
        });
      }}
    >
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <Field label="User name" data-testid="new-user-name" value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" hint="Their Kubernetes user name in bindings." />
        <Field label="Display name" data-testid="new-user-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
        <Field label="Initial password" type="password" data-testid="new-user-password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" hint="At least 8 characters." />
      </div>
      {teams.length > 0 && (
        <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-[12px] text-slate-600">
          <legend className="mb-1 font-medium">Teams</legend>
          {teams.map((t) => (
            <label key={t} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                data-testid={`new-user-team-${t}`}
                checked={chosen.includes(t)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, t] : c.filter((x) => x !== t)))}
              />
              {t}
            </label>
          ))}
        </fieldset>
      )}
      <div className="flex items-center gap-3">
        <Submit pending={pending} label="Create user" pendingLabel="Creating…" testId="new-user-submit" />
        {done && <span className="text-[12px] text-emerald-700" data-testid="new-user-done">{done}</span>}
      </div>
      <FormError message={error} />
    </form>
  );
}
