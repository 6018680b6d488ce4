// Why: the HTTP entry of the core group's REST API (/api/v1/...); /api/graphql is a static segment and wins over this catch-all.

import { handleRest } from "@/server/rest/handle-rest";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export { handleRest as GET, handleRest as POST, handleRest as PUT, handleRest as PATCH, handleRest as DELETE };
