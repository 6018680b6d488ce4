"use client";
// Why: detail pages follow one object live (its status, containers, conditions) over the same watch subscription as the lists.

import { useCallback, useState } from "react";
import type { KubeObject } from "@/core/api/types";
import { getObjectAction } from "./server/actions";
import { useWatchStream, type WatchState } from "./use-watch-stream";

/** The object as last seen; `deleted` once a DELETED event arrived for it. */
export function useWatchObject<T extends KubeObject>(o: {
  kind: string;
  namespace?: string;
  name: string;
  initial: T;
  resourceVersion: string;
}): { object: T; deleted: boolean; state: WatchState; error?: string } {
  const [object, setObject] = useState<T>(o.initial);
  const [deleted, setDeleted] = useState(false);
  const { kind, namespace, name } = o;

  const onEvents = useCallback(
    (events: { type: string; object: KubeObject }[]) => {
      for (const e of events) {
        if (e.object.metadata.name !== name) continue;
        if (e.type === "DELETED") setDeleted(true);
        else {
          setDeleted(false);
          setObject(e.object as T);
        }
      }
    },
    [name],
  );

  const relist = useCallback(async () => {
    const r = await getObjectAction(kind, namespace, name);
    if (!r.ok) {
      if (r.error.code === 404) setDeleted(true);
      return undefined;
    }
    setObject(r.value.object as T);
    return r.value.resourceVersion;
  }, [kind, namespace, name]);

  const watch = useWatchStream({ kind, namespace, fieldSelector: `metadata.name=${name}`, resourceVersion: o.resourceVersion, onEvents, relist });
  return { object, deleted, ...watch };
}
