"use client";
// Why: the live ReplicaSets table (`kubectl get rs` columns plus owner and revision).

import { useMemo } from "react";
import Link from "next/link";
import { ResourceTable, type Column } from "@/app/components/resource-table";
import { ageOf as age } from "@/core/api/human-duration";
import { objectHref } from "@/app/lib/hrefs";
import type { ReplicaSetRow } from "@/app/lib/rows/types";
import type { RowSnapshot } from "@/app/lib/server/load-rows";
import { useWatchList } from "@/app/lib/use-watch-list";

/** ReplicaSets of a namespace (or all), optionally narrowed by a label selector, live. */
export function ReplicaSetList({ namespace, labelSelector, initial, height, showNamespace = !namespace }: { namespace?: string; labelSelector?: string; initial: RowSnapshot<"ReplicaSet">; height?: number; showNamespace?: boolean }) {
  const { rows, state, error } = useWatchList({ kind: "ReplicaSet", namespace, labelSelector, initial });
  const columns = useMemo<Column<ReplicaSetRow>[]>(() => {
    const cols: Column<ReplicaSetRow>[] = [{ id: "name", header: "Name", width: "minmax(220px,2fr)", cell: (r) => <span className="font-medium text-slate-900">{r.name}</span> }];
    if (showNamespace) cols.push({ id: "namespace", header: "Namespace", width: "minmax(110px,1fr)", cell: (r) => r.namespace });
    cols.push(
      { id: "desired", header: "Desired", width: "90px", align: "right", cell: (r) => String(r.desired) },
      { id: "current", header: "Current", width: "90px", align: "right", cell: (r) => String(r.current) },
      { id: "ready", header: "Ready", width: "70px", align: "right", cell: (r) => String(r.ready) },
      { id: "age", header: "Age", width: "80px", align: "right", cell: (r, now) => age(r.createdAt, now) },
      { id: "revision", header: "Rev", width: "55px", align: "right", cell: (r) => r.revision ?? "" },
      {
        id: "owner",
        header: "Controlled by",
        width: "minmax(160px,1fr)",
        cell: (r) =>
          r.owner?.startsWith("Deployment/") ? (
            <Link href={objectHref("deployments", r.namespace, r.owner.slice("Deployment/".length))} className="text-sky-700 hover:underline">
              {r.owner}
            </Link>
          ) : (
            <span className="text-slate-500">{r.owner ?? "<none>"}</span>
          ),
        search: (r) => r.owner ?? "",
      },
      { id: "images", header: "Images", width: "minmax(140px,1.5fr)", cell: (r) => <span className="font-mono text-[11.5px] text-slate-600">{r.images}</span> },
    );
    return cols;
  }, [showNamespace]);
  return <ResourceTable rows={rows} columns={columns} rowTestId="replicaset-row" noun="replica sets" state={state} error={error} height={height} rowTone={(r) => (r.ready < r.desired ? "warn" : undefined)} />;
}
