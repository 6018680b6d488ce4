import { describe, expect, it } from "vitest";
import { limitRequestBody } from "./body-limit";

function streamed(bytes: number): Request {
  const chunk = new Uint8Array(1024).fill(120);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return new Request("http://x/api", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("limitRequestBody", () => {
  it("refuses a declared Content-Length over the limit with a 413 Status", async () => {
    const req = new Request("http://x/api", { method: "POST", body: "x".repeat(2048), headers: { "content-length": "2048" } });
    const res = (await limitRequestBody(req, 1024)) as Response;
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "RequestEntityTooLarge", code: 413 });
  });

  it("refuses a streamed body once it passes the limit", async () => {
    const res = await limitRequestBody(streamed(10 * 1024), 4096);
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(413);
  });

  it("passes a body within the limit through intact", async () => {
    const out = await limitRequestBody(streamed(3 * 1024), 4096);
    expect(out).toBeInstanceOf(Request);
    expect((await (out as Request).text()).length).toBe(3 * 1024);
  });

  it("passes bodiless requests untouched", async () => {
    const req = new Request("http://x/api?query=x");
    expect(await limitRequestBody(req, 10)).toBe(req);
  });
});
