// Why: the building blocks of detail pages: titled cards, key/value grids, label chips and condition tables, styled once.
import type { ReactNode } from "react";
import { StatusBadge } from "./status-badge";

/** A titled white card. */
export function Card({ title, children, actions, testId, flush }: { title: ReactNode; children: ReactNode; actions?: ReactNode; testId?: string; flush?: boolean }) {
  return (
    <section data-testid={testId} className="overflow-hidden rounded-md border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
        <h2 className="text-[12.5px] font-semibold text-slate-800">{title}</h2>
        {actions}
      </header>
      <div className={flush ? "" : "px-3 py-2.5"}>{children}</div>
    </section>
  );
}

/** Two-column facts: `Node  worker-1`. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-[12.5px]">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 truncate text-slate-800">{v ?? <span className="text-slate-400">&lt;none&gt;</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `key=value` chips, as labels and selectors read. */
export function Chips({ map, empty = "<none>", testId }: { map?: Record<string, string>; empty?: string; testId?: string }) {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return <span className="text-[12px] text-slate-400">{empty}</span>;
  return (
    <div className="flex flex-wrap gap-1" data-testid={testId}>
      {entries.map(([k, v]) => (
        <span key={k} className="max-w-full truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 ring-1 ring-inset ring-slate-200" title={`${k}=${v}`}>
          {k}
          {v !== "" && <span className="text-slate-400">=</span>}
          {v}
        </span>
      ))}
    </div>
  );
}

export interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** Status conditions as `kubectl describe` lists them. */
export function Conditions({ conditions, ageOf }: { conditions: ConditionLike[]; ageOf: (ts?: string) => string }) {
  if (conditions.length === 0) return <div className="px-3 py-2.5 text-[12px] text-slate-400">No conditions reported.</div>;
  return (
    <table className="w-full text-[12.5px]">
      <thead>
        <tr className="border-b border-slate-200 bg-slate-50 text-left text-[11px] uppercase tracking-wide text-slate-500">
          <th className="px-3 py-1.5 font-semibold">Type</th>
          <th className="px-3 py-1.5 font-semibold">Status</th>
          <th className="px-3 py-1.5 font-semibold">Reason</th>
          <th className="px-3 py-1.5 font-semibold">Message</th>
          <th className="px-3 py-1.5 text-right font-semibold">Changed</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => (
          <tr key={c.type} className="border-b border-slate-100 last:border-0" data-testid="condition-row" data-type={c.type}>
            <td className="px-3 py-1.5 font-medium text-slate-800">{c.type}</td>
            <td className="px-3 py-1.5">
              <StatusBadge status={c.status} />
            </td>
            <td className="whitespace-nowrap px-3 py-1.5 text-slate-600">{c.reason ?? ""}</td>
            <td className="px-3 py-1.5 text-slate-600">
              {c.message ?? ""}
            </td>
            <td className="tabular whitespace-nowrap px-3 py-1.5 text-right text-slate-500" suppressHydrationWarning>
              {c.lastTransitionTime ? ageOf(c.lastTransitionTime) : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
