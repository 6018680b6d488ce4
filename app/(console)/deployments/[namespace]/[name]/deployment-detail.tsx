"use client";
// Why: one deployment, live: replica counts, rollout conditions, strategy and the scale control (`kubectl describe deployment` + `kubectl scale`).

import type { Deployment } from "@/core/api/types";
import { Card, Chips, Conditions, Facts } from "@/app/components/detail-card";
import { LiveIndicator } from "@/app/components/live-indicator";
import { ScaleControl } from "@/app/components/scale-control";
import { StatusBadge } from "@/app/components/status-badge";
import { useNow } from "@/app/components/use-now";
import { ageOf as age } from "@/core/api/human-duration";
import { useWatchObject } from "@/app/lib/use-watch-object";

function Stat({ label, value, testId }: { label: string; value: number | string; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 shadow-sm">
      <div className="text-[11px] uppercase tracking-wide text-slate-500">{label}</div>
      <div className="tabular text-[20px] font-semibold text-slate-900" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** The live deployment summary; the scale control only for users RBAC lets update the Deployment (`canScale`). */
export function DeploymentDetail({ initial, resourceVersion, canScale = true }: { initial: Deployment; resourceVersion: string; canScale?: boolean }) {
  const ns = initial.metadata.namespace!;
  const name = initial.metadata.name!;
  const { object: d, deleted, state, error } = useWatchObject<Deployment>({ kind: "Deployment", namespace: ns, name, initial, resourceVersion });
  const now = useNow(1000);
  const replicas = d.spec?.replicas ?? 1;
  const st = d.status ?? {};
  const strategy = d.spec?.strategy;
  const ru = strategy?.rollingUpdate;
  const available = (st.availableReplicas ?? 0) >= replicas && (st.updatedReplicas ?? 0) >= replicas;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge status={deleted ? "Deleted" : available ? "Available" : "Progressing"} testId="deployment-status" />
        <span className="text-[12.5px] text-slate-500" >
          Age <b className="tabular font-medium text-slate-800" suppressHydrationWarning>{age(d.metadata.creationTimestamp, now)}</b>
        </span>
        <LiveIndicator state={state} error={error} />
        <span className="ml-auto">{!deleted && canScale && <ScaleControl namespace={ns} name={name} replicas={replicas} />}</span>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label="Desired" value={replicas} testId="deployment-desired" />
        <Stat label="Current" value={st.replicas ?? 0} />
        <Stat label="Up-to-date" value={st.updatedReplicas ?? 0} />
        <Stat label="Ready" value={st.readyReplicas ?? 0} testId="deployment-ready" />
        <Stat label="Available" value={st.availableReplicas ?? 0} />
      </div>
      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,2fr)_minmax(300px,1fr)]">
        <Card title="Conditions" flush>
          <Conditions conditions={(st.conditions ?? []) as never} ageOf={(ts) => age(ts, now)} />
        </Card>
        <Card title="Details">
          <Facts
            items={[
              ["Strategy", strategy?.type ?? "RollingUpdate"],
              ["Max surge", ru?.maxSurge !== undefined ? String(ru.maxSurge) : strategy?.type === "Recreate" ? undefined : "25%"],
              ["Max unavailable", ru?.maxUnavailable !== undefined ? String(ru.maxUnavailable) : strategy?.type === "Recreate" ? undefined : "25%"],
              ["Min ready seconds", String(d.spec?.minReadySeconds ?? 0)],
              ["Revision", d.metadata.annotations?.["deployment.kubernetes.io/revision"]],
              ["Generation", `${d.metadata.generation ?? 0} (observed ${st.observedGeneration ?? 0})`],
              ["Paused", d.spec?.paused ? "yes" : "no"],
              ["Images", <span key="i" className="font-mono text-[11.5px]">{(d.spec?.template?.spec?.containers ?? []).map((c) => c.image).join(", ")}</span>],
            ]}
          />
          <div className="mt-2.5 text-[11.5px] font-medium text-slate-500">Selector</div>
          <Chips map={d.spec?.selector?.matchLabels} />
          <div className="mt-2 text-[11.5px] font-medium text-slate-500">Labels</div>
          <Chips map={d.metadata.labels} />
        </Card>
      </div>
    </div>
  );
}
