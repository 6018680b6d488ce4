// Why: maps /openapi/v2, /openapi/v3 and /openapi/v3/<path> onto the generated OpenAPI documents, cacheable by their content hash.

import { openApiV2, openApiV3Document, openApiV3Index } from "./openapi/openapi";
import { OPENAPI_V2_PROTOBUF_CONTENT_TYPE, openApiV2Protobuf, wantsOpenApiV2Protobuf } from "./openapi/openapi-v2-protobuf";
import { jsonResponse, notFoundStatus } from "./responses";

/** The OpenAPI response for a request under /openapi; 404 Status for anything else. */
export function openApiResponse(request: Request): Response {
  const url = new URL(request.url);
  const path = url.pathname.replace(/\/+$/, "");
  if (path === "/openapi/v2") {
    // kubectl asks for v2 only as gnostic protobuf (client-side validation, explain --output plaintext-openapiv2).
    if (wantsOpenApiV2Protobuf(request.headers.get("accept"))) {
      return new Response(openApiV2Protobuf() as unknown as BodyInit, { headers: { "content-type": OPENAPI_V2_PROTOBUF_CONTENT_TYPE } });
    }
    return jsonResponse(openApiV2());
  }
  if (path === "/openapi/v3") return jsonResponse(openApiV3Index());
  if (path.startsWith("/openapi/v3/")) {
    const doc = openApiV3Document(path.slice("/openapi/v3/".length));
    if (!doc) return jsonResponse(notFoundStatus(), 404);
    const res = jsonResponse(doc);
    if (url.searchParams.get("hash")) res.headers.set("cache-control", "public, immutable");
    return res;
  }
  return jsonResponse(notFoundStatus(), 404);
}
