import { describe, it, expect, vi } from "vitest";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";

const state = vi.hoisted(() => ({ t: undefined as TestRuntime | undefined }));
vi.mock("@/server/runtime/runtime", () => ({ getRuntime: async () => state.t!.rt }));

describe("app/api/graphql route", () => {
  it("serves GET, POST and OPTIONS through the yoga instance on the Node runtime", async () => {
    state.t = await makeTestRuntime();
    const route = await import("./route");
    expect(route.runtime).toBe("nodejs");
    expect(route.dynamic).toBe("force-dynamic");

    const post = await route.POST(
      new Request("http://localhost/api/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ namespaces { items { name } } }" }) }),
    );
    expect(await post.json()).toEqual({ data: { namespaces: { items: [{ name: "default" }] } } });

    const get = await route.GET(new Request(`http://localhost/api/graphql?query=${encodeURIComponent("{ node(name: \"x\") { name } }")}`, { headers: { accept: "application/json" } }));
    const body = (await get.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("NotFound");

    const options = await route.OPTIONS(new Request("http://localhost/api/graphql", { method: "OPTIONS", headers: { origin: "http://localhost", "access-control-request-method": "POST" } }));
    expect(options.status).toBeLessThan(300);
  });
});
