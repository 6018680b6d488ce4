"use client";
// Why: `kubectl logs` in the browser: pick a container, tail N lines, follow (polling), previous instance, wrap and timestamps.

import { useCallback, useEffect, useRef, useState } from "react";
import { logsAction } from "@/app/lib/server/actions";

const TAILS = [100, 500, 2000, 0];
const FOLLOW_MS = 2000;

export interface LogViewerProps {
  namespace: string;
  pod: string;
  containers: string[];
}

/** A log panel for one pod. Follow re-reads the tail every two seconds and keeps the view pinned to the bottom. */
export function LogViewer({ namespace, pod, containers }: LogViewerProps) {
  const [container, setContainer] = useState(containers[0] ?? "");
  const [tail, setTail] = useState(500);
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [wrap, setWrap] = useState(false);
  const [text, setText] = useState<string>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  const load = useCallback(async () => {
    setLoading(true);
    const r = await logsAction({ namespace, pod, container: container || undefined, tailLines: tail || undefined, previous, timestamps });
    setLoading(false);
    if (r.ok) {
      setText(r.value);
      setError(undefined);
    } else {
      setError(r.error.message);
    }
  }, [namespace, pod, container, tail, previous, timestamps]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await load();
      if (!cancelled && follow) timer = setTimeout(tick, FOLLOW_MS);
    };
    void tick();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [load, follow]);

  useEffect(() => {
    const el = pre.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [text]);

  const select = "h-7 rounded border border-slate-300 bg-white px-1.5 text-[12px] outline-none focus:border-sky-500";
  const toggle = (on: boolean) => `h-7 rounded border px-2 text-[12px] ${on ? "border-sky-600 bg-sky-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`;

  return (
    <div className="flex flex-col overflow-hidden rounded-md border border-slate-200 bg-white shadow-sm" data-testid="log-viewer">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2">
        <span className="mr-1 text-[12.5px] font-semibold text-slate-800">Logs</span>
        <label className="flex items-center gap-1 text-[12px] text-slate-500">
          Container
          <select data-testid="log-container" className={select} value={container} onChange={(e) => setContainer(e.target.value)}>
            {containers.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-[12px] text-slate-500">
          Tail
          <select data-testid="log-tail" className={select} value={tail} onChange={(e) => setTail(Number(e.target.value))}>
            {TAILS.map((t) => (
              <option key={t} value={t}>
                {t === 0 ? "All" : t}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="log-follow" aria-pressed={follow} className={toggle(follow)} onClick={() => setFollow((f) => !f)}>
          Follow
        </button>
        <button type="button" aria-pressed={previous} className={toggle(previous)} onClick={() => setPrevious((p) => !p)}>
          Previous
        </button>
        <button type="button" aria-pressed={timestamps} className={toggle(timestamps)} onClick={() => setTimestamps((t) => !t)}>
          Timestamps
        </button>
        <button type="button" aria-pressed={wrap} className={toggle(wrap)} onClick={() => setWrap((w) => !w)}>
          Wrap
        </button>
        <div className="ml-auto flex items-center gap-2 text-[11.5px] text-slate-500">
          {loading && <span>Loading…</span>}
          {!follow && (
            <button type="button" className="h-7 rounded border border-slate-300 bg-white px-2 text-[12px] text-slate-700 hover:bg-slate-50" onClick={() => void load()}>
              Refresh
            </button>
          )}
        </div>
      </div>
      {error && (
        <div data-testid="log-error" className="border-b border-rose-200 bg-rose-50 px-3 py-2 text-[12px] text-rose-700">
          {error}
        </div>
      )}
      <pre
        ref={pre}
        data-testid="pod-logs"
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className={`h-80 overflow-auto bg-slate-950 px-3 py-2 font-mono text-[11.5px] leading-[1.55] text-slate-200 ${wrap ? "whitespace-pre-wrap break-all" : "whitespace-pre"}`}
      >
        {text === undefined ? <span className="text-slate-500">Loading logs…</span> : text === "" ? <span className="text-slate-500">No log lines.</span> : text}
      </pre>
    </div>
  );
}
