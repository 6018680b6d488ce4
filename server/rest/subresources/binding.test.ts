import { describe, it, expect, beforeEach } from "vitest";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { Pod } from "@/core/api/types";
import { makePod } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";
import { bind, type Binding } from "./binding";

const PODS = resourceTypeByPlural("", "pods")!;
let t: TestRuntime;

beforeEach(async () => {
  t = await makeTestRuntime();
  // Through the pipeline, so the pod is defaulted as a real one is (updates compare against defaulted specs).
  await t.rt.apiServer.client(CONSOLE_ADMIN).create(makePod("web").build());
});

const stored = () => t.store.get<Pod>(PODS, "default", "web")!;
const binding = (node: string, extra: Partial<Binding> = {}): Binding =>
  ({ apiVersion: "v1", kind: "Binding", metadata: { name: "web", namespace: "default", ...extra.metadata }, target: { apiVersion: "v1", kind: "Node", name: node }, ...extra }) as Binding;

describe("bind", () => {
  it("sets spec.nodeName and PodScheduled=True, answering Status Success (201)", async () => {
    const out = await bind(t.rt, CONSOLE_ADMIN, "default", "web", binding("n1", { metadata: { name: "web", annotations: { "scheduled-by": "me" } } }));
    expect(out).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
    const pod = stored();
    expect(pod.spec?.nodeName).toBe("n1");
    expect(pod.metadata.annotations?.["scheduled-by"]).toBe("me");
    expect(pod.status?.conditions?.find((c) => c.type === "PodScheduled")).toMatchObject({ status: "True" });
  });

  it("is 409 when the pod is already bound", async () => {
    await bind(t.rt, CONSOLE_ADMIN, "default", "web", binding("n1"));
    await expect(bind(t.rt, CONSOLE_ADMIN, "default", "web", binding("n2"))).rejects.toMatchObject({
      code: 409,
      reason: "Conflict",
      message: 'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "n1"',
    });
    expect(stored().spec?.nodeName).toBe("n1");
  });

  it.each([
    { name: "a target that is not a Node", b: () => ({ ...binding("n1"), target: { kind: "Pod", name: "n1" } }), code: 422, message: 'Binding "web" is invalid: target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"' },
    { name: "no target name", b: () => ({ ...binding("n1"), target: { kind: "Node" } }), code: 422, message: 'Binding "web" is invalid: target.name: Required value' },
    { name: "another pod's name", b: () => binding("n1", { metadata: { name: "other" } }), code: 400, message: "name in URL does not match name in Binding object" },
    { name: "a stale UID", b: () => binding("n1", { metadata: { name: "web", uid: "not-it" } }), code: 409, message: expect.stringContaining("Precondition failed: UID in precondition: not-it") },
  ])("refuses $name", async ({ b, code, message }) => {
    await expect(bind(t.rt, CONSOLE_ADMIN, "default", "web", b() as Binding)).rejects.toMatchObject({ code, message });
    expect(stored().spec?.nodeName).toBeUndefined();
  });

  it("is 404 for a missing pod", async () => {
    await expect(bind(t.rt, CONSOLE_ADMIN, "default", "nope", { ...binding("n1"), metadata: { name: "nope" } })).rejects.toMatchObject({ code: 404, message: 'pods "nope" not found' });
  });

  it("stores nothing on dryRun", async () => {
    await bind(t.rt, CONSOLE_ADMIN, "default", "web", binding("n1"), { dryRun: true });
    expect(stored().spec?.nodeName).toBeUndefined();
  });
});
