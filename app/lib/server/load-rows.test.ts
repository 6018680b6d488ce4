// Why: the console's lists must show a namespace viewer what they may list under "All namespaces" (no Forbidden page), and keep the apiserver's 403 for one refused namespace or for nodes.

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ClusterRuntime } from "@/server/runtime/types";
import { listVisible, watchVisible } from "@/server/services";
import { PEOPLE, startAccessCluster } from "./admin/testing/access-cluster";

const state = vi.hoisted(() => ({ rt: undefined as ClusterRuntime | undefined }));
vi.mock("@/server/runtime/runtime", () => ({ getRuntime: async () => state.rt! }));

const { loadRows } = await import("./load-rows");

let stop: () => void;
beforeAll(async () => {
  const c = await startAccessCluster();
  state.rt = c.rt;
  stop = c.stop;
});
afterAll(() => stop());

const names = (rows: readonly { namespace?: string; name: string }[]) => rows.map((r) => `${r.namespace ?? ""}/${r.name}`);
const code = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: number }) => e.code);

describe("loadRows", () => {
  it.each([
    { who: "vic", kind: "Deployment", namespace: undefined, want: ["demo/web"] },
    { who: "eddie", kind: "Deployment", namespace: undefined, want: ["demo/web"] },
    { who: "ada", kind: "Deployment", namespace: undefined, want: ["demo/web", "other/web"] },
    { who: "nobody", kind: "Deployment", namespace: undefined, want: [] },
    { who: "vic", kind: "Deployment", namespace: "demo", want: ["demo/web"] },
  ] as const)("$who lists $kind (namespace: $namespace): what they may list", async ({ who, kind, namespace, want }) => {
    const snap = await loadRows(kind, namespace ? { namespace } : {}, PEOPLE[who]);
    expect(names(snap.rows)).toEqual(want);
    expect(snap.resourceVersion).toMatch(/^\d+$/);
  });

  it.each(["Pod", "Event", "ReplicaSet"] as const)("a viewer's %s list across namespaces answers (no 403)", async (kind) => {
    await expect(code(loadRows(kind, {}, PEOPLE.vic))).resolves.toBe("ok");
  });

  it.each([
    { what: "one namespace the viewer has no access to", kind: "Deployment", namespace: "other" },
    { what: "nodes (cluster-scoped)", kind: "Node", namespace: undefined },
  ] as const)("keeps the apiserver's 403 for $what", async ({ kind, namespace }) => {
    await expect(code(loadRows(kind, namespace ? { namespace } : {}, PEOPLE.vic))).resolves.toBe(403);
  });
});

describe("the namespace switcher's namespaces", () => {
  it.each([
    { who: "vic", want: ["demo"] },
    { who: "nobody", want: [] },
  ] as const)("$who sees $want", ({ who, want }) => {
    expect(listVisible(state.rt!, PEOPLE[who], "namespaces").items.map((n) => n.metadata.name)).toEqual(want);
  });

  it("someone who may list namespaces sees them all", () => {
    expect(listVisible(state.rt!, PEOPLE.ada, "namespaces").items.map((n) => n.metadata.name)).toEqual(expect.arrayContaining(["default", "demo", "other", "kube-system"]));
  });
});

describe("the live lists' watches", () => {
  it("across namespaces stream only what the viewer may watch", async () => {
    const stream = watchVisible(state.rt!, PEOPLE.vic, "deployments");
    const first = await stream.next();
    expect(first.value?.type).toBe("ADDED");
    expect(`${first.value?.object.metadata.namespace}/${first.value?.object.metadata.name}`).toBe("demo/web");
    stream.stop();
    expect((await stream.next()).done).toBe(true);
  });

  it("nodes are refused with 403 (the console shows the section as not permitted)", () => {
    expect(() => watchVisible(state.rt!, PEOPLE.vic, "nodes")).toThrow(expect.objectContaining({ code: 403 }));
  });
});
