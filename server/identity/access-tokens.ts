// Why: personal access tokens let a user call the API as themselves; only a SHA-256 of each is stored, and revocation or expiry applies to the very next request.

import { createHash, randomBytes } from "node:crypto";
import { CauseType, invalid, notFound } from "@/core/api/errors";
import type { UserInfo } from "@/core/apiserver/types";
import type { PrismaClient } from "@/generated/prisma/client";
import { IAM_GROUP } from "./names";
import { userInfoFor } from "./user-info";

/** Every personal access token starts with this, so the authenticator knows which store to ask. */
export const ACCESS_TOKEN_PREFIX = "whp_";

/** `whp_` + 32 random bytes in base64url (43 characters). */
const TOKEN_FORMAT = /^whp_[A-Za-z0-9_-]{43}$/;

/** A token as listed: never its secret or hash. */
export interface AccessTokenRecord {
  id: string;
  name: string;
  /** RFC 3339 timestamps. */
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

export interface CreateAccessTokenInput {
  /** What the token is for (shown in lists); 1–100 characters. */
  name: string;
  /** Milliseconds since the epoch; omitted for a token that does not expire. */
  expiresAt?: number;
}

export interface AccessTokensConfig {
  prisma: PrismaClient;
  /** Milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** `lastUsedAt` is written at most this often per token. Default one minute. */
  lastUsedIntervalMs?: number;
}

interface TokenRow {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function toRecord(row: TokenRow): AccessTokenRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    ...(row.expiresAt ? { expiresAt: row.expiresAt.toISOString() } : {}),
    ...(row.lastUsedAt ? { lastUsedAt: row.lastUsedAt.toISOString() } : {}),
    ...(row.revokedAt ? { revokedAt: row.revokedAt.toISOString() } : {}),
  };
}

/** The stored form of a token: hex SHA-256 of the whole string. */
export function accessTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** True when `token` has the shape of a personal access token (checked before any lookup). */
export function looksLikeAccessToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

const tokenTarget = (id: string) => ({ group: IAM_GROUP, kind: "accesstokens", name: id });

/**
 * Personal access tokens. The secret is returned once, by `create`; afterwards only its hash
 * exists. `authenticate` looks the hash up on every call, so a revoked or expired token, or a
 * disabled or deleted owner, is refused at once.
 */
export class AccessTokens {
  private readonly prisma: PrismaClient;
  private readonly now: () => number;
  private readonly lastUsedIntervalMs: number;

  constructor(cfg: AccessTokensConfig) {
    this.prisma = cfg.prisma;
    this.now = cfg.now ?? Date.now;
    this.lastUsedIntervalMs = cfg.lastUsedIntervalMs ?? 60_000;
  }

  /** Issues a token for user `userId`. The returned `token` is the only copy of the secret. */
  async create(userId: string, input: CreateAccessTokenInput): Promise<{ token: string; record: AccessTokenRecord }> {
    const name = input.name.trim();
    const causes = [];
    if (!name) causes.push({ reason: CauseType.Required, message: "Required value", field: "name" });
    if (name.length > 100) causes.push({ reason: CauseType.TooLong, message: "Too long: may not be more than 100 characters", field: "name" });
    if (input.expiresAt !== undefined && !(input.expiresAt > this.now())) {
      causes.push({ reason: CauseType.Invalid, message: `Invalid value: "${new Date(input.expiresAt).toISOString()}": must be in the future`, field: "expiresAt" });
    }
    if (causes.length) throw invalid({ group: IAM_GROUP, kind: "accesstokens", name }, causes);
    const owner = await this.prisma.user.findUnique({ where: { id: userId }, select: { username: true } });
    if (!owner) throw notFound({ group: IAM_GROUP, kind: "users", name: userId });

    const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
    const row = await this.prisma.accessToken.create({
      data: {
        userId,
        name,
        sha256: accessTokenHash(token),
        createdAt: new Date(this.now()),
        expiresAt: input.expiresAt !== undefined ? new Date(input.expiresAt) : null,
      },
    });
    return { token, record: toRecord(row) };
  }

  /** The user's tokens, newest first, revoked and expired ones included (marked by their timestamps). */
  async list(userId: string): Promise<AccessTokenRecord[]> {
    const rows = await this.prisma.accessToken.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
    return rows.map(toRecord);
  }

  /**
   * Revokes token `tokenId`. With `userId` it must be that user's token (a user revoking their
   * own); without, any token (an admin). 404 NotFound otherwise. Revoking twice keeps the first time.
   */
  async revoke(tokenId: string, userId?: string): Promise<AccessTokenRecord> {
    const row = await this.prisma.accessToken.findUnique({ where: { id: tokenId } });
    if (!row || (userId !== undefined && row.userId !== userId)) throw notFound(tokenTarget(tokenId));
    if (row.revokedAt) return toRecord(row);
    return toRecord(await this.prisma.accessToken.update({ where: { id: tokenId }, data: { revokedAt: new Date(this.now()) } }));
  }

  /**
   * The owner's Kubernetes identity when `token` is a live personal access token (known, not
   * revoked, not expired, owner enabled); undefined otherwise. Records `lastUsedAt`, at most
   * once per interval, so authentication is not a write per request.
   */
  async authenticate(token: string): Promise<UserInfo | undefined> {
    if (!looksLikeAccessToken(token)) return undefined;
    const row = await this.prisma.accessToken.findUnique({ where: { sha256: accessTokenHash(token) } });
    const now = this.now();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return undefined;
    const user = await userInfoFor(this.prisma, row.userId);
    if (!user) return undefined;
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= this.lastUsedIntervalMs) {
      await this.prisma.accessToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
    }
    return user;
  }
}
