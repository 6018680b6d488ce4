"use client";
// Why: admin pages have many one-click mutations (disable, delete, revoke, remove member); one button runs a bound server action, asks first when told to, refreshes the page's server data, and shows the apiserver's refusal.

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/app/lib/server/actions";

const STYLES = {
  danger: "border-rose-300 text-rose-700 hover:bg-rose-50",
  plain: "border-slate-300 text-slate-700 hover:bg-slate-50",
} as const;

/** A button for `action` (a server action with its arguments bound); `confirm` is the question asked before running it. */
export function ActionButton({
  action,
  label,
  pendingLabel,
  confirm,
  variant = "plain",
  testId,
  after,
}: {
  action: () => Promise<ActionResult<unknown>>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: keyof typeof STYLES;
  testId?: string;
  /** Where to go once it succeeded (default: stay and refresh). */
  after?: string;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const router = useRouter();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        data-testid={testId}
        disabled={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          start(async () => {
            const r = await action();
            if (r.ok) {
              setError(undefined);
              if (after) router.push(after);
              else router.refresh();
            } else setError(r.error.message);
          });
        }}
        className={`rounded border bg-white px-2 py-0.5 text-[12px] font-medium disabled:opacity-50 ${STYLES[variant]}`}
      >
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </button>
      {error && (
        <span className="max-w-xs text-[11.5px] text-rose-600" data-testid="action-error">
          {error}
        </span>
      )}
    </span>
  );
}
