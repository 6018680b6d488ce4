import { describe, it, expect, beforeEach } from "vitest";
import { conflict } from "@/core/api/errors";
import type { ApiServerApi, UserInfo } from "@/core/apiserver/types";
import type { Deployment } from "@/core/api/types";
import { makeDeployment } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import type { AuthorizationAttributes } from "@/core/apiserver/authorizer";
import type { AuditRecord } from "@/core/apiserver/audit";
import { ApiServer, type ClientOptions } from "@/core/apiserver/api-server";
import { makeTestRuntime, type TestRuntime } from "./testing/test-runtime";
import { resolveKind } from "./resolve-kind";
import { scaleDeployment } from "./scale-deployment";

let t: TestRuntime;
beforeEach(async () => {
  t = await makeTestRuntime();
  await t.store.create(makeDeployment("web").replicas(1).build());
});

/** An apiserver whose first `n` updates fail with 409 Conflict, as when a controller wrote in between. */
function conflicting(api: ApiServerApi, n: number): ApiServerApi {
  let left = n;
  return Object.assign(Object.create(api) as ApiServerApi, {
    client(user: UserInfo, opts?: ClientOptions) {
      const c = api.client(user, opts);
      return new Proxy(c, {
        get(target, prop, recv) {
          if (prop === "update" && left > 0) {
            return async () => {
              left--;
              throw conflict({ group: "apps", kind: "deployments", name: "web" }, "the object has been modified");
            };
          }
          const v = Reflect.get(target, prop, recv);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    },
  });
}

describe("scaleDeployment", () => {
  it("retries on conflict with a fresh read", async () => {
    const rt = { ...t.rt, apiServer: conflicting(t.rt.apiServer, 2) };
    const d = await scaleDeployment(rt, CONSOLE_ADMIN, "default", "web", 4);
    expect(d.spec?.replicas).toBe(4);
  });

  it("gives up after repeated conflicts with the Conflict error", async () => {
    const rt = { ...t.rt, apiServer: conflicting(t.rt.apiServer, 10) };
    await expect(scaleDeployment(rt, CONSOLE_ADMIN, "default", "web", 4)).rejects.toMatchObject({ status: { reason: "Conflict", code: 409 } });
  });

  it("is a no-op when already at the count", async () => {
    const before = t.store.get<Deployment>(resolveKind("deploy"), "default", "web")!;
    const d = await scaleDeployment(t.rt, CONSOLE_ADMIN, undefined, "web", 1);
    expect(d.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("is authorized as update on deployments/scale (not update deployments), as kubectl scale is, and audited with its source", async () => {
    const asked: AuthorizationAttributes[] = [];
    const allowScaleOnly = (a: AuthorizationAttributes) => (asked.push(a), { allowed: a.verb === "get" || (a.verb === "update" && a.subresource === "scale") });
    const records: AuditRecord[] = [];
    const apiServer = new ApiServer({ store: t.store, clock: t.clock, authorizer: { authorize: allowScaleOnly }, audit: (r) => records.push(r) });
    const d = await scaleDeployment({ ...t.rt, apiServer }, CONSOLE_ADMIN, "default", "web", 3, { source: "console" });
    expect(d.spec?.replicas).toBe(3);
    expect(asked.filter((a) => a.verb !== "get").map((a) => `${a.verb} ${a.group}/${a.resource}/${a.subresource ?? ""} ${a.namespace}/${a.name}`)).toEqual(["update apps/deployments/scale default/web"]);
    expect(records).toMatchObject([{ verb: "update", apiGroup: "apps", resource: "deployments", subresource: "scale", namespace: "default", name: "web", code: 200, allowed: true, source: "console" }]);
  });
});
