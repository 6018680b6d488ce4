// Why: the admin forms share their inputs, labels and error line, so every form looks and reports the same.
import type { InputHTMLAttributes, ReactNode } from "react";

/** A labelled text input. */
export function Field({ label, hint, ...input }: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex flex-col gap-1 text-[12px] text-slate-600">
      <span className="font-medium">{label}</span>
      <input
        {...input}
        className="h-8 rounded border border-slate-300 bg-white px-2 text-[12.5px] text-slate-800 outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20"
      />
      {hint && <span className="text-[11px] text-slate-400">{hint}</span>}
    </label>
  );
}

/** The primary submit button of a form. */
export function Submit({ pending, label, pendingLabel, testId }: { pending: boolean; label: string; pendingLabel?: string; testId?: string }) {
  return (
    <button type="submit" disabled={pending} data-testid={testId} className="h-8 rounded-md bg-sky-600 px-3.5 text-[12.5px] font-medium text-white shadow-sm hover:bg-sky-700 disabled:opacity-50">
      {pending ? (pendingLabel ?? `${label}…`) : label}
    </button>
  );
}

/** The apiserver's refusal or error under a form. */
export function FormError({ message, testId = "form-error" }: { message?: string; testId?: string }) {
  if (!message) return null;
  return (
    <div className="rounded border border-rose-200 bg-rose-50 px-3 py-2 text-[12px] text-rose-700" data-testid={testId} role="alert">
      {message}
    </div>
  );
}

/** A white card around a form or a section. */
export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-md border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h2 className="mb-3 text-[13px] font-semibold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}
