// Why: a console session names only a user id; who that user is (name, teams) is read fresh on every request, so a membership change or a disabled user takes effect at once.

import path from "node:path";
import type { UserInfo } from "@/core/apiserver/types";
import { parseConfig } from "@/server/config";
import { requireIdentity } from "@/server/identity";
import { getRuntime } from "@/server/runtime/runtime";
import { authSecret } from "./auth-secret";
import { readSessionCookie } from "./session-cookie";

/** What sessionUser needs; production reads DATA_DIR's secret and the running cluster's identity service. */
export interface SessionUserDeps {
  secret: () => string;
  userInfoFor: (userId: string) => Promise<UserInfo | undefined>;
}

const production: SessionUserDeps = {
  secret: () => authSecret(path.resolve(parseConfig().dataDir)),
  userInfoFor: async (userId) => requireIdentity(await getRuntime()).userInfoFor(userId),
};

/**
 * The Kubernetes user of the console session in `headers` (a request's, or `await headers()`
 * in a server component or action), or undefined when there is no valid, unexpired session
 * or its user no longer exists or is disabled.
 */
export async function sessionUser(headers: Headers, deps: SessionUserDeps = production): Promise<UserInfo | undefined> {
  const claims = await readSessionCookie(headers, deps.secret());
  if (!claims) return undefined;
  return deps.userInfoFor(claims.userId);
}
