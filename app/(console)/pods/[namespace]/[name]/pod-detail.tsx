"use client";
// Why: one pod, live: its containers (state, restarts, image), conditions, metadata, YAML and logs, as `kubectl describe pod` and `kubectl logs` show them.

import Link from "next/link";
import { stringify } from "yaml";
import type { ContainerStatus, Pod } from "@/core/api/types";
import { Card, Chips, Conditions, Facts } from "@/app/components/detail-card";
import { LiveIndicator } from "@/app/components/live-indicator";
import { LogViewer } from "@/app/components/log-viewer";
import { StatusBadge } from "@/app/components/status-badge";
import { useNow } from "@/app/components/use-now";
import { ageOf as age } from "@/core/api/human-duration";
import { objectHref } from "@/app/lib/hrefs";
import { podStatus } from "@/app/lib/pod-status";
import { useWatchObject } from "@/app/lib/use-watch-object";

function containerState(cs: ContainerStatus | undefined, now: number): { word: string; detail: string } {
  if (!cs?.state) return { word: "Waiting", detail: "no status reported yet" };
  if (cs.state.running) return { word: "Running", detail: `started ${age(cs.state.running.startedAt, now)} ago` };
  if (cs.state.waiting) return { word: cs.state.waiting.reason ?? "Waiting", detail: cs.state.waiting.message ?? "" };
  const t = cs.state.terminated!;
  return { word: t.reason ?? "Terminated", detail: `exit code ${t.exitCode}${t.finishedAt ? `, ${age(t.finishedAt, now)} ago` : ""}` };
}

/** The live pod page body. */
export function PodDetail({ initial, resourceVersion }: { initial: Pod; resourceVersion: string }) {
  const ns = initial.metadata.namespace!;
  const name = initial.metadata.name!;
  const { object: pod, deleted, state, error } = useWatchObject<Pod>({ kind: "Pod", namespace: ns, name, initial, resourceVersion });
  const now = useNow(1000);
  const summary = podStatus(pod);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  const statuses = new Map([...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((c) => [c.name, c]));
  const containers = [...(pod.spec?.initContainers ?? []).map((c) => ({ ...c, init: true })), ...(pod.spec?.containers ?? []).map((c) => ({ ...c, init: false }))];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge status={deleted ? "Deleted" : summary.status} testId="pod-detail-status" />
        <span className="text-[12.5px] text-slate-500">
          Ready <b className="tabular font-medium text-slate-800">{summary.readyContainers}/{summary.totalContainers}</b>
        </span>
        <span className="text-[12.5px] text-slate-500">
          Restarts <b className="tabular font-medium text-slate-800">{summary.restarts}</b>
        </span>
        <span className="text-[12.5px] text-slate-500" >
          Age <b className="tabular font-medium text-slate-800" suppressHydrationWarning>{age(pod.metadata.creationTimestamp, now)}</b>
        </span>
        <span className="ml-auto">
          <LiveIndicator state={state} error={error} />
        </span>
      </div>
      {deleted && <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-[12.5px] text-amber-800">This pod has been deleted.</div>}

      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,2fr)_minmax(300px,1fr)]">
        <div className="flex min-w-0 flex-col gap-3">
          <Card title={`Containers (${containers.length})`} flush testId="pod-containers">
            <table className="w-full text-[12.5px]">
              <thead>
                <tr className="border-b border-slate-200 bg-slate-50 text-left text-[11px] uppercase tracking-wide text-slate-500">
                  <th className="px-3 py-1.5 font-semibold">Name</th>
                  <th className="px-3 py-1.5 font-semibold">State</th>
                  <th className="px-3 py-1.5 font-semibold">Ready</th>
                  <th className="px-3 py-1.5 text-right font-semibold">Restarts</th>
                  <th className="px-3 py-1.5 font-semibold">Image</th>
                  <th className="px-3 py-1.5 font-semibold">Ports</th>
                </tr>
              </thead>
              <tbody>
                {containers.map((c) => {
                  const cs = statuses.get(c.name);
                  const st = containerState(cs, now);
                  const last = cs?.lastState?.terminated;
                  return (
                    <tr key={c.name} className="border-b border-slate-100 align-top last:border-0" data-testid="container-row" data-name={c.name}>
                      <td className="px-3 py-2 font-medium text-slate-800">
                        {c.name}
                        {c.init && <span className="ml-1.5 rounded bg-slate-100 px-1 text-[10.5px] font-normal text-slate-500">init</span>}
                      </td>
                      <td className="px-3 py-2">
                        <StatusBadge status={st.word} testId="container-state" />
                        <div className="mt-0.5 text-[11.5px] text-slate-500" suppressHydrationWarning>
                          {st.detail}
                        </div>
                        {last && (
                          <div className="text-[11.5px] text-slate-500">
                            Last: {last.reason ?? "Terminated"} (exit {last.exitCode})
                          </div>
                        )}
                      </td>
                      <td className="px-3 py-2">{cs?.ready ? "✓" : "—"}</td>
                      <td className="tabular px-3 py-2 text-right">{cs?.restartCount ?? 0}</td>
                      <td className="px-3 py-2 font-mono text-[11.5px] text-slate-600">{c.image}</td>
                      <td className="px-3 py-2 text-[11.5px] text-slate-600">{(c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ") || "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
          <LogViewer namespace={ns} pod={name} containers={[...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name)} />
          <Card title="Conditions" flush>
            <Conditions conditions={(pod.status?.conditions ?? []) as never} ageOf={(ts) => age(ts, now)} />
          </Card>
        </div>
        <div className="flex min-w-0 flex-col gap-3">
          <Card title="Details">
            <Facts
              items={[
                ["Namespace", <Link key="ns" href={`/pods?namespace=${encodeURIComponent(ns)}`} className="text-sky-700 hover:underline">{ns}</Link>],
                ["Node", pod.spec?.nodeName],
                ["Phase", pod.status?.phase],
                ["Pod IP", pod.status?.podIP],
                ["Host IP", pod.status?.hostIP],
                ["QoS class", pod.status?.qosClass],
                [
                  "Controlled by",
                  owner ? (
                    owner.kind === "ReplicaSet" ? (
                      <Link href={`/replicasets?namespace=${encodeURIComponent(ns)}`} className="text-sky-700 hover:underline">
                        {owner.kind}/{owner.name}
                      </Link>
                    ) : owner.kind === "Deployment" ? (
                      <Link href={objectHref("deployments", ns, owner.name)} className="text-sky-700 hover:underline">
                        {owner.kind}/{owner.name}
                      </Link>
                    ) : (
                      `${owner.kind}/${owner.name}`
                    )
                  ) : undefined,
                ],
                ["Service account", pod.spec?.serviceAccountName],
                ["Restart policy", pod.spec?.restartPolicy],
                ["Created", pod.metadata.creationTimestamp],
                ["UID", <span key="uid" className="font-mono text-[11px]">{pod.metadata.uid}</span>],
              ]}
            />
          </Card>
          <Card title="Labels">
            <Chips map={pod.metadata.labels} testId="pod-labels" />
          </Card>
          <Card title="Annotations">
            <Chips map={pod.metadata.annotations} />
          </Card>
        </div>
      </div>
      <details className="rounded-md border border-slate-200 bg-white shadow-sm">
        <summary className="cursor-pointer px-3 py-2 text-[12.5px] font-semibold text-slate-800">YAML</summary>
        <pre className="max-h-[32rem] overflow-auto border-t border-slate-200 bg-slate-50 px-3 py-2 font-mono text-[11.5px] text-slate-700">{stringify(pod, { lineWidth: 0 })}</pre>
      </details>
    </div>
  );
}
