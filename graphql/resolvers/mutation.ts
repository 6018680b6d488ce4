// Why: write resolvers stay thin: parse arguments and call the shared services as the request's user.

import { z } from "zod";
import { applyManifest } from "@/server/services/apply-manifest";
import { deleteObject } from "@/server/services/delete-object";
import { resolveKind } from "@/server/services/resolve-kind";
import { scaleDeployment } from "@/server/services/scale-deployment";
import type { GraphQLContext } from "../context";
import { deleteArgs } from "./args";

type Args = Record<string, unknown>;

const applyArgs = z.object({
  yaml: z.string(),
  namespace: z.string().nullish().transform((v) => v || undefined),
  dryRun: z.boolean().nullish().transform((v) => v ?? undefined),
});

export const mutationResolvers = {
  apply: async (_: unknown, args: Args, ctx: GraphQLContext) => {
    const { yaml, ...opts } = applyArgs.parse(args);
    return applyManifest(ctx.rt, ctx.user, yaml, opts);
  },
  delete: async (_: unknown, args: Args, ctx: GraphQLContext) => {
    const { kind, namespace, name, ...opts } = deleteArgs.parse(args);
    const type = resolveKind(kind, opts.apiVersion);
    const obj = await deleteObject(ctx.rt, ctx.user, type, namespace, name, opts);
    const still = opts.dryRun ? undefined : ctx.rt.apiServer.client(ctx.user).get(type, obj.metadata.namespace, obj.metadata.name ?? name);
    return {
      apiVersion: obj.apiVersion,
      kind: obj.kind,
      namespace: obj.metadata.namespace ?? null,
      name: obj.metadata.name ?? name,
      uid: obj.metadata.uid ?? null,
      pending: !!still && still.metadata.uid === obj.metadata.uid,
      object: obj,
    };
  },
  scaleDeployment: (_: unknown, a: { namespace?: string; name: string; replicas: number }, ctx: GraphQLContext) =>
    scaleDeployment(ctx.rt, ctx.user, a.namespace, a.name, a.replicas),
};
