"use client";
// Why: every console list is this one virtualized table: kubectl-like columns, a name filter, stable test ids, fast at tens of thousands of rows.

import { useMemo, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { BaseRow } from "@/app/lib/rows/types";
import type { WatchState } from "@/app/lib/use-watch-stream";
import { LiveIndicator } from "./live-indicator";
import { useNow } from "./use-now";

/** One column: a grid track width (`120px`, `minmax(200px,2fr)`) and a cell renderer. */
export interface Column<R> {
  id: string;
  header: string;
  width: string;
  cell: (row: R, now: number) => ReactNode;
  align?: "right";
  /** Text the name filter also searches. */
  search?: (row: R) => string;
}

export interface ResourceTableProps<R extends BaseRow> {
  rows: readonly R[];
  columns: Column<R>[];
  /** `data-testid` of each row (`pod-row`); rows also carry `data-name` and `data-namespace`. */
  rowTestId: string;
  /** Where a row click goes. */
  rowHref?: (row: R) => string;
  /** "pods", "nodes"... for the count and the empty text. */
  noun: string;
  state?: WatchState;
  error?: string;
  toolbar?: ReactNode;
  rowTone?: (row: R) => "warn" | "bad" | undefined;
  /** Most pixels the table may take (it shrinks to fit fewer rows); default fills the parent (which must be a flex column). */
  height?: number;
}

const ROW_HEIGHT = 32;
/** Toolbar, header and borders around the rows. */
const CHROME_HEIGHT = 44 + 34 + 2;

/** A dense, sticky-header, virtualized table. Only the rows in view are in the DOM. */
export function ResourceTable<R extends BaseRow>(p: ResourceTableProps<R>) {
  const [filter, setFilter] = useState("");
  const router = useRouter();
  const now = useNow(1000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = p.columns.map((c) => c.width).join(" ");

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return p.rows;
    return p.rows.filter((r) => r.name.toLowerCase().includes(f) || (r.namespace ?? "").toLowerCase().includes(f) || p.columns.some((c) => c.search?.(r).toLowerCase().includes(f)));
  }, [filter, p.rows, p.columns]);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1200, height: 900 },
    getItemKey: (i) => shown[i].key,
  });

  return (
    <div
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-md border border-slate-200 bg-white shadow-sm"
      style={p.height ? { height: Math.min(p.height, CHROME_HEIGHT + Math.max(shown.length, 2) * ROW_HEIGHT), flex: "none" } : undefined}
    >
      <div className="flex items-center gap-3 border-b border-slate-200 px-3 py-2">
        <div className="relative">
          <svg className="pointer-events-none absolute left-2 top-1/2 h-3.5 w-3.5 -translate-y-1/2 text-slate-400" viewBox="0 0 20 20" fill="currentColor" aria-hidden>
            <path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 1 0 3.37 9.85l3.64 3.64a.75.75 0 1 0 1.06-1.06l-3.64-3.64A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z" clipRule="evenodd" />
          </svg>
          <input
            data-testid="list-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder={`Filter ${p.noun}`}
            className="h-7 w-64 rounded border border-slate-300 bg-white pl-7 pr-2 text-[12.5px] outline-none placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20"
          />
        </div>
        <span data-testid="row-count" className="tabular text-[12px] text-slate-500">
          {filter ? `${shown.length} of ${p.rows.length}` : p.rows.length} {p.rows.length === 1 ? p.noun.replace(/s$/, "") : p.noun}
        </span>
        <div className="ml-auto flex items-center gap-3">
          {p.toolbar}
          {p.state && <LiveIndicator state={p.state} error={p.error} />}
        </div>
      </div>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto" data-testid={`${p.rowTestId}-scroll`}>
        <div className="min-w-fit">
          <div role="row" className="sticky top-0 z-10 grid border-b border-slate-200 bg-slate-50/95 text-[11px] font-semibold uppercase tracking-wide text-slate-500 backdrop-blur" style={{ gridTemplateColumns: template }}>
            {p.columns.map((c) => (
              <div key={c.id} role="columnheader" className={`truncate px-3 py-2 ${c.align === "right" ? "text-right" : ""}`}>
                {c.header}
              </div>
            ))}
          </div>
          {shown.length === 0 ? (
            <div className="px-3 py-10 text-center text-slate-400" data-testid="empty-list">
              {p.rows.length === 0 ? `No ${p.noun} found.` : `No ${p.noun} match “${filter}”.`}
            </div>
          ) : (
            <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((v) => {
                const row = shown[v.index];
                const tone = p.rowTone?.(row);
                const href = p.rowHref?.(row);
                return (
                  <div
                    key={v.key}
                    role="row"
                    data-testid={p.rowTestId}
                    data-name={row.name}
                    data-namespace={row.namespace}
                    onClick={href ? (e) => (e.metaKey || e.ctrlKey ? window.open(href) : router.push(href)) : undefined}
                    className={`absolute left-0 top-0 grid w-full items-center border-b border-slate-100 text-[12.5px] ${href ? "cursor-pointer" : ""} ${
                      tone === "bad" ? "bg-rose-50/40 hover:bg-rose-50" : tone === "warn" ? "bg-amber-50/40 hover:bg-amber-50" : "hover:bg-sky-50/60"
                    }`}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)`, gridTemplateColumns: template }}
                  >
                    {p.columns.map((c) => (
                      <div key={c.id} role="cell" className={`truncate px-3 ${c.align === "right" ? "tabular text-right" : ""}`} suppressHydrationWarning>
                        {c.cell(row, now)}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
