"use client";
// Why: the live events table (`kubectl get events` columns), newest first; also embedded on detail pages for one object.

import { useCallback, useMemo } from "react";
import Link from "next/link";
import { ResourceTable, type Column } from "@/app/components/resource-table";
import { ageOf as age } from "@/core/api/human-duration";
import { involvedHref } from "@/app/lib/hrefs";
import type { KubeObject, CoreEvent } from "@/core/api/types";
import type { EventRow } from "@/app/lib/rows/types";
import type { RowSnapshot } from "@/app/lib/server/load-rows";
import { useWatchList } from "@/app/lib/use-watch-list";

/** Newest first, then by name for a stable order. */
export function compareEventRows(a: EventRow, b: EventRow): number {
  const ta = Date.parse(a.lastSeen ?? "") || 0;
  const tb = Date.parse(b.lastSeen ?? "") || 0;
  return ta !== tb ? tb - ta : a.key.localeCompare(b.key);
}

export interface EventListProps {
  namespace?: string;
  initial: RowSnapshot<"Event">;
  /** Only events about this object (a detail page). */
  involved?: { kind: string; name: string };
  height?: number;
}

/** Events, live. */
export function EventList({ namespace, initial, involved, height }: EventListProps) {
  const accept = useCallback((o: KubeObject) => !involved || ((o as CoreEvent).involvedObject?.name === involved.name && (o as CoreEvent).involvedObject?.kind === involved.kind), [involved]);
  const fieldSelector = involved ? `involvedObject.kind=${involved.kind},involvedObject.name=${involved.name}` : undefined;
  const { rows, state, error } = useWatchList({ kind: "Event", namespace, initial, compare: compareEventRows, accept: involved ? accept : undefined, fieldSelector });
  const columns = useMemo<Column<EventRow>[]>(() => {
    const cols: Column<EventRow>[] = [
      { id: "last", header: "Last seen", width: "100px", align: "right", cell: (r, now) => age(r.lastSeen, now) },
      {
        id: "type",
        header: "Type",
        width: "80px",
        cell: (r) => <span className={r.type === "Warning" ? "font-medium text-rose-600" : "text-slate-500"}>{r.type}</span>,
        search: (r) => r.type,
      },
      { id: "reason", header: "Reason", width: "minmax(210px,1.1fr)", cell: (r) => <span className="font-medium text-slate-800">{r.reason}</span>, search: (r) => r.reason },
    ];
    if (!involved) {
      cols.push({
        id: "object",
        header: "Object",
        width: "minmax(230px,1.4fr)",
        cell: (r) => {
          const href = involvedHref(r.objectKind, r.namespace, r.objectName);
          return href ? (
            <Link href={href} className="text-sky-700 hover:underline">
              {r.object}
            </Link>
          ) : (
            r.object
          );
        },
        search: (r) => r.object,
      });
    }
    if (!namespace && !involved) cols.push({ id: "namespace", header: "Namespace", width: "minmax(110px,0.8fr)", cell: (r) => r.namespace });
    cols.push(
      { id: "message", header: "Message", width: "minmax(300px,4fr)", cell: (r) => <span title={r.message} className="text-slate-700">{r.message}</span>, search: (r) => r.message },
      { id: "count", header: "Count", width: "72px", align: "right", cell: (r) => String(r.count) },
      { id: "source", header: "Source", width: "minmax(150px,0.8fr)", cell: (r) => <span className="text-slate-500">{r.source ?? ""}</span> },
    );
    return cols;
  }, [namespace, involved]);
  return (
    <ResourceTable rows={rows} columns={columns} rowTestId="event-row" noun="events" state={state} error={error} height={height} rowTone={(r) => (r.type === "Warning" ? "warn" : undefined)} />
  );
}
