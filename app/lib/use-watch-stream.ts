"use client";
// Why: keeps one watch subscription alive for a component: batches events, resumes from the last resourceVersion after errors, re-lists on 410 Gone.

import { useEffect, useRef, useState } from "react";
import { openWatchStream, type StreamEvent } from "./watch-stream";

/** Connection state shown next to live lists. */
export type WatchState = "connecting" | "live" | "reconnecting" | "relisting";

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
}

const MAX_BACKOFF_MS = 10_000;

/** Subscribes while mounted; re-subscribes when kind, namespace or selector change. */
export function useWatchStream(o: UseWatchStreamOptions): { state: WatchState; error?: string } {
  const [state, setState] = useState<WatchState>("connecting");
  const [error, setError] = useState<string>();
  const callbacks = useRef(o);
  useEffect(() => {
    callbacks.current = o;
  });
  const { kind, namespace, labelSelector, fieldSelector, resourceVersion, batchMs = 80 } = o;

  useEffect(() => {
    let rv = resourceVersion;
    let stopped = false;
    let close: (() => void) | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let buffer: StreamEvent[] = [];

    const flush = () => {
      flushTimer = undefined;
      if (stopped || buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      callbacks.current.onEvents(batch);
    };

    const connect = () => {
      if (stopped) return;
      close = openWatchStream({
        kind,
        namespace,
        labelSelector,
        fieldSelector,
        resourceVersion: rv,
        onOpen: () => {
          failures = 0;
          setState("live");
          setError(undefined);
        },
        onEvent: (e) => {
          const eventRv = e.object?.metadata?.resourceVersion;
          if (eventRv) rv = eventRv;
          if (e.type === "BOOKMARK") return;
          buffer.push(e);
          flushTimer ??= setTimeout(flush, batchMs);
        },
        onEnd: (end) => {
          flush();
          if (stopped) return;
          if (end.reason === "gone") {
            setState("relisting");
            void callbacks.current.relist().then((fresh) => {
              if (stopped) return;
              if (fresh !== undefined) {
                rv = fresh;
                connect();
              } else schedule("re-list failed");
            });
            return;
          }
          schedule(end.message);
        },
      });
    };

    const schedule = (why?: string) => {
      failures++;
      setState("reconnecting");
      setError(why);
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures - 1, 5));
      retry = setTimeout(connect, delay);
    };

    connect();
    return () => {
      stopped = true;
      close?.();
      if (retry) clearTimeout(retry);
      if (flushTimer) clearTimeout(flushTimer);
    };
  }, [kind, namespace, labelSelector, fieldSelector, resourceVersion, batchMs]);

  return { state, ...(error ? { error } : {}) };
}
