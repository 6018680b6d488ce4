import { describe, it, expect, beforeEach } from "vitest";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { Deployment } from "@/core/api/types";
import { makeDeployment } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";
import { getStatus, patchStatus, updateStatus } from "./status";

const DEPLOYMENTS = resourceTypeByPlural("apps", "deployments")!;
let t: TestRuntime;
let web: Deployment;

beforeEach(async () => {
  t = await makeTestRuntime();
  web = await t.store.create(makeDeployment("web").replicas(2).build());
});

const stored = () => t.store.get<Deployment>(DEPLOYMENTS, "default", "web")!;

describe("status subresource", () => {
  it("GET answers the whole object", () => {
    expect(getStatus(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web")).toBe(stored());
  });

  it("PUT changes .status and nothing else", async () => {
    const body = structuredClone(web);
    body.spec!.replicas = 7;
    body.metadata.labels = { changed: "yes" };
    body.status = { replicas: 2, readyReplicas: 1, observedGeneration: 1 };
    const out = (await updateStatus(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", body)) as Deployment;
    expect(out.status).toMatchObject({ replicas: 2, readyReplicas: 1 });
    expect(stored().spec?.replicas).toBe(2);
    expect(stored().metadata.labels).toEqual(web.metadata.labels);
  });

  it("PUT with a stale resourceVersion is 409", async () => {
    await updateStatus(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", { ...structuredClone(web), status: { replicas: 1 } });
    await expect(updateStatus(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", { ...structuredClone(web), status: { replicas: 2 } })).rejects.toMatchObject({ code: 409 });
  });

  it("PUT whose body names another object is 400", async () => {
    await expect(updateStatus(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", { ...structuredClone(web), metadata: { name: "other" } })).rejects.toMatchObject({
      code: 400,
      message: "the name of the object (other) does not match the name on the URL (web)",
    });
  });

  it("PATCH merges into the status only", async () => {
    const out = (await patchStatus(t.rt, CONSOLE_ADMIN, DEPLOYMENTS, "default", "web", "application/merge-patch+json", { spec: { replicas: 9 }, status: { availableReplicas: 2 } })) as Deployment;
    expect(out.status?.availableReplicas).toBe(2);
    expect(stored().status?.availableReplicas).toBe(2);
    expect(stored().spec?.replicas).toBe(2);
  });

  it("is 404 for kinds without a status", () => {
    expect(() => getStatus(t.rt, CONSOLE_ADMIN, "configmaps", "default", "x")).toThrow(expect.objectContaining({ code: 404, message: 'configmaps/status "x" not found' }));
  });
});
