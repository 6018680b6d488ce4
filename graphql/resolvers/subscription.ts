// Why: the watch subscription streams store watch events as the user (across namespaces: those they may watch); the stream stops the store watch when the client goes away.

import type { WatchEvent } from "@/core/store/types";
import type { GraphQLContext } from "../context";
import { watchArgs } from "./args";
import { visibleObject } from "./secret-data";
import { watchVisible } from "./visible-watch";

export const subscriptionResolvers = {
  watch: {
    subscribe: (_: unknown, args: Record<string, unknown>, ctx: GraphQLContext & { request?: Request }) => {
      const { kind, ...opts } = watchArgs.parse(args);
      return watchVisible(ctx, kind, { ...opts, signal: ctx.request?.signal });
    },
    resolve: (e: WatchEvent) => e,
  },
};

export const watchEventResolvers = {
  /** Secrets lose their values unless the user may `get` that secret (checked per event). */
  object: (e: WatchEvent, _a: unknown, ctx: GraphQLContext) => visibleObject(ctx, e.object),
  name: (e: WatchEvent) => e.object.metadata?.name ?? null,
  namespace: (e: WatchEvent) => e.object.metadata?.namespace ?? null,
  resourceVersion: (e: WatchEvent) => e.object.metadata?.resourceVersion ?? null,
};
