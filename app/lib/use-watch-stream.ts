"use client";
// Why: keeps one watch subscription alive for a component (a WatchSession over EventSource), re-subscribing when its selection changes.

import { useEffect, useRef, useState } from "react";
import { openWatchStream, type StreamEvent } from "./watch-stream";
import { WatchSession, type WatchState } from "./watch-session";

export type { WatchState } from "./watch-session";

export interface UseWatchStreamOptions {
  kind: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** The resourceVersion of the first-paint list; the watch resumes after it. */
  resourceVersion: string;
  /** Receives events in batches (one React update per batch). */
  onEvents(events: StreamEvent[]): void;
  /** Replace the local state from a fresh list; resolve to its resourceVersion, or undefined when the list failed. */
  relist(): Promise<string | undefined>;
  /** Milliseconds events are gathered before `onEvents`. Default 80. */
  batchMs?: number;
  /** The first-paint read was refused (its 403 message): no watch is opened, the state is `forbidden`. */
  refused?: string;
}

/** Subscribes while mounted; re-subscribes when kind, namespace, selectors or the first-paint resourceVersion change. */
export function useWatchStream(o: UseWatchStreamOptions): { state: WatchState; error?: string } {
  const [status, setStatus] = useState<{ state: WatchState; error?: string }>(o.refused !== undefined ? { state: "forbidden", error: o.refused } : { state: "connecting" });
  const callbacks = useRef(o);
  useEffect(() => {
    callbacks.current = o;
  });
  const { kind, namespace, labelSelector, fieldSelector, resourceVersion, batchMs, refused } = o;

  useEffect(() => {
    if (refused !== undefined) return;
    const session = new WatchSession({
      resourceVersion,
      batchMs,
      open: (s) => openWatchStream({ kind, namespace, labelSelector, fieldSelector, ...s }),
      relist: () => callbacks.current.relist(),
      onBatch: (events) => callbacks.current.onEvents(events),
      onState: (state, error) => setStatus({ state, ...(error ? { error } : {}) }),
    });
    session.start();
    return () => session.stop();
  }, [kind, namespace, labelSelector, fieldSelector, resourceVersion, batchMs, refused]);

  return status;
}
