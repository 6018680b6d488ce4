// Why: one Kubernetes watch over the GraphQL `watch` subscription, carried by Server-Sent Events (graphql-yoga's distinct-connections mode).

import type { KubeObject } from "@/core/api/types";

/** A watch event as the subscription delivers it. */
export interface StreamEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK";
  object: KubeObject;
}

/**
 * Why a stream ended: `gone` means the resourceVersion is too old and the caller must re-list;
 * `forbidden` means the apiserver refused the watch (403): retrying cannot help.
 */
export interface StreamEnd {
  reason: "gone" | "forbidden" | "error" | "complete";
  message?: string;
}

export interface WatchStreamOptions {
  kind: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  onEvent(e: StreamEvent): void;
  /** Called once when the stream stops for any reason other than `close()`. */
  onEnd(end: StreamEnd): void;
  /** Called when the connection is open. */
  onOpen?(): void;
  endpoint?: string;
}

export const WATCH_SUBSCRIPTION = /* GraphQL */ `subscription ConsoleWatch($kind: String!, $namespace: String, $labelSelector: String, $fieldSelector: String, $resourceVersion: String) {
  watch(kind: $kind, namespace: $namespace, labelSelector: $labelSelector, fieldSelector: $fieldSelector, resourceVersion: $resourceVersion) { type object }
}`;

/** The GET URL of the subscription: yoga serves `text/event-stream` for it. */
export function watchUrl(o: Pick<WatchStreamOptions, "kind" | "namespace" | "labelSelector" | "fieldSelector" | "resourceVersion" | "endpoint">): string {
  const variables: Record<string, string> = { kind: o.kind };
  if (o.namespace) variables.namespace = o.namespace;
  if (o.labelSelector) variables.labelSelector = o.labelSelector;
  if (o.fieldSelector) variables.fieldSelector = o.fieldSelector;
  if (o.resourceVersion) variables.resourceVersion = o.resourceVersion;
  const q = new URLSearchParams({ query: WATCH_SUBSCRIPTION, variables: JSON.stringify(variables) });
  return `${o.endpoint ?? "/api/graphql"}?${q.toString()}`;
}

interface GraphQLErrorLike {
  message?: string;
  extensions?: { code?: string | number; http?: { status?: number }; status?: { code?: number; reason?: string }; reason?: string };
}

/** True when a GraphQL error says the watch's resourceVersion is gone (HTTP 410 / reason Expired or Gone). */
export function isGoneError(e: GraphQLErrorLike): boolean {
  const x = e.extensions ?? {};
  const codes = [x.code, x.http?.status, x.status?.code, x.status?.reason, x.reason].map((c) => String(c ?? "").toUpperCase());
  if (codes.some((c) => c === "410" || c === "GONE" || c === "EXPIRED" || c === "RESOURCE_EXPIRED")) return true;
  return /too old resource version|410|\bGone\b|\bExpired\b/i.test(e.message ?? "");
}

/** True when a GraphQL error is the apiserver's 403 (extensions.code `Forbidden`, status code 403). */
export function isForbiddenError(e: GraphQLErrorLike): boolean {
  const x = e.extensions ?? {};
  const codes = [x.code, x.http?.status, x.status?.code, x.status?.reason, x.reason].map((c) => String(c ?? "").toUpperCase());
  return codes.some((c) => c === "403" || c === "FORBIDDEN");
}

/** Interprets one `next` payload; exported for tests. */
export function parsePayload(data: string): { events: StreamEvent[]; end?: StreamEnd } {
  const body = JSON.parse(data) as { data?: { watch?: StreamEvent | StreamEvent[] | null }; errors?: GraphQLErrorLike[] };
  if (body.errors?.length) {
    const reason = body.errors.some(isGoneError) ? "gone" : body.errors.some(isForbiddenError) ? "forbidden" : "error";
    return { events: [], end: { reason, message: body.errors.map((e) => e.message).join("; ") } };
  }
  const w = body.data?.watch;
  if (!w) return { events: [] };
  const list = Array.isArray(w) ? w : [w];
  return { events: list.map((e) => ({ type: e.type, object: typeof e.object === "string" ? JSON.parse(e.object) : e.object })) };
}

/** Opens the stream. Returns `close()`; after it, no callback fires. EventSource's own retry is disabled: the caller reconnects with the latest resourceVersion. */
export function openWatchStream(o: WatchStreamOptions): () => void {
  const es = new EventSource(watchUrl(o));
  let done = false;
  const finish = (end: StreamEnd) => {
    if (done) return;
    done = true;
    es.close();
    o.onEnd(end);
  };
  es.onopen = () => o.onOpen?.();
  es.addEventListener("next", (m) => {
    if (done) return;
    let parsed: ReturnType<typeof parsePayload>;
    try {
      parsed = parsePayload((m as MessageEvent<string>).data);
    } catch (err) {
      finish({ reason: "error", message: `bad watch payload: ${(err as Error).message}` });
      return;
    }
    for (const e of parsed.events) o.onEvent(e);
    if (parsed.end) finish(parsed.end);
  });
  es.addEventListener("complete", () => finish({ reason: "complete" }));
  es.onerror = () => finish({ reason: "error", message: "connection lost" });
  return () => {
    done = true;
    es.close();
  };
}
