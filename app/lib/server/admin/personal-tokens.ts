// Why: each console user creates, lists and revokes their own personal access tokens; the secret is handed back once and only its hash is kept.

import { badRequest } from "@/core/api/errors";
import type { UserInfo } from "@/core/apiserver/types";
import type { AccessTokenRecord, Identity } from "@/server/identity";

/** What the "New token" form sends. */
export interface NewTokenInput {
  name: string;
  /** Days until it expires; absent or 0: never. */
  expiresInDays?: number;
}

const DAY_MS = 86_400_000;

/** The console user's id (sessions carry it as `uid`); tokens belong to console users only. */
function ownerId(user: UserInfo): string {
  if (!user.uid) throw badRequest(`personal access tokens belong to console users; "${user.name}" is not one`);
  return user.uid;
}

/**
 * The signed-in user's personal access tokens. Every operation acts on the caller's own
 * tokens only (the owner is the session's user id, never a value from the browser), so no
 * RBAC permission is needed, as a user needs none to manage their own credentials.
 */
export class PersonalTokens {
  constructor(
    private readonly tokens: Identity["accessTokens"],
    private readonly user: UserInfo,
    private readonly now: () => number,
  ) {}

  /** The user's tokens, newest first (revoked and expired ones marked). */
  async list(): Promise<AccessTokenRecord[]> {
    return this.tokens.list(ownerId(this.user));
  }

  /** A new token; `token` is the only copy of the secret. */
  async create(input: NewTokenInput): Promise<{ token: string; record: AccessTokenRecord }> {
    const days = input.expiresInDays ?? 0;
    if (!Number.isFinite(days) || days < 0) throw badRequest(`expiresInDays: must be a number of days, 0 for never (got ${days})`);
    return this.tokens.create(ownerId(this.user), { name: input.name, ...(days > 0 ? { expiresAt: this.now() + days * DAY_MS } : {}) });
  }

  /** Revokes one of the user's own tokens (404 for anyone else's): refused from the next request on. */
  async revoke(id: string): Promise<AccessTokenRecord> {
    return this.tokens.revoke(id, ownerId(this.user));
  }
}
