// Why: the HTTP entry of the GraphQL API: hands every request to the yoga instance, as the caller its bearer token or console session names (else 401), or whom it may impersonate.

import { createGraphQLServer } from "@/graphql/yoga";
import { actingUser } from "@/server/auth/acting-user";
import { requestUser } from "@/server/auth/request-user";
import { limitRequestBody } from "@/server/http/body-limit";
import { getRuntime } from "@/server/runtime/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The bearer token's or session's user, or whom its Impersonate-* headers name once it may impersonate them (as REST). */
async function authenticate(request: Request) {
  const user = await requestUser(request);
  return user && actingUser(request, user, await getRuntime());
}

const yoga = createGraphQLServer({ runtime: getRuntime, authenticate });

/** Next passes (request, { params }); yoga only needs the request, once its body is known to fit in 3 MiB. */
async function handle(request: Request): Promise<Response> {
  const limited = await limitRequestBody(request);
  return limited instanceof Response ? limited : yoga.handleRequest(limited, {});
}

export { handle as GET, handle as POST, handle as OPTIONS };
