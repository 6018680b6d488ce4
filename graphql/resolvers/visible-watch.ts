// Why: the watch subscription streams what the user may watch, through the same service as the console's live lists (server/services/visible-watch.ts).

import type { KubeObject } from "@/core/api/types";
import type { WatchObjectsOptions, WatchStream } from "@/server/services/watch-objects";
import { watchVisible as watchVisibleAs } from "@/server/services/visible-watch";
import { actingUser } from "../access";
import type { GraphQLContext } from "../context";

/** Watches `kind` as the request's user, across the namespaces they may watch (see the service for the rules). */
export function watchVisible<T extends KubeObject = KubeObject>(ctx: GraphQLContext, kind: string, opts: WatchObjectsOptions): WatchStream<T> {
  return watchVisibleAs<T>(ctx.rt, actingUser(ctx), kind, opts);
}
