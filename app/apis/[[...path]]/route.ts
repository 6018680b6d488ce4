// Why: the HTTP entry of the named groups: `GET /apis` (discovery root) and every /apis/<group>/<version>/... request.

import { discoveryRootResponse } from "@/server/rest/discovery-routes";
import { handleRest, requireUser } from "@/server/rest/handle-rest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/\/+$/, "");
  if (path !== "/apis") return handleRest(request);
  if (request.method !== "GET") return handleRest(request);
  const user = await requireUser(request);
  return user instanceof Response ? user : discoveryRootResponse("apis", request.headers.get("accept"));
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
