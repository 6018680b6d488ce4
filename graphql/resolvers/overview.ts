// Why: the overview counts only what the user may list, section by section, so a namespace viewer sees their part of the cluster and a refusal (nodes) stays in its own field.

import type { CoreEvent, Deployment, Node, Pod } from "@/core/api/types";
import { POD_PHASES, type ClusterOverview, type PodPhase } from "@/server/services/cluster-overview";
import { compareEventsNewestFirst } from "@/server/services/summaries/event-summary";
import { nodeSummary } from "@/server/services/summaries/node-summary";
import { podSummary } from "@/server/services/summaries/pod-summary";
import type { GraphQLContext } from "../context";
import { listVisible } from "./visible-list";

const HEALTHY = new Set(["Running", "Completed", "Succeeded"]);
const RECENT_EVENTS = 20;
const PROBLEM_LIMIT = 20;

/** Sections of `overview`; the parent is an empty object, each section lists as the user when asked for. */
export const overviewResolvers = {
  /** Null with a Forbidden error when the user may not list nodes. */
  nodes: (_: unknown, _a: unknown, ctx: GraphQLContext): ClusterOverview["nodes"] => {
    const nodes = listVisible<Node>(ctx, "nodes").items.map(nodeSummary);
    return {
      total: nodes.length,
      ready: nodes.filter((n) => n.ready).length,
      notReady: nodes.filter((n) => !n.ready).length,
      unschedulable: nodes.filter((n) => n.unschedulable).length,
    };
  },
  pods: (_: unknown, _a: unknown, ctx: GraphQLContext): ClusterOverview["pods"] => {
    const pods = listVisible<Pod>(ctx, "pods").items;
    const byPhase = Object.fromEntries(POD_PHASES.map((p) => [p, 0])) as Record<PodPhase, number>;
    const problems: ClusterOverview["pods"]["problems"] = [];
    for (const p of pods) {
      const phase = (p.status?.phase ?? "Pending") as PodPhase;
      byPhase[phase in byPhase ? phase : "Unknown"]++;
      const { status } = podSummary(p);
      if (!HEALTHY.has(status) && problems.length < PROBLEM_LIMIT) problems.push({ namespace: p.metadata.namespace ?? "", name: p.metadata.name ?? "", status });
    }
    return { total: pods.length, byPhase, problems };
  },
  namespaces: (_: unknown, _a: unknown, ctx: GraphQLContext): number => listVisible(ctx, "namespaces").items.length,
  deployments: (_: unknown, _a: unknown, ctx: GraphQLContext): ClusterOverview["deployments"] => {
    const items = listVisible<Deployment>(ctx, "deployments").items;
    const available = items.filter((d) => (d.status?.availableReplicas ?? 0) >= (d.spec?.replicas ?? 1)).length;
    return { total: items.length, available, progressing: items.length - available };
  },
  events: (_: unknown, _a: unknown, ctx: GraphQLContext): ClusterOverview["events"] => {
    const events = [...listVisible<CoreEvent>(ctx, "events").items].sort(compareEventsNewestFirst);
    return { warnings: events.filter((e) => e.type === "Warning").length, recent: events.slice(0, RECENT_EVENTS) };
  },
};
