import { describe, it, expect, beforeEach } from "vitest";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { Deployment } from "@/core/api/types";
import { makeDeployment, makeReplicaSet } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";
import { getScale, patchScale, updateScale, type Scale } from "./scale";

const DEPLOYMENTS = resourceTypeByPlural("apps", "deployments")!;
let t: TestRuntime;
let web: Deployment;

beforeEach(async () => {
  t = await makeTestRuntime();
  web = await t.seed({
    ...makeDeployment("web").replicas(2).build(),
    status: { replicas: 1, readyReplicas: 1 },
  });
});

const stored = () => t.store.get<Deployment>(DEPLOYMENTS, "default", "web")!;

describe("getScale", () => {
  it("is the autoscaling/v1 Scale of a deployment, with the parent's identity", () => {
    const s = getScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web");
    expect(s).toEqual({
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: { name: "web", namespace: "default", uid: web.metadata.uid, resourceVersion: web.metadata.resourceVersion, creationTimestamp: web.metadata.creationTimestamp },
      spec: { replicas: 2 },
      status: { replicas: 1, selector: "app=web" },
    });
  });

  it("serves replicasets by plural name and prints the canonical selector string", async () => {
    const rs = makeReplicaSet("rs1").build();
    rs.spec!.selector = { matchLabels: { app: "rs1" }, matchExpressions: [{ key: "tier", operator: "In", values: ["b", "a"] }, { key: "legacy", operator: "DoesNotExist" }] };
    rs.spec!.template!.metadata!.labels = { app: "rs1", tier: "a" };
    await t.store.create(rs);
    expect(getScale(t.rt, CONSOLE_ADMIN, "replicasets.apps", "default", "rs1").status.selector).toBe("app=rs1,!legacy,tier in (a,b)");
  });

  it.each([
    { name: "a missing deployment", type: "deployments.apps", obj: "nope", message: 'deployments.apps "nope" not found' },
    { name: "a kind without scale", type: "pods", obj: "web", message: 'pods/scale "web" not found' },
    { name: "a resource the cluster does not serve", type: "widgets.example.com", obj: "web", message: "the server could not find the requested resource" },
  ])("is 404 for $name", ({ type, obj, message }) => {
    expect(() => getScale(t.rt, CONSOLE_ADMIN, type, "default", obj)).toThrow(expect.objectContaining({ code: 404, message }));
  });
});

describe("updateScale", () => {
  const scale = (replicas: number, resourceVersion?: string): Scale =>
    ({ apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "web", namespace: "default", ...(resourceVersion ? { resourceVersion } : {}) }, spec: { replicas } }) as Scale;

  it("sets spec.replicas and answers with the new Scale", async () => {
    const s = await updateScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", scale(5, web.metadata.resourceVersion));
    expect(s.spec.replicas).toBe(5);
    expect(stored().spec?.replicas).toBe(5);
    expect(s.metadata.resourceVersion).toBe(stored().metadata.resourceVersion);
  });

  it("is 409 Conflict for a stale resourceVersion", async () => {
    await updateScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", scale(3));
    await expect(updateScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", scale(4, web.metadata.resourceVersion))).rejects.toMatchObject({ code: 409, reason: "Conflict" });
    expect(stored().spec?.replicas).toBe(3);
  });

  it("is 422 for negative replicas", async () => {
    await expect(updateScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", scale(-1))).rejects.toMatchObject({
      code: 422,
      message: 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    });
  });

  it("stores nothing on dryRun but answers the would-be Scale", async () => {
    const s = await updateScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", scale(9), { dryRun: true });
    expect(s.spec.replicas).toBe(9);
    expect(stored().spec?.replicas).toBe(2);
  });
});

describe("patchScale", () => {
  it.each([
    { name: "merge patch (kubectl scale)", type: "application/merge-patch+json", patch: { spec: { replicas: 4 } } },
    { name: "strategic merge patch", type: "application/strategic-merge-patch+json", patch: { spec: { replicas: 4 } } },
    { name: "JSON patch", type: "application/json-patch+json", patch: [{ op: "replace", path: "/spec/replicas", value: 4 }] },
  ])("applies a $name to the Scale", async ({ type, patch }) => {
    const s = await patchScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", type, patch);
    expect(s.spec.replicas).toBe(4);
    expect(stored().spec?.replicas).toBe(4);
  });

  it("conflicts when the patch pins a stale resourceVersion", async () => {
    await patchScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", "merge", { spec: { replicas: 3 } });
    await expect(
      patchScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", "merge", { metadata: { resourceVersion: web.metadata.resourceVersion }, spec: { replicas: 7 } }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it("refuses an unknown patch type with 415", async () => {
    await expect(patchScale(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", "application/apply-patch+yaml", {})).rejects.toMatchObject({ code: 415 });
  });
});
