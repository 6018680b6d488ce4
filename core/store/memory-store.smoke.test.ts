import { it, expect } from "vitest";
import { MemoryStore } from "./memory-store";
import { FakeClock } from "../clock/fake-clock";
import { makePod, makeNamespace } from "../testing/builders";
import { resourceTypeByKind } from "../api/resources";

it("smoke", async () => {
  const s = new MemoryStore({ clock: new FakeClock() });
  const pods = resourceTypeByKind("", "Pod")!;
  const events: string[] = [];
  s.watch(pods, {}, (e) => events.push(`${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`));
  await s.create(makeNamespace("default").build());
  const p = await s.create(makePod("a").build());
  expect(p.metadata.resourceVersion).toBe("2");
  expect(p.status).toEqual({ phase: "Pending", qosClass: "BestEffort" });
  const p2 = structuredClone(p);
  p2.metadata.labels = { x: "y" };
  await s.update(p2);
  await expect(s.update(p2)).rejects.toThrow(/the object has been modified/);
  await s.delete(pods, "default", "a");
  expect(events).toEqual(["ADDED a 2", "MODIFIED a 3", "DELETED a 4"]);
  expect(s.list(pods).items).toEqual([]);
});
