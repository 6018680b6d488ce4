// Why: the route is the production wiring of the GraphQL API: it must serve yoga on the Node runtime and refuse callers without a token or session.
import { describe, it, expect, vi } from "vitest";
import type { UserInfo } from "@/core/apiserver/types";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";

const state = vi.hoisted(() => ({ t: undefined as TestRuntime | undefined, seen: [] as string[] }));
vi.mock("@/server/runtime/runtime", () => ({ getRuntime: async () => state.t!.rt }));
// The caller: "Bearer admin" is the admin, anything else is nobody (as an unknown token or no session).
vi.mock("@/server/auth/request-user", () => ({
  requestUser: async (request: Request): Promise<UserInfo | undefined> => {
    state.seen.push(request.headers.get("authorization") ?? "");
    return request.headers.get("authorization") === "Bearer admin" ? { name: "admin", groups: ["system:masters", "system:authenticated"] } : undefined;
  },
}));

const admin = { authorization: "Bearer admin" };

describe("app/api/graphql route", () => {
  it("serves GET, POST and OPTIONS through the yoga instance on the Node runtime", async () => {
    state.t = await makeTestRuntime();
    const route = await import("./route");
    expect(route.runtime).toBe("nodejs");
    expect(route.dynamic).toBe("force-dynamic");

    const post = await route.POST(
      new Request("http://localhost/api/graphql", { method: "POST", headers: { "content-type": "application/json", ...admin }, body: JSON.stringify({ query: "{ namespaces { items { name } } }" }) }),
    );
    expect(await post.json()).toEqual({ data: { namespaces: { items: [{ name: "default" }] } } });

    const get = await route.GET(new Request(`http://localhost/api/graphql?query=${encodeURIComponent("{ node(name: \"x\") { name } }")}`, { headers: { accept: "application/json", ...admin } }));
    const body = (await get.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("NotFound");

    const options = await route.OPTIONS(new Request("http://localhost/api/graphql", { method: "OPTIONS", headers: { origin: "http://localhost", "access-control-request-method": "POST" } }));
    expect(options.status).toBeLessThan(300);
  });

  it.each<{ name: string; init: RequestInit & { method: string } }>([
    { name: "POST without credentials", init: { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ namespaces { items { name } } }" }) } },
    { name: "POST with an unknown token", init: { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer nope" }, body: JSON.stringify({ query: "{ __typename }" }) } },
    { name: "GET (subscriptions, GraphiQL) without credentials", init: { method: "GET", headers: { accept: "text/event-stream" } } },
  ])("answers 401 Unauthorized to $name, before running anything", async ({ init }) => {
    state.t = await makeTestRuntime();
    const route = await import("./route");
    const url = init.method === "GET" ? `http://localhost/api/graphql?query=${encodeURIComponent("subscription { watch(kind: \"Pod\") { type } }")}` : "http://localhost/api/graphql";
    const res = await (init.method === "GET" ? route.GET : route.POST)(new Request(url, init));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ message: "Unauthorized", extensions: { code: "Unauthorized", status: { code: 401, reason: "Unauthorized" } } }] });
  });
});
