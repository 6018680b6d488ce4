// Why: "Download kubeconfig" gives a user a kubeconfig that reaches the same TLS API endpoint as the admin's, with the cluster CA and their own token.

import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ADMIN_KUBECONFIG, kubeconfigFor } from "@/server/auth/admin-kubeconfig";

/** Where kubectl should connect: the API server URL and the PEM of its CA (absent for plain http). */
export interface ApiEndpoint {
  server: string;
  caCert?: string;
}

/**
 * The endpoint the admin kubeconfig in `dataDir` names (the TLS API port and its CA, written
 * at boot), or `fallbackServer` (the console's own origin, plain REST) when there is none.
 */
export function apiEndpointOf(dataDir: string, fallbackServer: string): ApiEndpoint {
  try {
    const doc = parse(fs.readFileSync(path.join(dataDir, ADMIN_KUBECONFIG), "utf8")) as { clusters?: { cluster?: Record<string, string> }[] };
    const cluster = doc.clusters?.[0]?.cluster;
    if (cluster?.server) {
      const ca = cluster["certificate-authority-data"];
      return { server: cluster.server, ...(ca ? { caCert: Buffer.from(ca, "base64").toString("utf8") } : {}) };
    }
  } catch {
    // No admin kubeconfig (the TLS listener did not start): fall back below.
  }
  return { server: fallbackServer };
}

/** A kubeconfig for `username` with `token` against `endpoint` (context `<user>@wheelhouse`, namespace default). */
export function userKubeconfig(endpoint: ApiEndpoint, username: string, token: string): string {
  return kubeconfigFor(endpoint.server, username, token, endpoint.caCert);
}
