"use client";
// Why: one node, live: readiness conditions, capacity and allocatable, taints, addresses and system info (`kubectl describe node`).

import type { Node } from "@/core/api/types";
import { Card, Chips, Conditions, Facts } from "@/app/components/detail-card";
import { LiveIndicator } from "@/app/components/live-indicator";
import { StatusBadge } from "@/app/components/status-badge";
import { useNow } from "@/app/components/use-now";
import { ageOf as age } from "@/core/api/human-duration";
import { nodeRow } from "@/app/lib/rows/to-row";
import { useWatchObject } from "@/app/lib/use-watch-object";

function Resources({ capacity, allocatable }: { capacity: Record<string, string>; allocatable: Record<string, string> }) {
  const keys = [...new Set([...Object.keys(capacity), ...Object.keys(allocatable)])].sort();
  return (
    <table className="w-full text-[12.5px]">
      <thead>
        <tr className="border-b border-slate-200 bg-slate-50 text-left text-[11px] uppercase tracking-wide text-slate-500">
          <th className="px-3 py-1.5 font-semibold">Resource</th>
          <th className="px-3 py-1.5 text-right font-semibold">Capacity</th>
          <th className="px-3 py-1.5 text-right font-semibold">Allocatable</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k} className="border-b border-slate-100 last:border-0">
            <td className="px-3 py-1.5 font-medium text-slate-800">{k}</td>
            <td className="tabular px-3 py-1.5 text-right">{capacity[k] ?? ""}</td>
            <td className="tabular px-3 py-1.5 text-right">{allocatable[k] ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The live node page body. */
export function NodeDetail({ initial, resourceVersion }: { initial: Node; resourceVersion: string }) {
  const { object: n, deleted, state, error } = useWatchObject<Node>({ kind: "Node", name: initial.metadata.name!, initial, resourceVersion });
  const now = useNow(1000);
  const row = nodeRow(n);
  const info = n.status?.nodeInfo;
  const taints = n.spec?.taints ?? [];
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge status={deleted ? "Deleted" : row.status} testId="node-detail-status" />
        <span className="text-[12.5px] text-slate-500">
          Roles <b className="font-medium text-slate-800">{row.roles}</b>
        </span>
        <span className="text-[12.5px] text-slate-500" >
          Age <b className="tabular font-medium text-slate-800" suppressHydrationWarning>{age(n.metadata.creationTimestamp, now)}</b>
        </span>
        <span className="ml-auto">
          <LiveIndicator state={state} error={error} />
        </span>
      </div>
      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,2fr)_minmax(300px,1fr)]">
        <div className="flex min-w-0 flex-col gap-3">
          <Card title="Conditions" flush>
            <Conditions conditions={(n.status?.conditions ?? []) as never} ageOf={(ts) => age(ts, now)} />
          </Card>
          <Card title="Capacity" flush>
            <Resources capacity={(n.status?.capacity ?? {}) as Record<string, string>} allocatable={(n.status?.allocatable ?? {}) as Record<string, string>} />
          </Card>
        </div>
        <div className="flex min-w-0 flex-col gap-3">
          <Card title="Details">
            <Facts
              items={[
                ["Internal IP", row.internalIP],
                ["Kubelet", info?.kubeletVersion],
                ["Container runtime", info?.containerRuntimeVersion],
                ["OS image", info?.osImage],
                ["Architecture", info?.architecture],
                ["Pod CIDR", n.spec?.podCIDR],
                ["Unschedulable", n.spec?.unschedulable ? "yes" : "no"],
                ["Created", n.metadata.creationTimestamp],
              ]}
            />
          </Card>
          <Card title={`Taints (${taints.length})`}>
            {taints.length === 0 ? (
              <span className="text-[12px] text-slate-400">&lt;none&gt;</span>
            ) : (
              <ul className="flex flex-col gap-1 font-mono text-[11.5px] text-slate-700">
                {taints.map((t) => (
                  <li key={`${t.key}:${t.effect}`}>
                    {t.key}
                    {t.value ? `=${t.value}` : ""}:{t.effect}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Labels">
            <Chips map={n.metadata.labels} />
          </Card>
        </div>
      </div>
    </div>
  );
}
