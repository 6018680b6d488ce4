import { describe, it, expect, beforeEach } from "vitest";
import { conflict } from "@/core/api/errors";
import type { ApiServerApi } from "@/core/apiserver/types";
import type { Deployment } from "@/core/api/types";
import { makeDeployment } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
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
  return {
    authorizer: api.authorizer,
    apply: api.apply.bind(api),
    client(user) {
      const c = api.client(user);
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
  };
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
});
