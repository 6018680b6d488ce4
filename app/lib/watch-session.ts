// Why: the reconnect rules of a live view in one testable place: resume from the last resourceVersion, back off on errors, re-list on 410 Gone, batch events.

import type { StreamEnd, StreamEvent, WatchStreamOptions } from "./watch-stream";

/** Connection state shown next to live lists; `forbidden` is final (the apiserver refused the watch). */
export type WatchState = "connecting" | "live" | "reconnecting" | "relisting" | "forbidden";

type Timer = unknown;

export interface WatchSessionConfig {
  /** Opens one stream from `resourceVersion`; returns its close function. */
  open(o: Pick<WatchStreamOptions, "resourceVersion" | "onEvent" | "onEnd" | "onOpen">): () => void;
  /** Replaces local state from a fresh list; resolves to its resourceVersion, or undefined when the list failed. */
  relist(): Promise<string | undefined>;
  onBatch(events: StreamEvent[]): void;
  onState(state: WatchState, error?: string): void;
  resourceVersion: string;
  batchMs?: number;
  maxBackoffMs?: number;
  setTimer?: (fn: () => void, ms: number) => Timer;
  clearTimer?: (t: Timer) => void;
}

/**
 * One logical watch made of successive streams. Each stream starts after the newest
 * resourceVersion seen (events and bookmarks), so nothing is missed or repeated; a stream
 * that fails is reopened after 0.5 s, doubling to `maxBackoffMs`; a 410 re-lists first. A 403
 * ends the session: the refusal will not change by asking again, so it is not retried.
 */
export class WatchSession {
  private rv: string;
  private stopped = false;
  private started = false;
  private close?: () => void;
  private retry?: Timer;
  private flushTimer?: Timer;
  private failures = 0;
  private buffer: StreamEvent[] = [];
  private readonly setTimer: (fn: () => void, ms: number) => Timer;
  private readonly clearTimer: (t: Timer) => void;

  constructor(private readonly cfg: WatchSessionConfig) {
    this.rv = cfg.resourceVersion;
    this.setTimer = cfg.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = cfg.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  /** The resourceVersion the next stream would start after. */
  get resourceVersion(): string {
    return this.rv;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.close?.();
    if (this.retry !== undefined) this.clearTimer(this.retry);
    if (this.flushTimer !== undefined) this.clearTimer(this.flushTimer);
  }

  private flush = () => {
    this.flushTimer = undefined;
    if (this.stopped || this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.cfg.onBatch(batch);
  };

  private connect = () => {
    this.retry = undefined;
    if (this.stopped) return;
    this.close = this.cfg.open({
      resourceVersion: this.rv,
      onOpen: () => {
        this.failures = 0;
        this.cfg.onState("live");
      },
      onEvent: (e) => {
        const rv = e.object?.metadata?.resourceVersion;
        if (rv) this.rv = rv;
        if (e.type === "BOOKMARK") return;
        this.buffer.push(e);
        this.flushTimer ??= this.setTimer(this.flush, this.cfg.batchMs ?? 80);
      },
      onEnd: (end) => this.ended(end),
    });
  };

  private ended(end: StreamEnd): void {
    if (this.flushTimer !== undefined) {
      this.clearTimer(this.flushTimer);
      this.flush();
    }
    if (this.stopped) return;
    if (end.reason === "forbidden") {
      this.buffer = [];
      this.stopped = true;
      this.cfg.onState("forbidden", end.message);
      return;
    }
    if (end.reason === "gone") {
      this.cfg.onState("relisting");
      // Events buffered from the expired stream are superseded by the list.
      this.buffer = [];
      void this.cfg.relist().then(
        (fresh) => {
          if (this.stopped) return;
          if (fresh !== undefined) {
            this.rv = fresh;
            this.connect();
          } else this.schedule("re-list failed");
        },
        () => this.schedule("re-list failed"),
      );
      return;
    }
    this.schedule(end.message ?? (end.reason === "complete" ? "stream ended" : "connection lost"));
  }

  private schedule(why: string): void {
    if (this.stopped) return;
    this.failures++;
    this.cfg.onState("reconnecting", why);
    const delay = Math.min(this.cfg.maxBackoffMs ?? 10_000, 500 * 2 ** Math.min(this.failures - 1, 5));
    this.retry = this.setTimer(this.connect, delay);
  }
}
