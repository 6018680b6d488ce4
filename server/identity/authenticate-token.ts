// Why: a bearer token may be the bootstrap admin token, a personal access token or a ServiceAccount JWT; one function tries them in that order, so REST and GraphQL agree on who a token is.

import type { UserInfo } from "@/core/apiserver/types";
import { looksLikeAccessToken } from "./access-tokens";
import { looksLikeJwt } from "./service-account-tokens";

/** The token authenticators; each answers undefined for a token it does not know. */
export interface BearerAuthenticators {
  /** The bootstrap admin token of admin.kubeconfig (`$DATA_DIR/tokens.json`). */
  adminToken?: (token: string) => UserInfo | undefined | Promise<UserInfo | undefined>;
  /** Personal access tokens (`whp_...`). */
  accessToken?: (token: string) => Promise<UserInfo | undefined>;
  /** ServiceAccount tokens (JWTs of the TokenRequest API). */
  serviceAccountToken?: (token: string) => Promise<UserInfo | undefined>;
}

/**
 * The user `token` authenticates, or undefined (401): the admin token store first, then a
 * personal access token when it has the `whp_` shape, then a ServiceAccount token when it is
 * a JWT. Each store is asked on every request, so revocation applies at once.
 */
export async function authenticateBearer(token: string, deps: BearerAuthenticators): Promise<UserInfo | undefined> {
  if (!token) return undefined;
  const admin = await deps.adminToken?.(token);
  if (admin) return admin;
  if (looksLikeAccessToken(token)) return deps.accessToken?.(token);
  if (looksLikeJwt(token)) return deps.serviceAccountToken?.(token);
  return undefined;
}
