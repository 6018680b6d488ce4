// Why: write resolvers stay thin: parse arguments and call the shared services as the request's user, whose pipeline authorizes every write.

import { z } from "zod";
import { applyManifest } from "@/server/services/apply-manifest";
import { deleteObject } from "@/server/services/delete-object";
import { resolveKind } from "@/server/services/resolve-kind";
import { scaleDeployment } from "@/server/services/scale-deployment";
import { accessTo, actingUser, requireAllowed } from "../access";
import type { GraphQLContext } from "../context";
import { deleteArgs } from "./args";
import { visibleObject } from "./secret-data";

type Args = Record<string, unknown>;

const applyArgs = z.object({
  yaml: z.string(),
  namespace: z.string().nullish().transform((v) => v || undefined),
  dryRun: z.boolean().nullish().transform((v) => v ?? undefined),
});

export const mutationResolvers = {
  apply: async (_: unknown, args: Args, ctx: GraphQLContext) => {
    const { yaml, ...opts } = applyArgs.parse(args);
    // The apiserver authorizes every document (get, then create or patch) before it stores any: one refusal stores nothing.
    return applyManifest(ctx.rt, actingUser(ctx), yaml, { ...opts, source: "graphql" });
  },
  delete: async (_: unknown, args: Args, ctx: GraphQLContext) => {
    const { kind, namespace, name, ...opts } = deleteArgs.parse(args);
    const type = resolveKind(kind, opts.apiVersion);
    const obj = await deleteObject(ctx.rt, actingUser(ctx), type, namespace, name, { ...opts, source: "graphql" });
    // Is it still there (finalizers, grace period)? The user may delete but not get it: the store is read under the delete's own authorization.
    const ns = obj.metadata.namespace;
    requireAllowed(ctx, accessTo("delete", type, ns, obj.metadata.name ?? name));
    const still = opts.dryRun ? undefined : ctx.rt.store.get(type, ns, obj.metadata.name ?? name);
    return {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      namespace: obj.metadata.namespace ?? null,
      name: obj.metadata.name ?? name,
      uid: obj.metadata.uid ?? null,
      pending: !!still && still.metadata.uid === obj.metadata.uid,
      object: visibleObject(ctx, obj),
    };
  },
  scaleDeployment: (_: unknown, a: { namespace?: string; name: string; replicas: number }, ctx: GraphQLContext) =>
    scaleDeployment(ctx.rt, actingUser(ctx), a.namespace, a.name, a.replicas, { source: "graphql" }),
};
