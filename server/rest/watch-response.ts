// Why: a REST watch is a chunked JSON stream of {"type","object"} lines that ends at timeoutSeconds, with 410 Expired sent as an ERROR event.

import { ApiError } from "@/core/api/errors";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { WatchEvent } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { watchObjects, type WatchStream } from "@/server/services/watch-objects";
import { namespaceOf, type TypedRequest } from "./resource-verbs";
import { statusOf } from "./responses";

/** The apiserver's default watch length when the client names none (its --min-request-timeout, 1800 s). */
export const DEFAULT_WATCH_SECONDS = 1800;

/** Turns an object of an event before it is written (a Table row when the client asked for one). */
export type EventObjectMapper = (e: WatchEvent) => unknown;

export interface WatchResponseOptions {
  /** Ends the stream when the client goes away. */
  signal?: AbortSignal;
  mapObject?: EventObjectMapper;
  contentType?: string;
}

const encoder = new TextEncoder();

function line(type: string, object: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify({ type, object })}\n`);
}

/**
 * Streams the watch of `req` as `user`. The store's watch starts before the response is
 * returned, so an expired resourceVersion becomes one ERROR event carrying the 410 Status
 * (as the apiserver sends it), after which the stream ends.
 */
export function watchResponse(rt: ClusterRuntime, user: UserInfo, req: TypedRequest, opts: WatchResponseOptions = {}): Response {
  const q = req.query;
  const fieldSelector = [q.fieldSelector, req.name ? `metadata.name=${req.name}` : undefined].filter(Boolean).join(",");
  const abort = new AbortController();
  opts.signal?.addEventListener("abort", () => abort.abort());
  let stream: WatchStream | undefined;
  let startError: unknown;
  try {
    stream = watchObjects(rt, user, req.type, {
      ...(namespaceOf(req) ? { namespace: namespaceOf(req) } : {}),
      ...(q.labelSelector ? { labelSelector: q.labelSelector } : {}),
      ...(fieldSelector ? { fieldSelector } : {}),
      ...(q.resourceVersion ? { resourceVersion: q.resourceVersion } : {}),
      ...(q.allowWatchBookmarks ? { allowBookmarks: true } : {}),
      signal: abort.signal,
    });
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 410) throw err;
    startError = err;
  }
  const seconds = q.timeoutSeconds ?? DEFAULT_WATCH_SECONDS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const mapObject = opts.mapObject ?? ((e: WatchEvent) => e.object);

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (startError) {
        controller.enqueue(line("ERROR", statusOf(startError)));
        controller.close();
        return;
      }
      timer = setTimeout(() => abort.abort(), seconds * 1000);
      // Next.js sends the headers with the first body bytes; a watch with no events yet would leave the client
      // waiting for them (and unable to stop cleanly). JSON decoders skip leading whitespace, so send one newline.
      controller.enqueue(encoder.encode("\n"));
      // Pumped apart from start(), so the response begins before the first event.
      void (async () => {
        try {
          for await (const e of stream as AsyncIterable<WatchEvent<KubeObject>>) {
            controller.enqueue(line(e.type, mapObject(e)));
          }
        } catch (err) {
          try {
            controller.enqueue(line("ERROR", statusOf(err)));
          } catch {
            // the client is gone
          }
        } finally {
          clearTimeout(timer);
          try {
            controller.close();
          } catch {
            // already closed by cancel
          }
        }
      })();
    },
    cancel() {
      clearTimeout(timer);
      abort.abort();
      stream?.stop();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": opts.contentType ?? "application/json", "cache-control": "no-cache, private", "x-content-type-options": "nosniff" },
  });
}
