"use client";
// Why: an admin sets a new password for a user who lost theirs; the old one stops working at once.

import { useState, useTransition } from "react";
import { setPasswordAction } from "../actions";

/** "Set password": a small inline form for one user. */
export function PasswordReset({ username }: { username: string }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const [pending, start] = useTransition();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded border border-slate-300 bg-white px-2 py-0.5 text-[12px] font-medium text-slate-700 hover:bg-slate-50">
        Set password
      </button>
    );
  }
  return (
    <form
      className="inline-flex items-center gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await setPasswordAction(username, password);
          setNote(r.ok ? { ok: true, text: "Password set." } : { ok: false, text: r.error.message });
          if (r.ok) {
            setPassword("");
            setOpen(false);
          }
        });
      }}
    >
      <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} placeholder="new password" className="h-6 w-32 rounded border border-slate-300 px-1.5 text-[12px]" />
      <button type="submit" disabled={pending} className="rounded bg-sky-600 px-2 py-0.5 text-[12px] font-medium text-white disabled:opacity-50">
        Save
      </button>
      {note && <span className={`text-[11.5px] ${note.ok ? "text-emerald-700" : "text-rose-600"}`}>{note.text}</span>}
    </form>
  );
}
