// Why: on first start an operator needs a way in: a kubeconfig for the admin user (system:masters) with a fresh bearer token.

import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { UserInfo } from "@/core/apiserver/types";
import { TOKENS_FILE, TokenStore } from "./token-store";

/** The kubeconfig file written into DATA_DIR. */
export const ADMIN_KUBECONFIG = "admin.kubeconfig";

/** The admin user every admin token authenticates as. */
export const ADMIN_USER: UserInfo = { name: "admin", groups: ["system:masters", "system:authenticated"] };

export interface AdminKubeconfigConfig {
  dataDir: string;
  /** The API's URL (`https://127.0.0.1:3001`): kubectl sends tokens only over TLS. */
  server: string;
  /** PEM of the CA that signed the server's certificate (https only). */
  caCert?: string;
}

/** The kubeconfig document for `server` and `token`, as `kubectl config view --raw` prints one. */
export function kubeconfigFor(server: string, user: string, token: string, caCert?: string): string {
  const cluster: Record<string, string> = { server };
  if (caCert) cluster["certificate-authority-data"] = Buffer.from(caCert).toString("base64");
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "wheelhouse", cluster }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: `${user}@wheelhouse`, context: { cluster: "wheelhouse", user, namespace: "default" } }],
    "current-context": `${user}@wheelhouse`,
    preferences: {},
  });
}

/**
 * Writes `$DATA_DIR/admin.kubeconfig` (mode 0600) unless it exists and its token is still
 * valid; otherwise issues a new admin token (the store keeps only its hash). The server URL
 * and CA follow the current configuration, so a restart on another port rewrites them with the same token.
 * Returns the file's path.
 */
export function ensureAdminKubeconfig(cfg: AdminKubeconfigConfig): string {
  const file = path.join(cfg.dataDir, ADMIN_KUBECONFIG);
  const tokens = new TokenStore({ file: path.join(cfg.dataDir, TOKENS_FILE) });
  let token: string | undefined;
  if (fs.existsSync(file)) {
    const m = /^\s*token:\s*(\S+)\s*$/m.exec(fs.readFileSync(file, "utf8"));
    if (m && tokens.lookup(m[1])?.name === ADMIN_USER.name) token = m[1];
  }
  token ??= tokens.issue("admin", ADMIN_USER);
  const text = kubeconfigFor(cfg.server, ADMIN_USER.name, token, cfg.caCert);
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
