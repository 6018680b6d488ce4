// Why: /api/graphql serves both the console (session cookie) and scripts (bearer token); one function says who a request is.

import type { UserInfo } from "@/core/apiserver/types";
import { authenticateRequest } from "./authenticate";
import { sessionUser } from "./session-user";

/**
 * The user of a request: its bearer token when it sends an Authorization header (a bad token
 * is not rescued by a cookie), else its console session; undefined means 401.
 */
export async function requestUser(request: Request): Promise<UserInfo | undefined> {
  if (request.headers.has("authorization")) return authenticateRequest(request);
  return sessionUser(request.headers);
}
