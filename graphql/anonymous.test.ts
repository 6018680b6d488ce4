// Why: an anonymous caller gets nothing from the GraphQL API, not even the schema: every operation, introspection included, is a 401.

import { describe, it, expect } from "vitest";
import { getIntrospectionQuery } from "graphql";
import { makeTestRuntime } from "@/server/services/testing/test-runtime";
import { createGraphQLServer } from "./yoga";

describe("anonymous requests", () => {
  it.each([
    { name: "introspection", query: getIntrospectionQuery() },
    { name: "__typename", query: "{ __typename }" },
    { name: "a query", query: "{ namespaces { items { name } } }" },
    { name: "a mutation", query: `mutation { delete(kind: "pod", name: "x") { name } }` },
  ])("$name is refused with 401 Unauthorized", async ({ query }) => {
    const t = await makeTestRuntime();
    const yoga = createGraphQLServer({ runtime: () => t.rt, authenticate: () => undefined, graphiql: false });
    const res = await yoga.fetch("http://x/api/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { data?: unknown; errors: { extensions: { code: string; status: { code: number } } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({ code: "Unauthorized", status: { code: 401 } });
  });
});
