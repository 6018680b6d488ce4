// Why: `GET /openapi/v2`, `/openapi/v3` and `/openapi/v3/<group-version>` for kubectl explain and client-side validation.

import { openApiResponse } from "@/server/rest/openapi-routes";
import { requireUser } from "@/server/rest/handle-rest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await requireUser(request);
  return user instanceof Response ? user : openApiResponse(request);
}
