import { describe, it, expect } from "vitest";
import type { Authorizer } from "@/core/apiserver/authorizer";
import { makePod } from "@/core/testing/builders";
import { makeTestGraphQL } from "./testing/client";

const bob = { name: "bob", groups: ["system:authenticated"] };
/** Bob may read pods but not delete them or list secrets. */
const authorizer: Authorizer = {
  authorize: (a) => ({ allowed: a.user.name !== "bob" || (a.resource === "pods" && ["get", "list", "watch"].includes(a.verb)) }),
};

describe("authorization goes through the apiserver", () => {
  it("a denied request is an error with code Forbidden and Kubernetes' message", async () => {
    const t = await makeTestGraphQL({ authorizer, user: bob });
    await t.store.create(makePod("web").build());
    const ok = await t.gql(`{ pods { items { name } } }`);
    expect(ok.data).toEqual({ pods: { items: [{ name: "web" }] } });
    const del = await t.gql(`mutation { delete(kind: "pod", name: "web") { name } }`);
    expect(del.errors?.[0]).toMatchObject({
      message: 'pods "web" is forbidden: User "bob" cannot delete resource "pods" in API group "" in the namespace "default"',
      extensions: { code: "Forbidden", status: { code: 403 } },
    });
    // Across namespaces, what bob may not list is simply absent; in one namespace it is a 403.
    const all = await t.gql(`{ deployments { items { name } } }`);
    expect(all).toMatchObject({ data: { deployments: { items: [] } } });
    expect(all.errors).toBeUndefined();
    const dep = await t.gql(`{ deployments(namespace: "default") { items { name } } }`);
    expect(dep.errors?.[0]).toMatchObject({
      message: 'deployments.apps is forbidden: User "bob" cannot list resource "deployments" in API group "apps" in the namespace "default"',
      extensions: { code: "Forbidden" },
    });
    const sub = await t.subscribe(`subscription { watch(kind: "secrets", namespace: "default") { type } }`);
    expect((await sub.next())?.errors?.[0].extensions?.code).toBe("Forbidden");
  });
});

describe("limits", () => {
  it("refuses a request whose lists together pass the item budget (alias fan-out)", async () => {
    const t = await makeTestGraphQL({ maxItemsPerRequest: 5 });
    for (const n of ["a", "b", "c"]) await t.store.create(makePod(n).build());
    const one = await t.gql(`{ pods { items { name } } }`);
    expect(one.errors).toBeUndefined();
    const two = await t.gql(`{ a: pods { items { name } } b: pods { items { name } } }`);
    expect(two.errors?.[0]).toMatchObject({ extensions: { code: "BadRequest" } });
    expect(two.errors?.[0].message).toContain("more than 5 list items");
  });

  it("a watch from a compacted resourceVersion fails with code Expired (410), so the client re-lists", async () => {
    const t = await makeTestGraphQL({ historySize: 2 });
    for (const n of ["a", "b", "c", "d", "e"]) await t.store.create(makePod(n).build());
    const sub = await t.subscribe(`subscription { watch(kind: "pods", resourceVersion: "1") { type } }`);
    const first = await sub.next();
    expect(first?.errors?.[0].extensions).toMatchObject({ code: "Expired", status: { code: 410 } });
  });
});
