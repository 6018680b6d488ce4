"use client";
// Why: the live pods table (`kubectl get pods -o wide` columns), kept current by the watch subscription.

import { useMemo } from "react";
import Link from "next/link";
import { ResourceTable, type Column } from "@/app/components/resource-table";
import { StatusBadge, statusTone } from "@/app/components/status-badge";
import { ageOf as age } from "@/core/api/human-duration";
import { objectHref } from "@/app/lib/hrefs";
import type { PodRow } from "@/app/lib/rows/types";
import type { RowSnapshot } from "@/app/lib/server/load-rows";
import { useWatchList } from "@/app/lib/use-watch-list";

/** Pods of one namespace (or all), live. Selectors narrow them (a Deployment's pods, a node's pods). */
export function PodList({ namespace, labelSelector, fieldSelector, initial, height }: { namespace?: string; labelSelector?: string; fieldSelector?: string; initial: RowSnapshot<"Pod">; height?: number }) {
  const { rows, state, error } = useWatchList({ kind: "Pod", namespace, labelSelector, fieldSelector, initial });
  const columns = useMemo<Column<PodRow>[]>(() => {
    const cols: Column<PodRow>[] = [
      {
        id: "name",
        header: "Name",
        width: "minmax(240px,3fr)",
        cell: (r) => (
          <Link href={objectHref("pods", r.namespace, r.name)} onClick={(e) => e.stopPropagation()} className="font-medium text-sky-700 hover:underline">
            {r.name}
          </Link>
        ),
      },
    ];
    if (!namespace) cols.push({ id: "namespace", header: "Namespace", width: "minmax(110px,1fr)", cell: (r) => r.namespace });
    cols.push(
      { id: "ready", header: "Ready", width: "70px", cell: (r) => <span className="tabular">{r.ready}</span> },
      { id: "status", header: "Status", width: "minmax(180px,1fr)", cell: (r) => <StatusBadge status={r.status} testId="pod-status" />, search: (r) => r.status },
      {
        id: "restarts",
        header: "Restarts",
        width: "120px",
        align: "right",
        cell: (r, now) => (r.lastRestartAt && r.restarts > 0 ? `${r.restarts} (${age(r.lastRestartAt, now)} ago)` : String(r.restarts)),
      },
      { id: "age", header: "Age", width: "80px", align: "right", cell: (r, now) => age(r.createdAt, now) },
      { id: "ip", header: "IP", width: "120px", cell: (r) => <span className="tabular text-slate-600">{r.ip ?? "<none>"}</span> },
      { id: "node", header: "Node", width: "minmax(120px,1fr)", cell: (r) => <span className="text-slate-600">{r.node ?? "<none>"}</span>, search: (r) => r.node ?? "" },
    );
    return cols;
  }, [namespace]);
  return (
    <ResourceTable
      rows={rows}
      columns={columns}
      rowTestId="pod-row"
      noun="pods"
      state={state}
      error={error}
      height={height}
      rowHref={(r) => objectHref("pods", r.namespace, r.name)}
      rowTone={(r) => (statusTone(r.status) === "bad" ? "bad" : undefined)}
    />
  );
}
