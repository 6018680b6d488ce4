// Why: GraphQL lists across namespaces show what the user may list, through the same service the console uses (server/services/visible-list.ts).

import type { ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { ListOptions, ListResult } from "@/core/store/types";
import { listVisible as listVisibleAs } from "@/server/services/visible-list";
import { actingUser } from "../access";
import type { GraphQLContext } from "../context";

/** Lists `kind` as the request's user, filtered to the namespaces they may list (see the service for the rules). */
export function listVisible<T extends KubeObject = KubeObject>(ctx: GraphQLContext, kind: string | ResourceType, opts: ListOptions = {}): ListResult<T> {
  return listVisibleAs<T>(ctx.rt, actingUser(ctx), kind, opts);
}
