// Why: read resolvers stay thin: parse arguments, read as the request's user (lists filtered to what they may list), charge the item budget.

import { apiVersionOf, RESOURCE_TYPES } from "@/core/api/resources";
import type { CoreEvent } from "@/core/api/types";
import { getObject } from "@/server/services/get-object";
import { checkLimit } from "@/server/services/list-objects";
import { compareEventsNewestFirst } from "@/server/services/summaries/event-summary";
import { toYaml } from "@/server/services/to-yaml";
import { actingUser } from "../access";
import type { GraphQLContext } from "../context";
import { eventsArgs, listArgs, logArgs } from "./args";
import { readNamespace, readPodLogs } from "./direct-reads";
import { listVisible } from "./visible-list";

type Args = Record<string, unknown>;
type GetArgs = { namespace?: string | null; name: string };

function lister(kind: string) {
  return (_: unknown, args: Args, ctx: GraphQLContext) => {
    const list = listVisible(ctx, kind, listArgs.parse(args));
    ctx.budget.charge(list.items.length);
    return list;
  };
}

function getter(kind: string) {
  return (_: unknown, a: GetArgs, ctx: GraphQLContext) => getObject(ctx.rt, actingUser(ctx), kind, a.namespace ?? undefined, a.name);
}


export const queryResolvers = {
  nodes: lister("nodes"),
  namespaces: lister("namespaces"),
  pods: lister("pods"),
  deployments: lister("deployments"),
  replicaSets: lister("replicasets"),
  secrets: lister("secrets"),
  events: (_: unknown, args: Args, ctx: GraphQLContext) => {
    const { limit, ...opts } = eventsArgs.parse(args);
    checkLimit(limit);
    const sorted = [...listVisible<CoreEvent>(ctx, "events", opts).items].sort(compareEventsNewestFirst);
    const events = limit ? sorted.slice(0, limit) : sorted;
    ctx.budget.charge(events.length);
    return events;
  },
  pod: getter("pods"),
  deployment: getter("deployments.apps"),
  secret: getter("secrets"),
  node: (_: unknown, a: { name: string }, ctx: GraphQLContext) => getObject(ctx.rt, actingUser(ctx), "nodes", undefined, a.name),
  namespace: (_: unknown, a: { name: string }, ctx: GraphQLContext) => readNamespace(ctx, a.name),
  object: async (_: unknown, a: { apiVersion?: string | null; kind: string; namespace?: string | null; name: string }, ctx: GraphQLContext) =>
    toYaml(await getObject(ctx.rt, actingUser(ctx), a.kind, a.namespace ?? undefined, a.name, a.apiVersion ?? undefined)),
  podLogs: (_: unknown, args: Args, ctx: GraphQLContext) => {
    const { namespace, name, container, ...opts } = logArgs.parse(args);
    return readPodLogs(ctx, namespace, name, container, opts);
  },
  overview: (_: unknown, _a: Args, ctx: GraphQLContext) => (actingUser(ctx), {}),
  kinds: (_: unknown, _a: Args, ctx: GraphQLContext) => (actingUser(ctx), RESOURCE_TYPES.map((t) => ({ ...t, apiVersion: apiVersionOf(t) }))),
};
