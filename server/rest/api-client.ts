// Why: REST calls pass per-request field validation and collect warnings; the runtime types the apiserver narrowly, so this one cast lives here.

import type { ClientOptions } from "@/core/apiserver/api-server";
import type { UserInfo } from "@/core/apiserver/types";
import type { ObjectClient } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";

type ClientWithOptions = { client(user: UserInfo, opts?: ClientOptions): ObjectClient };

/** The apiserver pipeline's client for `user`, with this request's field validation and warning sink. */
export function apiClient(rt: ClusterRuntime, user: UserInfo, opts: ClientOptions = {}): ObjectClient {
  return (rt.apiServer as ClusterRuntime["apiServer"] & ClientWithOptions).client(user, opts);
}

