// Why: the TLS relay must verify against the kubeconfig's CA, pass the bearer token through, and stream responses as they come.

import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { selfSignedCertificate } from "@/server/auth/self-signed-cert";
import { startHttpsListener, type HttpsListener } from "./https-listener";

let upstream: http.Server | undefined;
let listener: HttpsListener | undefined;

afterEach(async () => {
  await listener?.close();
  await new Promise((r) => (upstream ? upstream.close(r) : r(undefined)));
});

function get(port: number, ca: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; chunks: string[] }> {
  return new Promise((resolve, reject) => {
    const r = https.request({ host: "127.0.0.1", port, path, ca, headers }, (res) => {
      const chunks: string[] = [];
      res.on("data", (d) => chunks.push(String(d)));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, chunks }));
    });
    r.on("error", reject);
    r.end();
  });
}

describe("startHttpsListener", () => {
  it("relays requests over verified TLS with their Authorization header, streaming the body", async () => {
    upstream = http.createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(`${JSON.stringify({ auth: req.headers.authorization, path: req.url, proto: req.headers["x-forwarded-proto"] })}\n`);
      setTimeout(() => res.end("second\n"), 20);
    });
    await new Promise<void>((r) => upstream!.listen(0, "127.0.0.1", r));
    const pair = selfSignedCertificate();
    listener = await startHttpsListener({ port: 0, upstreamPort: (upstream.address() as AddressInfo).port, ...pair });
    const res = await get(listener.port, pair.cert, "/api/v1/pods?watch=1", { authorization: "Bearer t0k" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.chunks.join("").split("\n")[0])).toEqual({ auth: "Bearer t0k", path: "/api/v1/pods?watch=1", proto: "https" });
    expect(res.chunks.join("")).toContain("second\n");
  });

  it("refuses a client that does not trust another certificate", async () => {
    upstream = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((r) => upstream!.listen(0, "127.0.0.1", r));
    listener = await startHttpsListener({ port: 0, upstreamPort: (upstream.address() as AddressInfo).port, ...selfSignedCertificate() });
    await expect(get(listener.port, selfSignedCertificate().cert, "/")).rejects.toThrow();
  });

  it("an early answer (413 before the body is read) reaches the client, and its next request on a keep-alive agent works", async () => {
    upstream = http.createServer((req, res) => {
      if (req.method === "POST") {
        res.writeHead(413, { "content-type": "application/json" });
        res.end('{"kind":"Status","code":413}');
        // The body is never read, as Next.js does once the body limit refuses it.
        return;
      }
      res.end("ok");
    });
    await new Promise<void>((r) => upstream!.listen(0, "127.0.0.1", r));
    const pair = selfSignedCertificate();
    listener = await startHttpsListener({ port: 0, upstreamPort: (upstream.address() as AddressInfo).port, ...pair });
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: pair.cert });
    const send = (method: string, body?: Buffer) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const r = https.request({ host: "127.0.0.1", port: listener!.port, path: "/api/v1/namespaces/default/configmaps", method, agent }, (res) => {
          let text = "";
          res.on("data", (d) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        r.on("error", (e) => ((e as NodeJS.ErrnoException).code === "EPIPE" || (e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
        r.end(body);
      });
    try {
      expect(await send("POST", Buffer.alloc(4 * 1024 * 1024, 0x61))).toEqual({ status: 413, text: '{"kind":"Status","code":413}' });
      expect(await send("GET")).toEqual({ status: 200, text: "ok" });
    } finally {
      agent.destroy();
    }
  });

  it("answers 503 Status when the upstream is down", async () => {
    const pair = selfSignedCertificate();
    listener = await startHttpsListener({ port: 0, upstreamPort: 1, ...pair });
    const res = await get(listener.port, pair.cert, "/api");
    expect(res.status).toBe(503);
    expect(JSON.parse(res.chunks.join(""))).toMatchObject({ kind: "Status", code: 503 });
  });
});
