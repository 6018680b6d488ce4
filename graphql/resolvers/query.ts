// Why: read resolvers stay thin: parse arguments, read as the request's user (lists filtered to what they may list), charge the item budget.

import { notFound } from "@/core/api/errors";
import { apiVersionOf, RESOURCE_TYPES, resourceTypeByPlural } from "@/core/api/resources";
import type { CoreEvent } from "@/core/api/types";
import { DEFAULT_NAMESPACE, getObject } from "@/server/services/get-object";
import { checkLimit } from "@/server/services/list-objects";
import { compareEventsNewestFirst } from "@/server/services/summaries/event-summary";
import { toYaml } from "@/server/services/to-yaml";
import { actingUser, requireAllowed } from "../access";
import type { GraphQLContext } from "../context";
import { eventsArgs, listArgs, logArgs } from "./args";
import { listVisible, NAMESPACES } from "./visible-list";

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

/**
 * Container logs as `kubectl logs` reads them: Kubernetes authorizes only `get pods/log` on the
 * pod (not `get pods`), so the pod is read from the store after that check.
 */
export function readPodLogs(ctx: GraphQLContext, namespace: string | undefined, name: string, container: string | undefined, opts: Parameters<GraphQLContext["rt"]["readLogs"]>[3]): string {
  const ns = namespace || DEFAULT_NAMESPACE;
  requireAllowed(ctx, { verb: "get", group: "", resource: "pods", subresource: "log", namespace: ns, name });
  if (!ctx.rt.store.get(PODS, ns, name)) throw notFound({ kind: "pods", name });
  return ctx.rt.readLogs(ns, name, container || undefined, opts);
}

/**
 * One namespace, as `GET /api/v1/namespaces/<name>` is authorized in Kubernetes (the request's
 * namespace is the name itself, so a RoleBinding inside it can grant `get`); read from the store after that check.
 */
function readNamespace(ctx: GraphQLContext, name: string) {
  requireAllowed(ctx, { verb: "get", group: "", resource: "namespaces", namespace: name, name });
  const ns = ctx.rt.store.get(NAMESPACES, undefined, name);
  if (!ns) throw notFound({ kind: "namespaces", name });
  return ns;
}

const PODS = resourceTypeByPlural("", "pods")!;

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
