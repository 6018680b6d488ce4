// Why: Kubernetes refuses request bodies over 3 MiB before parsing them; every HTTP entry point shares this guard.

import { tooLarge, type Status } from "@/core/api/errors";

/** The apiserver's request body limit (3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** A 413 RequestEntityTooLarge Status response. */
export function tooLargeResponse(limit: number): Response {
  const status: Status = tooLarge(`Request entity too large: limit is ${limit}`).status;
  return Response.json(status, { status: 413 });
}

/**
 * Returns the request unchanged when its body fits in `limit` bytes, or a 413 response.
 * A declared Content-Length over the limit is refused without reading; a body without one
 * is read up to the limit and no further.
 */
export async function limitRequestBody(request: Request, limit = MAX_REQUEST_BODY_BYTES): Promise<Request | Response> {
  if (!request.body) return request;
  const declared = Number(request.headers.get("content-length"));
  if (declared > limit) {
    await request.body.cancel().catch(() => undefined);
    return tooLargeResponse(limit);
  }
  if (declared > 0) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return tooLargeResponse(limit);
    }
    chunks.push(value);
  }
  return new Request(request, { body: Buffer.concat(chunks), duplex: "half" } as RequestInit);
}
