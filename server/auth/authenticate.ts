// Why: every REST request names its user with a bearer token; this turns the Authorization header into a Kubernetes user (admin token, personal access token or ServiceAccount token).

import path from "node:path";
import type { UserInfo } from "@/core/apiserver/types";
import { parseConfig } from "@/server/config";
import { authenticateBearer, type BearerAuthenticators } from "@/server/identity/authenticate-token";
import { getRuntime } from "@/server/runtime/runtime";
import { TOKENS_FILE, TokenStore } from "./token-store";

export { resolveImpersonation, type ImpersonationAuthorize } from "@/server/identity/impersonation";

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

/** Production authenticators: the admin token file, then the running cluster's identity service. */
function productionAuthenticators(): BearerAuthenticators {
  const store = tokenStore();
  return {
    adminToken: (token) => store.lookup(token),
    accessToken: async (token) => (await getRuntime()).identity?.authenticateAccessToken(token),
    serviceAccountToken: async (token) => (await getRuntime()).identity?.verifyServiceAccountToken(token),
  };
}

function isTokenStore(x: TokenStore | BearerAuthenticators): x is TokenStore {
  return typeof (x as TokenStore).lookup === "function";
}

/**
 * The user a request authenticates as, or undefined when it carries no valid token
 * (the REST transport answers 401 Unauthorized then). Tries the admin token, a personal access
 * token, then a ServiceAccount token (see authenticateBearer). Passing a TokenStore limits it
 * to that store's tokens. Impersonation headers are applied separately (resolveImpersonation),
 * after this, by the handler that can authorize.
 */
export async function authenticateRequest(request: Request, auth: TokenStore | BearerAuthenticators = productionAuthenticators()): Promise<UserInfo | undefined> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) return undefined;
  return authenticateBearer(token, isTokenStore(auth) ? { adminToken: (t) => auth.lookup(t) } : auth);
}
