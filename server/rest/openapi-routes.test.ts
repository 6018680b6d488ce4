// Why: kubectl fetches /openapi/v2 only as gnostic protobuf and the v3 documents by hash; each path answers in the form asked for.

import { describe, expect, it } from "vitest";
import { openApiResponse } from "./openapi-routes";

const get = (path: string, accept?: string) => openApiResponse(new Request(`http://wh.test${path}`, accept ? { headers: { accept } } : {}));

describe("openApiResponse", () => {
  it("serves v2 as protobuf when kubectl asks for it, JSON otherwise", async () => {
    const pb = get("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    expect(pb.headers.get("content-type")).toBe("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
    expect((await pb.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    const json = await get("/openapi/v2").json();
    expect(json.swagger).toBe("2.0");
  });

  it("serves the v3 index and a group-version document by its URL, immutable with a hash", async () => {
    const index = await get("/openapi/v3").json();
    const url: string = index.paths["apis/apps/v1"].serverRelativeURL;
    const doc = get(url);
    expect(doc.status).toBe(200);
    expect(doc.headers.get("cache-control")).toBe("public, immutable");
    expect((await doc.json()).openapi).toMatch(/^3\./);
  });

  it.each([["/openapi/v3/apis/nope/v1"], ["/openapi/v4"]])("%s is a 404 Status", async (path) => {
    const res = get(path);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ kind: "Status", code: 404 });
  });
});
