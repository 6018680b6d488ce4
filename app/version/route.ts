// Why: `GET /version` (kubectl version): which Kubernetes Wheelhouse behaves as. Public, as system:public-info-viewer makes it.

import { versionInfo } from "@/server/rest/version-info";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(versionInfo());
}
