"use client";
// Why: `kubectl delete` from a detail page, confirmed first, with the apiserver's error shown when it refuses.

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteAction } from "@/app/lib/server/actions";

/** Deletes one object and goes to `after` once the apiserver accepted it. */
export function DeleteButton({ kind, namespace, name, after }: { kind: string; namespace?: string; name: string; after: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const router = useRouter();
  return (
    <span className="flex items-center gap-2">
      {error && <span className="max-w-xs truncate text-[12px] text-rose-600" title={error}>{error}</span>}
      <button
        type="button"
        data-testid="delete-button"
        disabled={pending}
        onClick={() => {
          if (!window.confirm(`Delete ${kind.toLowerCase()} "${name}"${namespace ? ` in namespace "${namespace}"` : ""}?`)) return;
          start(async () => {
            const r = await deleteAction(kind, namespace, name);
            if (r.ok) router.push(after);
            else setError(r.error.message);
          });
        }}
        className="rounded-md border border-rose-300 bg-white px-3 py-1.5 text-[12.5px] font-medium text-rose-700 shadow-sm hover:bg-rose-50 disabled:opacity-50"
      >
        {pending ? "Deleting…" : "Delete"}
      </button>
    </span>
  );
}
