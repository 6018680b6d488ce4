"use client";
// Why: AGE columns tick without re-rendering from the server, in cluster time (which may run faster than the wall clock).

import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from "react";

interface ClusterClock {
  /** Cluster time when the page was rendered on the server. */
  clusterAtRender: number;
  /** Wall time when this browser first rendered the provider. */
  wallAtMount: number;
  speed: number;
}

const ClusterClockContext = createContext<ClusterClock | null>(null);

/** Makes {@link useNow} follow the cluster's clock: its time at render and its speed. */
export function ClusterClockProvider({ now, speed, children }: { now: number; speed: number; children: ReactNode }) {
  const [wallAtMount] = useState(() => Date.now());
  return createElement(ClusterClockContext.Provider, { value: { clusterAtRender: now, wallAtMount, speed } }, children);
}

function clusterNow(clock: ClusterClock | null): number {
  return clock ? clock.clusterAtRender + (Date.now() - clock.wallAtMount) * clock.speed : Date.now();
}

/** Cluster milliseconds since the epoch, refreshed every `intervalMs` (default 1s). */
export function useNow(intervalMs = 1000): number {
  const clock = useContext(ClusterClockContext);
  const [now, setNow] = useState(() => clusterNow(clock));
  useEffect(() => {
    const t = setInterval(() => setNow(clusterNow(clock)), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs, clock]);
  return now;
}
