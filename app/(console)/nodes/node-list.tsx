"use client";
// Why: the live nodes table (`kubectl get nodes -o wide` columns plus capacity).

import Link from "next/link";
import { ResourceTable, type Column } from "@/app/components/resource-table";
import { StatusBadge } from "@/app/components/status-badge";
import { ageOf as age } from "@/core/api/human-duration";
import type { NodeRow } from "@/app/lib/rows/types";
import type { RowSnapshot } from "@/app/lib/server/load-rows";
import { useWatchList } from "@/app/lib/use-watch-list";

const COLUMNS: Column<NodeRow>[] = [
  {
    id: "name",
    header: "Name",
    width: "minmax(200px,2fr)",
    cell: (r) => (
      <Link href={`/nodes/${encodeURIComponent(r.name)}`} onClick={(e) => e.stopPropagation()} className="font-medium text-sky-700 hover:underline">
        {r.name}
      </Link>
    ),
  },
  { id: "status", header: "Status", width: "minmax(150px,1fr)", cell: (r) => <StatusBadge status={r.status} testId="node-status" />, search: (r) => r.status },
  { id: "roles", header: "Roles", width: "minmax(110px,1fr)", cell: (r) => <span className="text-slate-600">{r.roles}</span>, search: (r) => r.roles },
  { id: "age", header: "Age", width: "80px", align: "right", cell: (r, now) => age(r.createdAt, now) },
  { id: "version", header: "Version", width: "110px", cell: (r) => <span className="text-slate-600">{r.version}</span> },
  { id: "ip", header: "Internal-IP", width: "130px", cell: (r) => <span className="tabular text-slate-600">{r.internalIP ?? "<none>"}</span> },
  { id: "cpu", header: "CPU", width: "70px", align: "right", cell: (r) => r.cpu ?? "" },
  { id: "memory", header: "Memory", width: "105px", align: "right", cell: (r) => r.memory ?? "" },
  { id: "taints", header: "Taints", width: "70px", align: "right", cell: (r) => String(r.taints) },
];

/** Every node, live. */
export function NodeList({ initial }: { initial: RowSnapshot<"Node"> }) {
  const { rows, state, error } = useWatchList({ kind: "Node", initial });
  return <ResourceTable rows={rows} columns={COLUMNS} rowTestId="node-row" noun="nodes" rowHref={(r) => `/nodes/${encodeURIComponent(r.name)}`} state={state} error={error} rowTone={(r) => (r.status.startsWith("Ready") ? undefined : "bad")} />;
}
