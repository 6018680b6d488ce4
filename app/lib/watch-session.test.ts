// Why: a live list must never miss or repeat a change across reconnects, and must re-list when its resourceVersion expired.
import { describe, it, expect } from "vitest";
import type { StreamEnd, StreamEvent } from "./watch-stream";
import { WatchSession, type WatchState } from "./watch-session";

type Opened = { resourceVersion?: string; onEvent(e: StreamEvent): void; onEnd(e: StreamEnd): void; onOpen?(): void; closed: boolean };

function harness(opts: { relist?: () => Promise<string | undefined> } = {}) {
  const timers: { fn: () => void; ms: number; id: number }[] = [];
  let nextId = 1;
  const streams: Opened[] = [];
  const batches: StreamEvent[][] = [];
  const states: [WatchState, string?][] = [];
  let relists = 0;
  const session = new WatchSession({
    resourceVersion: "10",
    open: (o) => {
      const s: Opened = { ...o, closed: false };
      streams.push(s);
      return () => (s.closed = true);
    },
    relist: async () => {
      relists++;
      return opts.relist ? opts.relist() : "100";
    },
    onBatch: (b) => batches.push(b),
    onState: (s, e) => states.push([s, e]),
    setTimer: (fn, ms) => {
      const t = { fn, ms, id: nextId++ };
      timers.push(t);
      return t.id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const runTimers = () => {
    while (timers.length) timers.shift()!.fn();
  };
  return { session, streams, batches, states, timers, runTimers, relists: () => relists };
}

const ev = (type: StreamEvent["type"], name: string, rv: string): StreamEvent => ({ type, object: { apiVersion: "v1", kind: "Pod", metadata: { name, resourceVersion: rv } } });
const flushPromises = () => new Promise((r) => setTimeout(r, 0));

describe("WatchSession", () => {
  it("starts after the first-paint resourceVersion and batches events", () => {
    const h = harness();
    h.session.start();
    expect(h.streams[0].resourceVersion).toBe("10");
    h.streams[0].onOpen?.();
    h.streams[0].onEvent(ev("ADDED", "a", "11"));
    h.streams[0].onEvent(ev("MODIFIED", "a", "12"));
    expect(h.batches).toEqual([]);
    expect(h.timers.map((t) => t.ms)).toEqual([80]);
    h.runTimers();
    expect(h.batches.map((b) => b.map((e) => e.type))).toEqual([["ADDED", "MODIFIED"]]);
    expect(h.states.at(-1)).toEqual(["live", undefined]);
  });

  it("reconnects after an error from the newest resourceVersion seen, bookmarks included, with back-off", () => {
    const h = harness();
    h.session.start();
    h.streams[0].onEvent(ev("ADDED", "a", "11"));
    h.streams[0].onEvent(ev("BOOKMARK", "", "15"));
    h.streams[0].onEnd({ reason: "error", message: "connection lost" });
    expect(h.batches.flat().map((e) => e.type)).toEqual(["ADDED"]);
    expect(h.states.at(-1)).toEqual(["reconnecting", "connection lost"]);
    expect(h.timers.map((t) => t.ms)).toEqual([500]);
    h.runTimers();
    expect(h.streams[1].resourceVersion).toBe("15");
    h.streams[1].onEnd({ reason: "error" });
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    h.runTimers();
    h.streams[2].onOpen?.();
    h.streams[2].onEnd({ reason: "error" });
    expect(h.timers.map((t) => t.ms)).toEqual([500]);
  });

  it("re-lists on 410 Gone and watches from the list's resourceVersion", async () => {
    const h = harness();
    h.session.start();
    h.streams[0].onEvent(ev("MODIFIED", "a", "11"));
    h.streams[0].onEnd({ reason: "gone", message: "too old resource version" });
    expect(h.states.at(-1)?.[0]).toBe("relisting");
    await flushPromises();
    expect(h.relists()).toBe(1);
    expect(h.streams[1].resourceVersion).toBe("100");
  });

  it("backs off when the re-list fails", async () => {
    const h = harness({ relist: async () => undefined });
    h.session.start();
    h.streams[0].onEnd({ reason: "gone" });
    await flushPromises();
    expect(h.streams).toHaveLength(1);
    expect(h.states.at(-1)).toEqual(["reconnecting", "re-list failed"]);
    expect(h.timers.map((t) => t.ms)).toEqual([500]);
  });

  it("stops for good when the apiserver refuses the watch (403), even right after the stream opened", () => {
    const h = harness();
    h.session.start();
    h.streams[0].onOpen?.();
    h.streams[0].onEnd({ reason: "forbidden", message: 'nodes is forbidden: User "vic" cannot watch resource "nodes" in API group "" at the cluster scope' });
    expect(h.states.at(-1)).toEqual(["forbidden", 'nodes is forbidden: User "vic" cannot watch resource "nodes" in API group "" at the cluster scope']);
    expect(h.timers).toEqual([]);
    h.runTimers();
    expect(h.streams).toHaveLength(1);
    expect(h.relists()).toBe(0);
  });

  it("delivers nothing and reopens nothing after stop", () => {
    const h = harness();
    h.session.start();
    h.streams[0].onEvent(ev("ADDED", "a", "11"));
    h.session.stop();
    expect(h.streams[0].closed).toBe(true);
    h.streams[0].onEnd({ reason: "error" });
    h.runTimers();
    expect(h.batches).toEqual([]);
    expect(h.streams).toHaveLength(1);
  });
});
