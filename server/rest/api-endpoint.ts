// Why: one boot step for the Kubernetes API endpoint: the TLS listener kubectl talks to and the admin kubeconfig that points at it.

import { ensureAdminKubeconfig } from "@/server/auth/admin-kubeconfig";
import { ensureServingCertificate } from "@/server/auth/serving-cert";
import { startHttpsListener, type HttpsListener } from "./https-listener";

const ENDPOINT_KEY = Symbol.for("wheelhouse.apiEndpoint");
type GlobalWithEndpoint = typeof globalThis & { [ENDPOINT_KEY]?: Promise<HttpsListener | undefined> };

export interface ApiEndpointConfig {
  dataDir: string;
  /** The Next.js HTTP port. */
  port: number;
  /** The TLS port (ServerConfig.apiPort: WHEELHOUSE_API_PORT, default `port + 1`). */
  apiPort: number;
}

/**
 * Starts the TLS API port (once per process) and writes `$DATA_DIR/admin.kubeconfig` for it.
 * When the port cannot be opened the console still runs: the failure is logged and the
 * kubeconfig is not rewritten.
 */
export function startApiEndpoint(cfg: ApiEndpointConfig): Promise<HttpsListener | undefined> {
  const g = globalThis as GlobalWithEndpoint;
  g[ENDPOINT_KEY] ??= (async () => {
    const apiPort = cfg.apiPort;
    const { cert, key } = ensureServingCertificate(cfg.dataDir);
    try {
      const listener = await startHttpsListener({ port: apiPort, upstreamPort: cfg.port, cert, key });
      const file = ensureAdminKubeconfig({ dataDir: cfg.dataDir, server: `https://127.0.0.1:${listener.port}`, caCert: cert });
      console.log(`wheelhouse: Kubernetes API on https://127.0.0.1:${listener.port} (KUBECONFIG=${file})`);
      return listener;
    } catch (err) {
      console.error(`wheelhouse: cannot serve the Kubernetes API on port ${apiPort}: ${(err as Error).message}`);
      return undefined;
    }
  })();
  return g[ENDPOINT_KEY];
}
