"use client";
// Why: a user creates a personal access token for kubectl or scripts; its secret is shown here once and never again.

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Field, FormError, Submit } from "@/app/components/access/form-bits";
import { createTokenAction } from "./actions";

/** The "New token" form and, after creating one, its secret with a copy button. */
export function NewTokenForm() {
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [error, setError] = useState<string>();
  const [secret, setSecret] = useState<{ name: string; token: string }>();
  const [copied, setCopied] = useState(false);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <div className="flex flex-col gap-3">
      <form
        className="grid grid-cols-1 gap-3 md:grid-cols-[2fr_1fr_auto] md:items-start"
        data-testid="new-token-form"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await createTokenAction({ name, expiresInDays: Number(days) || 0 });
            if (!r.ok) return setError(r.error.message);
            setError(undefined);
            setSecret({ name: r.value.record.name, token: r.value.token });
            setCopied(false);
            setName("");
            router.refresh();
          });
        }}
      >
        <Field label="Name" data-testid="new-token-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoComplete="off" hint="What it is for, e.g. laptop kubectl." />
        <Field label="Expires in (days)" data-testid="new-token-days" type="number" min={0} max={3650} value={days} onChange={(e) => setDays(e.target.value)} hint="0: never." />
        <div className="md:pt-5">
          <Submit pending={pending} label="Create token" pendingLabel="Creating…" testId="new-token-submit" />
        </div>
      </form>
      <FormError message={error} />
      {secret && (
        <div className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-[12px] text-emerald-900" data-testid="new-token-secret-panel">
          <div className="font-medium">Token &ldquo;{secret.name}&rdquo; created. Copy it now: it is not shown again.</div>
          <div className="mt-2 flex items-center gap-2">
            <code className="select-all break-all rounded bg-white px-2 py-1 font-mono text-[12px] text-slate-800" data-testid="new-token-secret">
              {secret.token}
            </code>
            <button
              type="button"
              onClick={() => void navigator.clipboard?.writeText(secret.token).then(() => setCopied(true))}
              className="rounded border border-emerald-400 bg-white px-2 py-0.5 text-[12px] font-medium text-emerald-800 hover:bg-emerald-100"
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <div className="mt-2 text-emerald-800">
            Use it as <code className="font-mono">kubectl --token=…</code> or in a kubeconfig&apos;s <code className="font-mono">users[].user.token</code>.
          </div>
        </div>
      )}
    </div>
  );
}
