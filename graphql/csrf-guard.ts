// Why: once the console logs in with cookies, a cross-site HTML form could POST a mutation; only preflighted content types are accepted for POST.

import type { Plugin } from "graphql-yoga";
import { unsupportedMediaType } from "@/core/api/errors";

/** Content types a browser sends cross-site without a CORS preflight ("simple" requests). */
const SIMPLE_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/** True when a POST could have come from a cross-site form: no content type or a simple one. */
export function isForgeablePost(request: Request): boolean {
  if (request.method !== "POST") return false;
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return type === "" || SIMPLE_TYPES.includes(type);
}

/**
 * Refuses POSTs a cross-site form could send, with a 415 Status. GET stays open: it only
 * runs queries and subscriptions (yoga refuses mutations over GET), which EventSource needs.
 */
export function csrfGuard(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (!isForgeablePost(request)) return;
      const status = unsupportedMediaType(
        `POST ${new URL(request.url).pathname} needs Content-Type: application/json (or application/graphql); form and text bodies are refused to prevent cross-site request forgery`,
      ).status;
      endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message: status.message, extensions: { code: status.reason, status } }] }), { status: 415, headers: { "content-type": "application/json" } }));
    },
  };
}
