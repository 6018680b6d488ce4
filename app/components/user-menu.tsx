"use client";
// Why: the console header says who is signed in (name and teams) and signs them out through next-auth (a CSRF-checked POST).

import { signOut } from "next-auth/react";
import { useTransition } from "react";

/** "name · teams" and a Sign out button; after signing out the browser lands on the login page. */
export function UserMenu({ name, teams }: { name: string; teams: string[] }) {
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center gap-3 text-[12px]" data-testid="user-menu">
      <div className="text-right leading-tight">
        <div className="font-medium text-slate-700" data-testid="user-name">
          {name}
        </div>
        {teams.length > 0 && (
          <div className="max-w-56 truncate text-[11px] text-slate-500" data-testid="user-teams" title={teams.join(", ")}>
            {teams.join(", ")}
          </div>
        )}
      </div>
      <button
        type="button"
        data-testid="logout-button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            await signOut({ callbackUrl: "/login" });
          })
        }
        className="h-7 rounded border border-slate-300 bg-white px-2.5 text-[12px] text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        Sign out
      </button>
    </div>
  );
}
