// Why: every REST request names its user with a bearer token; this turns the Authorization header into a Kubernetes user.

import path from "node:path";
import type { UserInfo } from "@/core/apiserver/types";
import { parseConfig } from "@/server/config";
import { TOKENS_FILE, TokenStore } from "./token-store";

const STORE_KEY = Symbol.for("wheelhouse.tokenStore");
type GlobalWithTokens = typeof globalThis & { [STORE_KEY]?: TokenStore };

/** The token store of this process's DATA_DIR. */
export function tokenStore(): TokenStore {
  const g = globalThis as GlobalWithTokens;
  g[STORE_KEY] ??= new TokenStore({ file: path.join(parseConfig().dataDir, TOKENS_FILE) });
  return g[STORE_KEY];
}

/** The bearer token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | null): string | undefined {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

/**
 * The user a request authenticates as, or undefined when it carries no valid token
 * (the REST transport answers 401 Unauthorized then).
 */
export async function authenticateRequest(request: Request, store: TokenStore = tokenStore()): Promise<UserInfo | undefined> {
  const token = bearerToken(request.headers.get("authorization"));
  return token ? store.lookup(token) : undefined;
}
