// Why: Impersonate-* headers change who a REST or GraphQL request acts as only when the caller holds `impersonate`; GraphQL answers a refusal as REST does.

import { describe, expect, it } from "vitest";
import type { Authorizer } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import { createGraphQLServer } from "@/graphql/yoga";
import { makeTestRuntime } from "@/server/services/testing/test-runtime";
import { actingUser } from "./acting-user";

const ALICE: UserInfo = { name: "alice", groups: ["system:authenticated"] };
// alice may impersonate bob only; bob may list pods.
const authorizer: Authorizer = {
  authorize: (a) => ({ allowed: (a.user.name === "alice" && a.verb === "impersonate" && a.name === "bob") || (a.user.name === "bob" && a.resource === "pods") }),
};
const request = (headers: Record<string, string>) => new Request("http://x/api/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: '{ pods(namespace: "default") { items { name } } }' }) });

describe("actingUser", () => {
  it("is the authenticated user without Impersonate-* headers", async () => {
    const t = await makeTestRuntime({ authorizer });
    expect(await actingUser(request({}), ALICE, t.rt)).toBe(ALICE);
  });

  it("is the impersonated user when the cluster's authorizer allows it, and 403 otherwise", async () => {
    const t = await makeTestRuntime({ authorizer });
    expect(await actingUser(request({ "Impersonate-User": "bob" }), ALICE, t.rt)).toEqual({ name: "bob", groups: ["system:authenticated"] });
    await expect(actingUser(request({ "Impersonate-User": "carol" }), ALICE, t.rt)).rejects.toMatchObject({ status: { code: 403, reason: "Forbidden" } });
  });
});

describe("GraphQL with Impersonate-* headers", () => {
  it("runs as the impersonated user, and answers a refused impersonation with 403 Forbidden before parsing", async () => {
    const t = await makeTestRuntime({ authorizer });
    const yoga = createGraphQLServer({ runtime: () => t.rt, authenticate: (r) => actingUser(r, ALICE, t.rt), graphiql: false });
    const own = (await (await yoga.fetch(request({}))).json()) as { errors?: { extensions: { code: string } }[] };
    expect(own.errors?.[0].extensions.code).toBe("Forbidden");
    const asBob = await yoga.fetch(request({ "Impersonate-User": "bob" }));
    expect(asBob.status).toBe(200);
    expect(((await asBob.json()) as { errors?: unknown }).errors).toBeUndefined();
    const asCarol = await yoga.fetch(request({ "Impersonate-User": "carol" }));
    expect(asCarol.status).toBe(403);
    const body = (await asCarol.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]).toMatchObject({ extensions: { code: "Forbidden" }, message: expect.stringContaining('User "alice" cannot impersonate resource "users"') });
  });
});
