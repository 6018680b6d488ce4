// Why: read resolvers stay thin: parse arguments, call the shared services as the request's user, charge the item budget.

import { apiVersionOf, RESOURCE_TYPES } from "@/core/api/resources";
import { clusterOverview } from "@/server/services/cluster-overview";
import { getObject } from "@/server/services/get-object";
import { listEvents } from "@/server/services/list-events";
import { listObjects } from "@/server/services/list-objects";
import { podLogs } from "@/server/services/pod-logs";
import { toYaml } from "@/server/services/to-yaml";
import type { GraphQLContext } from "../context";
import { eventsArgs, listArgs, logArgs } from "./args";

type Args = Record<string, unknown>;

function lister(kind: string) {
  return async (_: unknown, args: Args, ctx: GraphQLContext) => {
    const opts = listArgs.parse(args);
    const list = await listObjects(ctx.rt, ctx.user, kind, opts);
    ctx.budget.charge(list.items.length);
    return list;
  };
}

export const queryResolvers = {
  nodes: lister("nodes"),
  namespaces: lister("namespaces"),
  pods: lister("pods"),
  deployments: lister("deployments"),
  replicaSets: lister("replicasets"),
  events: async (_: unknown, args: Args, ctx: GraphQLContext) => {
    const events = await listEvents(ctx.rt, ctx.user, eventsArgs.parse(args));
    ctx.budget.charge(events.length);
    return events;
  },
  pod: (_: unknown, a: { namespace?: string; name: string }, ctx: GraphQLContext) => getObject(ctx.rt, ctx.user, "pods", a.namespace, a.name),
  deployment: (_: unknown, a: { namespace?: string; name: string }, ctx: GraphQLContext) =>
    getObject(ctx.rt, ctx.user, "deployments.apps", a.namespace, a.name),
  node: (_: unknown, a: { name: string }, ctx: GraphQLContext) => getObject(ctx.rt, ctx.user, "nodes", undefined, a.name),
  object: async (_: unknown, a: { apiVersion?: string | null; kind: string; namespace?: string | null; name: string }, ctx: GraphQLContext) =>
    toYaml(await getObject(ctx.rt, ctx.user, a.kind, a.namespace ?? undefined, a.name, a.apiVersion ?? undefined)),
  podLogs: (_: unknown, args: Args, ctx: GraphQLContext) => {
    const { namespace, name, container, ...opts } = logArgs.parse(args);
    return podLogs(ctx.rt, ctx.user, namespace, name, container, opts);
  },
  overview: (_: unknown, _a: Args, ctx: GraphQLContext) => clusterOverview(ctx.rt, ctx.user),
  kinds: () => RESOURCE_TYPES.map((t) => ({ ...t, apiVersion: apiVersionOf(t) })),
};
