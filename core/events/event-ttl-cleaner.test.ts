import { describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../api/resources";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import { makePod } from "../testing/builders";
import { EventRecorderImpl } from "./event-recorder";
import { EventTtlCleaner } from "./event-ttl-cleaner";

const EVENTS = resourceTypeByKind("", "Event")!;

describe("EventTtlCleaner", () => {
  it("deletes events whose last write is older than the TTL", async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const recorder = new EventRecorderImpl({ client: store, clock, source: { component: "kubelet" } });
    const pod = await store.create(makePod("web").build());
    const cleaner = new EventTtlCleaner({ client: store, clock, ttlMs: 60 * 60_000, intervalMs: 60_000 });
    cleaner.start();
    recorder.event(pod, "Normal", "Old", "old");
    recorder.event(pod, "Normal", "Repeated", "again");
    await clock.advance(30 * 60_000);
    recorder.event(pod, "Normal", "Recent", "recent");
    recorder.event(pod, "Normal", "Repeated", "again"); // refreshes lastTimestamp
    await clock.advance(31 * 60_000);
    await recorder.flush();
    expect(store.list(EVENTS).items.map((e) => e.reason).sort()).toEqual(["Recent", "Repeated"]);
    await clock.advance(30 * 60_000);
    expect(store.list(EVENTS).items).toEqual([]);
    cleaner.stop();
  });
});
