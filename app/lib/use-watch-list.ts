"use client";
// Why: the one hook behind every live list: first-paint rows from the server, then watch events applied in place without reloading.

import { useCallback, useMemo, useState } from "react";
import type { KubeObject } from "@/core/api/types";
import { RowSet, compareByNamespaceName, type RowChange } from "./row-set";
import { toRow } from "./rows/to-row";
import type { ListKind, RowOf } from "./rows/types";
import { relistAction } from "./server/actions";
import type { RowSnapshot } from "./server/load-rows";
import { useWatchStream, type WatchState } from "./use-watch-stream";

export interface UseWatchListOptions<K extends ListKind> {
  kind: K;
  namespace?: string;
  labelSelector?: string;
  /** Field selector for the list and the watch (e.g. `involvedObject.name=web`). */
  fieldSelector?: string;
  /** Extra client-side filter; a MODIFIED object that stops matching is removed. */
  accept?: (obj: KubeObject) => boolean;
  initial: RowSnapshot<K>;
  /** The first-paint list was refused (403): show no rows and open no watch. */
  refused?: string;
  compare?: (a: RowOf[K], b: RowOf[K]) => number;
}

/** Live rows of `kind`, kept in sync by the GraphQL watch subscription. */
export function useWatchList<K extends ListKind>(o: UseWatchListOptions<K>): { rows: readonly RowOf[K][]; state: WatchState; error?: string } {
  const compare = (o.compare ?? compareByNamespaceName) as (a: RowOf[K], b: RowOf[K]) => number;
  const [set, setSet] = useState(() => RowSet.from(o.initial.rows, compare));
  const { kind, accept, namespace, labelSelector, fieldSelector } = o;

  const onEvents = useCallback(
    (events: { type: string; object: KubeObject }[]) => {
      const changes: RowChange<RowOf[K]>[] = [];
      for (const e of events) {
        if (e.type !== "ADDED" && e.type !== "MODIFIED" && e.type !== "DELETED") continue;
        const row = toRow(kind, e.object);
        const type = e.type !== "DELETED" && accept && !accept(e.object) ? "DELETED" : e.type;
        changes.push({ type, row });
      }
      setSet((s) => s.apply(changes));
    },
    [kind, accept],
  );

  const relist = useCallback(async () => {
    const r = await relistAction(kind, { namespace, labelSelector, fieldSelector });
    if (!r.ok) return undefined;
    setSet(RowSet.from(r.value.rows, compare));
    return r.value.resourceVersion;
  }, [kind, namespace, labelSelector, fieldSelector]);

  const watch = useWatchStream({ kind, namespace, labelSelector, fieldSelector, resourceVersion: o.initial.resourceVersion, onEvents, relist, refused: o.refused });
  const rows = useMemo(() => set.rows, [set]);
  return { rows, ...watch };
}
