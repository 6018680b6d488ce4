"use client";
// Why: `kubectl scale` from the deployment page: a stepper that sends the new replica count and shows the apiserver's answer.

import { useEffect, useState, useTransition } from "react";
import { scaleAction } from "@/app/lib/server/actions";

/** Replica stepper for one Deployment; `replicas` is the live spec value. */
export function ScaleControl({ namespace, name, replicas }: { namespace: string; name: string; replicas: number }) {
  const [value, setValue] = useState(String(replicas));
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();

  useEffect(() => {
    if (!dirty) setValue(String(replicas));
  }, [replicas, dirty]);

  const submit = (n: number) =>
    start(async () => {
      const r = await scaleAction(namespace, name, n);
      if (r.ok) {
        setDirty(false);
        setError(undefined);
        setValue(String(r.value));
      } else setError(r.error.message);
    });

  const n = Number(value);
  const btn = "h-7 w-7 rounded border border-slate-300 bg-white text-[14px] leading-none text-slate-700 hover:bg-slate-50 disabled:opacity-40";
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-1.5" data-testid="scale-control">
        <span className="mr-1 text-[12px] text-slate-500">Replicas</span>
        <button type="button" className={btn} disabled={pending || n <= 0} onClick={() => submit(Math.max(0, replicas - 1))} aria-label="Scale down">
          −
        </button>
        <input
          data-testid="scale-input"
          value={value}
          inputMode="numeric"
          onChange={(e) => {
            setValue(e.target.value);
            setDirty(true);
          }}
          onKeyDown={(e) => e.key === "Enter" && submit(Number(value))}
          className="tabular h-7 w-14 rounded border border-slate-300 bg-white px-2 text-center text-[12.5px] outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20"
        />
        <button type="button" className={btn} disabled={pending} onClick={() => submit(replicas + 1)} aria-label="Scale up">
          +
        </button>
        <button
          type="button"
          data-testid="scale-apply"
          disabled={pending || !dirty}
          onClick={() => submit(Number(value))}
          className="h-7 rounded-md bg-sky-600 px-3 text-[12.5px] font-medium text-white shadow-sm hover:bg-sky-700 disabled:opacity-40"
        >
          {pending ? "Scaling…" : "Scale"}
        </button>
      </div>
      {error && (
        <div data-testid="scale-error" className="max-w-md text-right text-[12px] text-rose-600">
          {error}
        </div>
      )}
    </div>
  );
}
