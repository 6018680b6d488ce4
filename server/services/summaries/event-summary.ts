// Why: events read like `kubectl get events` (OBJECT as kind/name, LAST SEEN) and sort newest first everywhere.

import type { CoreEvent } from "@/core/api/types";

/** When the event last happened: lastTimestamp, else eventTime (events.k8s.io), else creation. */
export function eventLastSeen(e: CoreEvent): string | undefined {
  return e.lastTimestamp || e.eventTime || e.series?.lastObservedTime || e.metadata.creationTimestamp;
}

/** When it first happened. */
export function eventFirstSeen(e: CoreEvent): string | undefined {
  return e.firstTimestamp || e.eventTime || e.metadata.creationTimestamp;
}

/** The OBJECT column: `pod/web-7d4b9c`, `deployment/web`, `node/n1`. */
export function eventObject(e: CoreEvent): string {
  return `${(e.involvedObject?.kind ?? "").toLowerCase()}/${e.involvedObject?.name ?? ""}`;
}

/** How many times it happened (series count for new-style events). */
export function eventCount(e: CoreEvent): number {
  return e.count ?? e.series?.count ?? 1;
}

/** Newest first, then by name so the order is stable. */
export function compareEventsNewestFirst(a: CoreEvent, b: CoreEvent): number {
  const ta = Date.parse(eventLastSeen(a) ?? "") || 0;
  const tb = Date.parse(eventLastSeen(b) ?? "") || 0;
  if (ta !== tb) return tb - ta;
  const ra = Number(a.metadata.resourceVersion ?? 0);
  const rb = Number(b.metadata.resourceVersion ?? 0);
  if (ra !== rb) return rb - ra;
  return (a.metadata.name ?? "").localeCompare(b.metadata.name ?? "");
}
