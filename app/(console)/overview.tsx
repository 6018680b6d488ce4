"use client";
// Why: the console's home: cluster health at a glance (nodes, pods by status, deployments, warnings, recent events), live; a section RBAC refuses says "not permitted" on its own.

import Link from "next/link";
import { useMemo, type ReactNode } from "react";
import { LiveIndicator } from "@/app/components/live-indicator";
import { PageHeader } from "@/app/components/page-header";
import { StatusBadge, statusTone } from "@/app/components/status-badge";
import { useNow } from "@/app/components/use-now";
import { ageOf as age } from "@/core/api/human-duration";
import { involvedHref, nsQuery, objectHref } from "@/app/lib/hrefs";
import type { RowSnapshot } from "@/app/lib/server/load-rows";
import { useWatchList } from "@/app/lib/use-watch-list";
import type { ListKind } from "@/app/lib/rows/types";
import { compareEventRows } from "./events/event-list";

/** One section's first paint; `refused` is the apiserver's 403 message when the user may not list it. */
export type OverviewSection<K extends ListKind> = RowSnapshot<K> & { refused?: string };

export interface OverviewProps {
  namespace?: string;
  nodes: OverviewSection<"Node">;
  pods: OverviewSection<"Pod">;
  deployments: OverviewSection<"Deployment">;
  events: OverviewSection<"Event">;
}

/** In place of a tile's figures or a panel's rows: the section is not permitted, with the apiserver's message on hover and below. */
function NotPermitted({ message, testId }: { message: string; testId: string }) {
  return (
    <div className="mt-1" data-testid={testId} title={message}>
      <div className="text-[15px] font-semibold text-amber-700">Not permitted</div>
      <div className="mt-1 line-clamp-2 text-[11px] leading-snug text-slate-500">{message}</div>
    </div>
  );
}

/** A summary tile; when `refused` (the apiserver's 403 message), "Not permitted" (test id `refusedTestId`) stands in for its figures. */
function Tile({ title, href, children, testId, refused, refusedTestId }: { title: string; href: string; children: ReactNode; testId: string; refused?: string; refusedTestId: string }) {
  return (
    <Link href={href} data-testid={testId} className="group rounded-md border border-slate-200 bg-white px-4 py-3 shadow-sm transition hover:border-sky-300 hover:shadow">
      <div className="text-[11.5px] font-semibold uppercase tracking-wide text-slate-500 group-hover:text-sky-700">{title}</div>
      {refused ? <NotPermitted message={refused} testId={refusedTestId} /> : children}
    </Link>
  );
}

function Big({ value, of, testId }: { value: number; of?: number; testId?: string }) {
  return (
    <div className="mt-1 flex items-baseline gap-1">
      <span className="tabular text-[28px] font-semibold leading-none text-slate-900" data-testid={testId}>
        {value}
      </span>
      {of !== undefined && <span className="tabular text-[15px] text-slate-400">/ {of}</span>}
    </div>
  );
}

function Bar({ parts }: { parts: { n: number; cls: string; label: string }[] }) {
  const total = parts.reduce((s, p) => s + p.n, 0);
  return (
    <div className="mt-3 flex h-1.5 overflow-hidden rounded-full bg-slate-100">
      {total > 0 && parts.map((p) => p.n > 0 && <span key={p.label} title={`${p.label}: ${p.n}`} className={p.cls} style={{ width: `${(p.n / total) * 100}%` }} />)}
    </div>
  );
}

