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
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** The kubeconfig document for `server` and `token`, as `kubectl config view --raw` prints one. */
export function kubeconfigFor(server: string, user: string, token: string): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "wheelhouse", cluster: { server } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: `${user}@wheelhouse`, context: { cluster: "wheelhouse", user, namespace: "default" } }],
    "current-context": `${user}@wheelhouse`,
    preferences: {},
  });
}

/**
 * Writes `$DATA_DIR/admin.kubeconfig` (mode 0600) unless it exists and its token is still
 * valid; otherwise issues a new admin token (the store keeps only its hash). The server URL
 * follows the current port, so a restart on another port rewrites it with the same token.
 * Returns the file's path.
 */
export function ensureAdminKubeconfig(cfg: AdminKubeconfigConfig): string {
  const file = path.join(cfg.dataDir, ADMIN_KUBECONFIG);
  const server = `http://${cfg.host ?? "127.0.0.1"}:${cfg.port}`;
  const tokens = new TokenStore({ file: path.join(cfg.dataDir, TOKENS_FILE) });
  let token: string | undefined;
  if (fs.existsSync(file)) {
    const m = /^\s*token:\s*(\S+)\s*$/m.exec(fs.readFileSync(file, "utf8"));
    if (m && tokens.lookup(m[1])?.name === ADMIN_USER.name) token = m[1];
  }
  token ??= tokens.issue("admin", ADMIN_USER);
  const text = kubeconfigFor(server, ADMIN_USER.name, token);
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
