// Why: the console's admin pages need the runtime's identity service (users, teams, tokens, audit); one accessor says where it lives and fails clearly when the runtime has none.

import { serviceUnavailable } from "@/core/api/errors";
import type { Identity } from "@/server/identity";
import type { ClusterRuntime } from "@/server/runtime/types";

/** The runtime's identity service; 503 ServiceUnavailable when this runtime runs without one (tests, older builds). */
export function identityOf(rt: ClusterRuntime): Identity {
  const identity = (rt as ClusterRuntime & { identity?: Identity }).identity;
  if (!identity) {
    throw serviceUnavailable("users, teams and tokens are not available: the server runs without its identity database");
  }
  return identity;
}
