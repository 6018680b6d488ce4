import { describe, it, expect } from "vitest";
import type { Authorizer } from "@/core/apiserver/authorizer";
import { makeDeployment, makePod } from "@/core/testing/builders";
import { makeTestRuntime } from "@/server/services/testing/test-runtime";
import { bind, evict, getScale, getStatus, streamPodLogs } from "./index";

const BOB = { name: "bob", groups: ["system:authenticated"] };

/** Bob may do anything except the one subresource under test. */
const denying = (resource: string, subresource: string): Authorizer => ({
  authorize: (a) => ({ allowed: !(a.resource === resource && a.subresource === subresource) }),
});

describe("subresource authorization", () => {
  it.each([
    { sub: "pods/eviction", call: (rt: never) => evict(rt, BOB, "default", "web", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "web" } }), verb: "create" },
    { sub: "pods/binding", call: (rt: never) => bind(rt, BOB, "default", "web", { apiVersion: "v1", kind: "Binding", metadata: { name: "web" }, target: { name: "n1" } }), verb: "create" },
    { sub: "pods/log", call: (rt: never) => streamPodLogs(rt, BOB, "default", "web", { follow: false, previous: false, timestamps: false }), verb: "get" },
    { sub: "pods/status", call: (rt: never) => getStatus(rt, BOB, "pods", "default", "web"), verb: "get" },
    { sub: "deployments/scale", call: (rt: never) => getScale(rt, BOB, "deployments.apps", "default", "web"), verb: "get", group: "apps" },
  ])("refuses $sub when RBAC does, with Kubernetes' 403", async ({ sub, call, verb, group }) => {
    const [resource, subresource] = sub.split("/");
    const t = await makeTestRuntime({ authorizer: denying(resource, subresource) });
    await t.store.create(makePod("web").build());
    await t.store.create(makeDeployment("web").build());
    const qualified = group ? `${resource}.${group}` : resource;
    await expect(async () => call(t.rt as never)).rejects.toMatchObject({
      code: 403,
      message: `${qualified} "web" is forbidden: User "bob" cannot ${verb} resource "${sub}" in API group "${group ?? ""}" in the namespace "default"`,
    });
  });
});
