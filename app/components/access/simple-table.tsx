// Why: the Access, Users, Teams, Tokens and Audit pages list tens of rows, not thousands: a plain table in the console's look is enough (the virtualized ResourceTable is for cluster objects).
import type { ReactNode } from "react";

/** A compact bordered table; `rows` are cells in `columns` order, `empty` shows when there are none. */
export function SimpleTable({ columns, rows, empty, testId, rowTestId }: { columns: string[]; rows: { key: string; cells: ReactNode[]; name?: string }[]; empty?: ReactNode; testId?: string; rowTestId?: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white shadow-sm" data-testid={testId}>
      <table className="w-full text-left text-[12.5px]">
        <thead className="border-b border-slate-200 bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c} className="px-3 py-1.5 font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-b border-slate-100 last:border-0 hover:bg-slate-50/60" data-testid={rowTestId} data-name={r.name}>
              {r.cells.map((c, i) => (
                <td key={i} className="px-3 py-1.5 align-top text-slate-700">
                  {c}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="px-3 py-3 text-center text-slate-400">
                {empty ?? "None"}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
