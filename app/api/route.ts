// Why: `GET /api`, the core group's discovery root (legacy APIVersions or aggregated v2, per Accept).

import { discoveryRootResponse } from "@/server/rest/discovery-routes";
import { requireUser } from "@/server/rest/handle-rest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await requireUser(request);
  return user instanceof Response ? user : discoveryRootResponse("api", request.headers.get("accept"));
}
