// Why: one colour language for Kubernetes states across lists and detail pages (green healthy, amber in progress, red failing).

const GOOD = new Set(["Running", "Ready", "Completed", "Succeeded", "True", "Normal", "Available", "Active", "NewReplicaSetAvailable", "Bound"]);
const PENDING = new Set(["Pending", "ContainerCreating", "PodInitializing", "Terminating", "NotReady", "ReplicaSetUpdated", "Progressing", "Unknown", "SchedulingDisabled", "Waiting"]);

/** The tone of a status word: ok, progress, bad or neutral. */
export function statusTone(status: string): "ok" | "progress" | "bad" | "neutral" {
  const first = status.split(",")[0];
  if (GOOD.has(first)) return status.includes("SchedulingDisabled") ? "progress" : "ok";
  if (PENDING.has(first) || first.startsWith("Init:") && /^Init:\d+\/\d+$/.test(first)) return "progress";
  if (first === "" || first === "<none>") return "neutral";
  return "bad";
}

const TONE = {
  ok: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  progress: "bg-amber-50 text-amber-700 ring-amber-600/20",
  bad: "bg-rose-50 text-rose-700 ring-rose-600/20",
  neutral: "bg-slate-100 text-slate-600 ring-slate-500/20",
};

const DOT = { ok: "bg-emerald-500", progress: "bg-amber-500", bad: "bg-rose-500", neutral: "bg-slate-400" };

/** A small pill with a dot, as dashboards show pod and node states. */
export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone = statusTone(status);
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex max-w-full items-center gap-1.5 truncate rounded px-1.5 py-0.5 text-[11.5px] font-medium ring-1 ring-inset ${TONE[tone]}`}>
      <span className={`h-1.5 w-1.5 shrink-0 rounded-full ${DOT[tone]}`} />
      <span className="truncate">{status}</span>
    </span>
  );
}
