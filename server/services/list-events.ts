// Why: events are read newest first (kubectl sorts by time too), which the store's name order cannot give; one use case sorts them.

import type { CoreEvent } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { listObjects, checkLimit } from "./list-objects";
import { compareEventsNewestFirst } from "./summaries/event-summary";

export interface ListEventsOptions {
  /** Omit for every namespace. */
  namespace?: string;
  /** e.g. `involvedObject.name=web,type=Warning` */
  fieldSelector?: string;
  /** The newest this many. Default: all. */
  limit?: number;
}

/** Events as `user`, newest first (by lastTimestamp / eventTime). */
export async function listEvents(rt: ClusterRuntime, user: UserInfo, opts: ListEventsOptions = {}): Promise<CoreEvent[]> {
  checkLimit(opts.limit);
  const { items } = await listObjects<CoreEvent>(rt, user, "events", { namespace: opts.namespace, fieldSelector: opts.fieldSelector });
  const sorted = [...items].sort(compareEventsNewestFirst);
  return opts.limit ? sorted.slice(0, opts.limit) : sorted;
}
