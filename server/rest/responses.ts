// Why: every REST answer is JSON with Kubernetes' headers; every failure is a Status with its HTTP code, and warnings travel as Warning headers.

import { ApiError, internalError, type Status } from "@/core/api/errors";

/** `299 - "text"`, as the apiserver writes a warning (quotes and backslashes escaped). */
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A JSON response with the given code and one Warning header per warning. */
export function jsonResponse(body: unknown, code = 200, warnings: readonly string[] = [], contentType = "application/json"): Response {
  const headers = new Headers({ "content-type": contentType, "cache-control": "no-cache, private" });
  for (const w of warnings) headers.append("warning", warningHeader(w));
  return new Response(JSON.stringify(body), { status: code, headers });
}

/** The Status of any thrown value: an ApiError's own, or 500 InternalError. */
export function statusOf(err: unknown): Status {
  if (err instanceof ApiError) return err.status;
  if (err instanceof SyntaxError) {
    return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `the body of the request was in an unknown format: ${err.message}`, reason: "BadRequest", code: 400 };
  }
  return internalError(err instanceof Error ? err.message : String(err)).status;
}

/** The Status response for a failure. */
export function errorResponse(err: unknown, warnings: readonly string[] = []): Response {
  const status = statusOf(err);
  if (status.code >= 500) console.error("wheelhouse: REST request failed:", err);
  return jsonResponse(status, status.code, warnings);
}

/** 404 as the apiserver answers for a path it does not serve. */
export function notFoundStatus(): Status {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", details: {}, code: 404 };
}
