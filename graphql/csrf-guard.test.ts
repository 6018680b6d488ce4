import { describe, it, expect } from "vitest";
import { resolveKind } from "@/server/services/resolve-kind";
import { makeTestGraphQL } from "./testing/client";

describe("csrfGuard", () => {
  it.each([
    { type: "application/x-www-form-urlencoded", body: "query=mutation%7Bdelete(kind%3A%22ns%22%2Cname%3A%22default%22)%7Bname%7D%7D", status: 415 },
    { type: "text/plain", body: JSON.stringify({ query: `mutation { delete(kind: "ns", name: "default") { name } }` }), status: 415 },
    { type: "application/json", body: JSON.stringify({ query: "{ kinds { kind } }" }), status: 200 },
    { type: "application/graphql", body: "{ kinds { kind } }", status: 200 },
  ])("POST with $type → $status", async ({ type, body, status }) => {
    const t = await makeTestGraphQL();
    const res = await t.yoga.fetch("http://x/api/graphql", { method: "POST", headers: { "content-type": type }, body });
    expect(res.status).toBe(status);
    if (status === 415) {
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("UnsupportedMediaType");
      expect(t.store.get(resolveKind("ns"), undefined, "default")).toBeDefined();
    }
  });

  it("GET queries stay allowed and GET mutations are refused by yoga", async () => {
    const t = await makeTestGraphQL();
    const q = await t.yoga.fetch(`http://x/api/graphql?query=${encodeURIComponent("{ kinds { kind } }")}`, { headers: { accept: "application/json" } });
    expect(q.status).toBe(200);
    const m = await t.yoga.fetch(`http://x/api/graphql?query=${encodeURIComponent('mutation { delete(kind: "ns", name: "default") { name } }')}`, { headers: { accept: "application/json" } });
    expect(m.status).toBe(405);
  });
});
