// Why: kubectl (client-go) sends bearer tokens only over TLS and `next start` serves plain HTTP, so the API gets a TLS port that relays to the Next.js server.

import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

export interface HttpsListenerConfig {
  /** The TLS port; 0 picks a free one. */
  port: number;
  /** Default 127.0.0.1 (the kubeconfig's address). */
  host?: string;
  /** The Next.js server's HTTP port on 127.0.0.1. */
  upstreamPort: number;
  cert: string;
  key: string;
}

/** A running TLS relay. */
export interface HttpsListener {
  port: number;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"];

function badGateway(res: http.ServerResponse, err: Error): void {
  if (res.headersSent) {
    res.destroy(err);
    return;
  }
  const status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `the API server is not reachable: ${err.message}`, reason: "ServiceUnavailable", code: 503 };
  res.writeHead(503, { "content-type": "application/json" });
  res.end(JSON.stringify(status));
}

/**
 * Listens with TLS and relays each request, streaming both ways (watches and `logs -f` stay
 * live), to the HTTP server on 127.0.0.1:`upstreamPort`. A client that goes away aborts the
 * upstream request, which ends the watch there.
 */
export function startHttpsListener(cfg: HttpsListenerConfig): Promise<HttpsListener> {
  const agent = new http.Agent({ keepAlive: true });
  const server = https.createServer({ cert: cfg.cert, key: cfg.key }, (req, res) => {
    const headers: http.OutgoingHttpHeaders = { ...req.headers, "x-forwarded-proto": "https" };
    for (const h of HOP_BY_HOP) delete headers[h];
    let answered = false;
    const up = http.request({ host: "127.0.0.1", port: cfg.upstreamPort, method: req.method, path: req.url, headers, agent }, (ur) => {
      answered = true;
      const out: http.OutgoingHttpHeaders = { ...ur.headers };
      for (const h of HOP_BY_HOP) delete out[h];
      // Answered before the body was read (413, 401): the rest of the body cannot be relayed, so the
      // client must not reuse this connection for its next request.
      if (!req.complete) out.connection = "close";
      res.writeHead(ur.statusCode ?? 502, out);
      res.flushHeaders();
      ur.pipe(res);
    });
    up.on("error", (err) => {
      if (answered) {
        // The upstream stopped reading a body it had already answered: deliver the answer, drop the rest.
        req.unpipe(up);
        req.resume();
        return;
      }
      badGateway(res, err);
    });
    res.on("close", () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(cfg.port, cfg.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
            agent.destroy();
          }),
      });
    });
  });
}