/** Live cluster summary. */
export function Overview(p: OverviewProps) {
  const now = useNow(5000);
  const nodes = useWatchList({ kind: "Node", initial: p.nodes, refused: p.nodes.refused });
  const pods = useWatchList({ kind: "Pod", namespace: p.namespace, initial: p.pods, refused: p.pods.refused });
  const deployments = useWatchList({ kind: "Deployment", namespace: p.namespace, initial: p.deployments, refused: p.deployments.refused });
  const events = useWatchList({ kind: "Event", namespace: p.namespace, initial: p.events, compare: compareEventRows, refused: p.events.refused });

  const podStats = useMemo(() => {
    const byStatus = new Map<string, number>();
    let ok = 0,
      progress = 0,
      bad = 0;
    for (const r of pods.rows) {
      byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
      const t = statusTone(r.status);
      if (t === "ok") ok++;
      else if (t === "bad") bad++;
      else progress++;
    }
    return { byStatus: [...byStatus.entries()].sort((a, b) => b[1] - a[1]), ok, progress, bad };
  }, [pods.rows]);
  const readyNodes = nodes.rows.filter((n) => n.status.startsWith("Ready")).length;
  const availableDeployments = deployments.rows.filter((d) => d.available >= d.replicas).length;
  const warnings = events.rows.filter((e) => e.type === "Warning").length;
  const problems = pods.rows.filter((r) => statusTone(r.status) === "bad").slice(0, 8);
  // A refused section has its own note; the indicator tells how the permitted watches are doing.
  const states = [nodes, pods, deployments, events].filter((s) => s.state !== "forbidden");
  const worst = states.find((s) => s.state !== "live") ?? states[0] ?? nodes;
  // A watch refused after first paint (RBAC changed) marks its section like a refused list.
  const refusal = (s: { state: string; error?: string }, initial?: string) => initial ?? (s.state === "forbidden" ? (s.error ?? "Forbidden") : undefined);
  const refused = { nodes: refusal(nodes, p.nodes.refused), pods: refusal(pods, p.pods.refused), deployments: refusal(deployments, p.deployments.refused), events: refusal(events, p.events.refused) };
  const q = nsQuery(p.namespace);

  return (
    <div className="flex flex-col gap-3">
      <PageHeader
        title="Overview"
        subtitle={p.namespace ? <>Namespace <b className="font-medium text-slate-700">{p.namespace}</b></> : "All namespaces"}
        actions={<LiveIndicator state={worst.state} error={worst.error} />}
      />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Tile title="Nodes ready" href="/nodes" testId="tile-nodes" refused={refused.nodes} refusedTestId="nodes-forbidden">
          <Big value={readyNodes} of={nodes.rows.length} testId="nodes-ready" />
          <Bar parts={[{ n: readyNodes, cls: "bg-emerald-500", label: "Ready" }, { n: nodes.rows.length - readyNodes, cls: "bg-rose-500", label: "Not ready" }]} />
        </Tile>
        <Tile title="Pods" href={`/pods${q}`} testId="tile-pods" refused={refused.pods} refusedTestId="pods-forbidden">
          <Big value={pods.rows.length} testId="pods-total" />
          <Bar parts={[{ n: podStats.ok, cls: "bg-emerald-500", label: "Healthy" }, { n: podStats.progress, cls: "bg-amber-500", label: "In progress" }, { n: podStats.bad, cls: "bg-rose-500", label: "Failing" }]} />
        </Tile>
        <Tile title="Deployments available" href={`/deployments${q}`} testId="tile-deployments" refused={refused.deployments} refusedTestId="deployments-forbidden">
          <Big value={availableDeployments} of={deployments.rows.length} testId="deployments-available" />
          <Bar parts={[{ n: availableDeployments, cls: "bg-emerald-500", label: "Available" }, { n: deployments.rows.length - availableDeployments, cls: "bg-amber-500", label: "Progressing" }]} />
        </Tile>
        <Tile title="Warning events" href={`/events${q}`} testId="tile-warnings" refused={refused.events} refusedTestId="events-forbidden">
          <Big value={warnings} testId="warnings" />
          <Bar parts={[{ n: events.rows.length - warnings, cls: "bg-slate-300", label: "Normal" }, { n: warnings, cls: "bg-rose-500", label: "Warning" }]} />
        </Tile>
      </div>

      <div className="grid grid-cols-1 gap-3 xl:grid-cols-[minmax(280px,1fr)_minmax(0,2.2fr)]">
        <div className="flex flex-col gap-3">
          <section className="rounded-md border border-slate-200 bg-white shadow-sm">
            <h2 className="border-b border-slate-200 px-3 py-2 text-[12.5px] font-semibold text-slate-800">Pods by status</h2>
            <ul className="divide-y divide-slate-100" data-testid="pods-by-status">
              {refused.pods && <li className="px-3 py-3 text-[12px] text-amber-700">Not permitted.</li>}
              {!refused.pods && podStats.byStatus.length === 0 && <li className="px-3 py-3 text-[12px] text-slate-400">No pods.</li>}
              {podStats.byStatus.map(([status, n]) => (
                <li key={status} className="flex items-center justify-between px-3 py-1.5">
                  <StatusBadge status={status} />
                  <span className="tabular text-[12.5px] font-medium text-slate-700">{n}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="rounded-md border border-slate-200 bg-white shadow-sm">
            <h2 className="border-b border-slate-200 px-3 py-2 text-[12.5px] font-semibold text-slate-800">Pods needing attention</h2>
            <ul className="divide-y divide-slate-100">
              {refused.pods && <li className="px-3 py-3 text-[12px] text-amber-700">Not permitted.</li>}
              {!refused.pods && problems.length === 0 && <li className="px-3 py-3 text-[12px] text-slate-400">None. All pods are healthy or starting.</li>}
              {problems.map((r) => (
                <li key={r.key} className="flex items-center justify-between gap-2 px-3 py-1.5">
                  <Link href={objectHref("pods", r.namespace, r.name)} className="truncate text-[12.5px] text-sky-700 hover:underline">
                    {r.namespace}/{r.name}
                  </Link>
                  <StatusBadge status={r.status} />
                </li>
              ))}
            </ul>
          </section>
        </div>
        <section className="min-w-0 rounded-md border border-slate-200 bg-white shadow-sm">
          <div className="flex items-center justify-between border-b border-slate-200 px-3 py-2">
            <h2 className="text-[12.5px] font-semibold text-slate-800">Recent events</h2>
            <Link href={`/events${q}`} className="text-[12px] text-sky-700 hover:underline">
              All events →
            </Link>
          </div>
          <table className="w-full table-fixed text-[12.5px]" data-testid="recent-events">
            <colgroup>
              <col className="w-16" />
              <col className="w-52" />
              <col className="w-56" />
              <col />
            </colgroup>
            <tbody>
              {refused.events && (
                <tr>
                  <td colSpan={4} className="truncate px-3 py-3 text-[12px] text-amber-700" data-testid="recent-events-forbidden" title={refused.events}>
                    Not permitted: {refused.events}
                  </td>
                </tr>
              )}
              {!refused.events && events.rows.length === 0 && (
                <tr>
                  <td className="px-3 py-3 text-[12px] text-slate-400">No events yet.</td>
                </tr>
              )}
              {events.rows.slice(0, 14).map((e) => {
                const href = involvedHref(e.objectKind, e.namespace, e.objectName);
                return (
                  <tr key={e.key} className={`border-b border-slate-100 last:border-0 ${e.type === "Warning" ? "bg-amber-50/50" : ""}`}>
                    <td className="tabular px-3 py-1.5 text-right text-slate-500" suppressHydrationWarning>
                      {age(e.lastSeen, now)}
                    </td>
                    <td className={`truncate px-3 py-1.5 font-medium ${e.type === "Warning" ? "text-rose-600" : "text-slate-800"}`}>{e.reason}</td>
                    <td className="truncate px-3 py-1.5">
                      {href ? (
                        <Link href={href} className="text-sky-700 hover:underline">
                          {e.object}
                        </Link>
                      ) : (
                        e.object
                      )}
                    </td>
                    <td className="truncate px-3 py-1.5 text-slate-600" title={e.message}>
                      {e.message}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
