"use client";
// Why: AGE columns tick without re-rendering from the server: one shared "now" per component, refreshed on an interval.

import { useEffect, useState } from "react";

/** Milliseconds since the epoch, refreshed every `intervalMs` (default 1s). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
