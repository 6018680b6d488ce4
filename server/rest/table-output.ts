// Why: `kubectl get` asks for meta.k8s.io/v1 Tables in its Accept header; this picks Table or plain JSON per request and builds it.

import type { KubeObject } from "@/core/api/types";
import type { ListResult, WatchEvent } from "@/core/store/types";
import { toTable, type IncludeObject, type Table } from "./table/table";
import type { TypedRequest } from "./resource-verbs";

/** True when the Accept header asks for a Table (`application/json;as=Table;v=v1;g=meta.k8s.io`). */
export function wantsTable(accept: string | null): boolean {
  if (!accept) return false;
  for (const part of accept.split(",")) {
    const params = part.split(";").map((p) => p.trim().replace(/\s+/g, ""));
    if (params.includes("as=Table") && params.includes("g=meta.k8s.io") && (params.includes("v=v1") || params.includes("v=v1beta1"))) return true;
    // The first acceptable type wins; a plain JSON entry before any Table means JSON.
    if (params[0] === "application/json" && !params.some((p) => p.startsWith("as="))) return false;
  }
  return false;
}

function includeObjectOf(q: URLSearchParams): IncludeObject | undefined {
  const v = q.get("includeObject");
  return v === "None" || v === "Metadata" || v === "Object" ? v : undefined;
}

/** One object as a one-row Table. */
export function objectAsTable(req: TypedRequest, obj: KubeObject, q: URLSearchParams, now: number): Table {
  return toTable(req.type, [obj], { includeObject: includeObjectOf(q), now });
}

/** A list as a Table carrying the list's resourceVersion and paging. */
export function listAsTable(req: TypedRequest, result: ListResult, q: URLSearchParams, now: number): Table {
  return toTable(req.type, result.items, {
    includeObject: includeObjectOf(q),
    now,
    listMeta: { resourceVersion: result.resourceVersion, continue: result.continue, remainingItemCount: result.continue ? result.remainingItemCount : undefined },
  });
}

/** A mapper of watch events to one-row Tables; the first carries the column definitions. Bookmarks pass unchanged. */
export function watchTableMapper(req: TypedRequest, q: URLSearchParams, now: () => number): (e: WatchEvent) => unknown {
  let headers = true;
  return (e) => {
    if (e.type === "BOOKMARK") return e.object;
    const table = toTable(req.type, [e.object], { includeObject: includeObjectOf(q), now: now(), noHeaders: !headers });
    headers = false;
    return table;
  };
}
