"use client";
// Why: the live deployments table (`kubectl get deployments -o wide` columns).

import { useMemo } from "react";
import Link from "next/link";
import { ResourceTable, type Column } from "@/app/components/resource-table";
import { ageOf as age } from "@/core/api/human-duration";
import { objectHref } from "@/app/lib/hrefs";
import type { DeploymentRow } from "@/app/lib/rows/types";
import type { RowSnapshot } from "@/app/lib/server/load-rows";
import { useWatchList } from "@/app/lib/use-watch-list";

/** A ready-count with a thin progress bar. */
function ReadyBar({ ready, total }: { ready: number; total: number }) {
  const pct = total === 0 ? 100 : Math.min(100, Math.round((ready / total) * 100));
  return (
    <span className="flex items-center gap-2">
      <span className="tabular w-10">
        {ready}/{total}
      </span>
      <span className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-200">
        <span className={`block h-full rounded-full ${ready >= total ? "bg-emerald-500" : "bg-amber-500"}`} style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

/** Deployments of the selected namespace, live. */
export function DeploymentList({ namespace, initial }: { namespace?: string; initial: RowSnapshot<"Deployment"> }) {
  const { rows, state, error } = useWatchList({ kind: "Deployment", namespace, initial });
  const columns = useMemo<Column<DeploymentRow>[]>(() => {
    const cols: Column<DeploymentRow>[] = [
      {
        id: "name",
        header: "Name",
        width: "minmax(200px,2fr)",
        cell: (r) => (
          <Link href={objectHref("deployments", r.namespace, r.name)} onClick={(e) => e.stopPropagation()} className="font-medium text-sky-700 hover:underline">
            {r.name}
          </Link>
        ),
      },
    ];
    if (!namespace) cols.push({ id: "namespace", header: "Namespace", width: "minmax(110px,1fr)", cell: (r) => r.namespace });
    cols.push(
      { id: "ready", header: "Ready", width: "140px", cell: (r) => <ReadyBar ready={r.readyReplicas} total={r.replicas} /> },
      { id: "uptodate", header: "Up-to-date", width: "115px", align: "right", cell: (r) => String(r.upToDate) },
      { id: "available", header: "Available", width: "105px", align: "right", cell: (r) => String(r.available) },
      { id: "age", header: "Age", width: "80px", align: "right", cell: (r, now) => age(r.createdAt, now) },
      { id: "images", header: "Images", width: "minmax(160px,2fr)", cell: (r) => <span className="font-mono text-[11.5px] text-slate-600">{r.images}</span>, search: (r) => r.images },
    );
    return cols;
  }, [namespace]);
  return (
    <ResourceTable
      rows={rows}
      columns={columns}
      rowTestId="deployment-row"
      noun="deployments"
      state={state}
      error={error}
      rowHref={(r) => objectHref("deployments", r.namespace, r.name)}
      rowTone={(r) => (r.available < r.replicas ? "warn" : undefined)}
    />
  );
}
