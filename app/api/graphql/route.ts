// Why: the HTTP entry of the GraphQL API: hands every request to the yoga instance, nothing else.

import { createGraphQLServer } from "@/graphql/yoga";
import { getRuntime } from "@/server/runtime/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const yoga = createGraphQLServer({ runtime: getRuntime });

/** Next passes (request, { params }); yoga only needs the request. */
const handle = (request: Request) => yoga.handleRequest(request, {});

export { handle as GET, handle as POST, handle as OPTIONS };
