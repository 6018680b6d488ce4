import { describe, it, expect, beforeEach } from "vitest";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { Pod } from "@/core/api/types";
import { makePod } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";
import { evict, type Eviction } from "./eviction";

const PODS = resourceTypeByPlural("", "pods")!;
let t: TestRuntime;

beforeEach(async () => {
  t = await makeTestRuntime();
});

const stored = (name = "web") => t.store.get<Pod>(PODS, "default", name);
const eviction = (name = "web", deleteOptions?: Eviction["deleteOptions"]): Eviction =>
  ({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace: "default" }, ...(deleteOptions ? { deleteOptions } : {}) }) as Eviction;

describe("evict", () => {
  it("deletes an unbound pod at once and answers Status Success (201)", async () => {
    await t.store.create(makePod("web").build());
    expect(await evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction())).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
    expect(stored()).toBeUndefined();
  });

  it("deletes a running pod gracefully, marked DisruptionTarget by the Eviction API", async () => {
    await t.seed({ ...makePod("web").onNode("n1").build(), status: { phase: "Running" } });
    await evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction());
    const pod = stored()!;
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(pod.status?.conditions?.find((c) => c.type === "DisruptionTarget")).toMatchObject({ status: "True", reason: "EvictionByEvictionAPI", message: "Eviction API: evicting" });
  });

  it("evicting a pod already terminating succeeds again (kubectl drain retries)", async () => {
    await t.seed({ ...makePod("web").onNode("n1").build(), status: { phase: "Running" } });
    await evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction());
    await expect(evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction())).resolves.toMatchObject({ status: "Success" });
    expect(stored()?.metadata.deletionTimestamp).toBeDefined();
  });

  it("honours deleteOptions.gracePeriodSeconds=0", async () => {
    await t.seed({ ...makePod("web").onNode("n1").build(), status: { phase: "Running" } });
    await evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction("web", { gracePeriodSeconds: 0 }));
    expect(stored()).toBeUndefined();
  });

  it("is 409 for a stale resourceVersion precondition, and keeps the pod", async () => {
    await t.seed({ ...makePod("web").onNode("n1").build(), status: { phase: "Running" } });
    await expect(evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction("web", { preconditions: { resourceVersion: "1" } }))).rejects.toMatchObject({ code: 409 });
    expect(stored()?.metadata.deletionTimestamp).toBeUndefined();
  });

  it("changes nothing on dryRun (request or body)", async () => {
    await t.seed({ ...makePod("web").onNode("n1").build(), status: { phase: "Running" } });
    const before = stored()!.metadata.resourceVersion;
    await evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction(), { dryRun: true });
    await evict(t.rt, CONSOLE_ADMIN, "default", "web", eviction("web", { dryRun: ["All"] }));
    expect(stored()!.metadata.resourceVersion).toBe(before);
  });

  it.each([
    { name: "a body naming another pod", body: eviction("other"), code: 400, message: "name in URL does not match name in Eviction object" },
    { name: "a missing pod", body: eviction("nope"), code: 404, message: 'pods "nope" not found', pod: "nope" },
  ])("refuses $name", async ({ body, code, message, pod }) => {
    await t.store.create(makePod("web").build());
    await expect(evict(t.rt, CONSOLE_ADMIN, "default", pod ?? "web", body)).rejects.toMatchObject({ code, message });
    expect(stored()).toBeDefined();
  });
});
