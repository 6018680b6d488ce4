// Why: the console's home page and `overview` query summarize the cluster in one call: nodes, pods by phase, workloads, recent events.

import type { CoreEvent, Deployment, Namespace, Node, Pod } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { listEvents } from "./list-events";
import { listObjects } from "./list-objects";
import { nodeSummary } from "./summaries/node-summary";
import { podSummary } from "./summaries/pod-summary";

export const POD_PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"] as const;
export type PodPhase = (typeof POD_PHASES)[number];

/** What the console's overview shows. */
export interface ClusterOverview {
  nodes: { total: number; ready: number; notReady: number; unschedulable: number };
  pods: {
    total: number;
    byPhase: Record<PodPhase, number>;
    /** Pods whose STATUS is not Running/Completed/Succeeded (CrashLoopBackOff, ImagePullBackOff, Pending...), at most `problemLimit`. */
    problems: { namespace: string; name: string; status: string }[];
  };
  namespaces: number;
  deployments: { total: number; available: number; progressing: number };
  events: { warnings: number; recent: CoreEvent[] };
}

export interface ClusterOverviewOptions {
  /** How many recent events to include. Default 20. */
  recentEvents?: number;
  /** How many problem pods to list. Default 20. */
  problemLimit?: number;
}

const HEALTHY = new Set(["Running", "Completed", "Succeeded"]);

/** Counts and recent events, read as `user` (what the user may not list counts as zero only if the apiserver says so: errors propagate). */
export async function clusterOverview(rt: ClusterRuntime, user: UserInfo, opts: ClusterOverviewOptions = {}): Promise<ClusterOverview> {
  const recentCount = opts.recentEvents ?? 20;
  const problemLimit = opts.problemLimit ?? 20;
  const [nodes, pods, namespaces, deployments, events] = await Promise.all([
    listObjects<Node>(rt, user, "nodes"),
    listObjects<Pod>(rt, user, "pods"),
    listObjects<Namespace>(rt, user, "namespaces"),
    listObjects<Deployment>(rt, user, "deployments"),
    listEvents(rt, user),
  ]);

  const nodeSummaries = nodes.items.map(nodeSummary);
  const byPhase = Object.fromEntries(POD_PHASES.map((p) => [p, 0])) as Record<PodPhase, number>;
  const problems: ClusterOverview["pods"]["problems"] = [];
  for (const p of pods.items) {
    const phase = (p.status?.phase ?? "Pending") as PodPhase;
    byPhase[phase in byPhase ? phase : "Unknown"]++;
    const { status } = podSummary(p);
    if (!HEALTHY.has(status) && problems.length < problemLimit) problems.push({ namespace: p.metadata.namespace ?? "", name: p.metadata.name ?? "", status });
  }
  const available = deployments.items.filter((d) => (d.status?.availableReplicas ?? 0) >= (d.spec?.replicas ?? 1)).length;

  return {
    nodes: {
      total: nodeSummaries.length,
      ready: nodeSummaries.filter((n) => n.ready).length,
      notReady: nodeSummaries.filter((n) => !n.ready).length,
      unschedulable: nodeSummaries.filter((n) => n.unschedulable).length,
    },
    pods: { total: pods.items.length, byPhase, problems },
    namespaces: namespaces.items.length,
    deployments: { total: deployments.items.length, available, progressing: deployments.items.length - available },
    events: { warnings: events.filter((e) => e.type === "Warning").length, recent: events.slice(0, recentCount) },
  };
}
