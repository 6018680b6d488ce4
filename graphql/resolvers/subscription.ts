// Why: the watch subscription streams store watch events as the user; the stream stops the store watch when the client goes away.

import type { WatchEvent } from "@/core/store/types";
import { watchObjects } from "@/server/services/watch-objects";
import type { GraphQLContext } from "../context";
import { watchArgs } from "./args";

export const subscriptionResolvers = {
  watch: {
    subscribe: (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext & { request?: Request }) => {
      const { kind, ...opts } = watchArgs.parse(args);
      return watchObjects(ctx.rt, ctx.user, kind, { ...opts, signal: ctx.request?.signal });
    },
    resolve: (e: WatchEvent) => e,
  },
};

export const watchEventResolvers = {
  object: (e: WatchEvent) => e.object,
  name: (e: WatchEvent) => e.object.metadata?.name ?? null,
  namespace: (e: WatchEvent) => e.object.metadata?.namespace ?? null,
  resourceVersion: (e: WatchEvent) => e.object.metadata?.resourceVersion ?? null,
};
