import { describe, it, expect } from "vitest";
import type { CoreEvent } from "@/core/api/types";
import { compareEventsNewestFirst, eventCount, eventObject } from "./event-summary";

const ev = (name: string, last: string | undefined, extra: Partial<CoreEvent> = {}): CoreEvent => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name, namespace: "default", creationTimestamp: "2026-01-01T00:00:00Z" },
  involvedObject: { kind: "Pod", name: "web-1", namespace: "default" },
  lastTimestamp: last,
  ...extra,
});

describe("event summaries", () => {
  it("sorts newest first by lastTimestamp, falling back to eventTime and creation", () => {
    const events = [
      ev("a", "2026-01-01T00:01:00Z"),
      ev("b", "2026-01-01T00:03:00Z"),
      ev("c", undefined, { eventTime: "2026-01-01T00:02:00.000000Z" }),
      ev("d", undefined),
    ];
    expect(events.sort(compareEventsNewestFirst).map((e) => e.metadata.name)).toEqual(["b", "c", "a", "d"]);
  });

  it("names the object kind/name and counts repeats", () => {
    expect(eventObject(ev("a", undefined))).toBe("pod/web-1");
    expect(eventCount(ev("a", undefined, { count: 5 }))).toBe(5);
    expect(eventCount(ev("a", undefined))).toBe(1);
  });
});
