// Why: one object gives the runtime and the transports everything about people and credentials (users, teams, tokens, audit) over the one Prisma client of the data directory.

import path from "node:path";
import type { ApiServerApi, UserInfo } from "@/core/apiserver/types";
import type { PrismaClient } from "@/generated/prisma/client";
import { AccessTokens } from "./access-tokens";
import { AuditLog } from "./audit-log";
import { bootstrapAdmin, type BootstrapAdminResult } from "./bootstrap-admin";
import { oidcLogin, type OidcLoginInput } from "./oidc-login";
import { PasswordHasher } from "./passwords";
import {
  SA_SIGNING_KEY_FILE,
  ServiceAccountTokens,
  type BoundObjectLookup,
  type IssuedServiceAccountToken,
  type IssueServiceAccountTokenInput,
  type ServiceAccountLookup,
} from "./service-account-tokens";
import { Teams } from "./teams";
import { userInfoFor } from "./user-info";
import { Users } from "./users";

export type { AccessTokenRecord, CreateAccessTokenInput } from "./access-tokens";
export type { AuditEventRecord, AuditPage, AuditQuery } from "./audit-log";
export type { OidcLoginInput } from "./oidc-login";
export {
  boundObjectLookup,
  serviceAccountLookup,
  type BoundObject,
  type BoundObjectKind,
  type BoundObjectLookup,
  type IssuedServiceAccountToken,
  type IssueServiceAccountTokenInput,
  type ServiceAccountLookup,
} from "./service-account-tokens";
export type { CreateTeamInput, TeamRecord } from "./teams";
export type { CreateUserInput, UserRecord } from "./users";

export interface IdentityConfig {
  prisma: PrismaClient;
  /** DATA_DIR: the ServiceAccount signing key lives there. */
  dataDir: string;
  /** Reads a ServiceAccount from the cluster, so its tokens die with it. */
  lookupServiceAccount: ServiceAccountLookup;
  /** Reads the Pod, Secret or Node a bound token names; without it, bound tokens do not authenticate. */
  lookupBoundObject?: BoundObjectLookup;
  /** Milliseconds since the epoch (token expiry, lastUsedAt). Default `Date.now`. */
  now?: () => number;
  /** Audit queue flush period. Default 200 ms. */
  auditFlushIntervalMs?: number;
}

/**
 * Users, teams, personal access tokens, ServiceAccount tokens and the audit log of one
 * Wheelhouse. The runtime creates it at boot (`rt.identity`) and closes it at shutdown.
 */
export class Identity {
  readonly users: Users;
  readonly teams: Teams;
  readonly accessTokens: AccessTokens;
  readonly serviceAccountTokens: ServiceAccountTokens;
  /** Pass `audit.record` to the apiserver as its AuditSink; `audit.query` serves the admin view. */
  readonly audit: AuditLog;
  private readonly prisma: PrismaClient;
  private readonly lookupServiceAccount: ServiceAccountLookup;
  private readonly lookupBoundObject?: BoundObjectLookup;

  constructor(cfg: IdentityConfig) {
    this.prisma = cfg.prisma;
    this.lookupServiceAccount = cfg.lookupServiceAccount;
    this.lookupBoundObject = cfg.lookupBoundObject;
    const hasher = new PasswordHasher();
    this.users = new Users({ prisma: cfg.prisma, hasher });
    this.teams = new Teams({ prisma: cfg.prisma });
    this.accessTokens = new AccessTokens({ prisma: cfg.prisma, now: cfg.now });
    this.serviceAccountTokens = new ServiceAccountTokens({ keyFile: path.join(cfg.dataDir, SA_SIGNING_KEY_FILE), now: cfg.now });
    this.audit = new AuditLog({ prisma: cfg.prisma, flushIntervalMs: cfg.auditFlushIntervalMs });
  }

  /** The Kubernetes identity of a console user (by id), read fresh; undefined when deleted or disabled. */
  userInfoFor(userId: string): Promise<UserInfo | undefined> {
    return userInfoFor(this.prisma, userId);
  }

  /** The user id for this username and password (console login), or undefined: unknown user, wrong password or disabled. */
  async verifyPassword(username: string, password: string): Promise<string | undefined> {
    return (await this.users.verifyPassword(username, password))?.id;
  }

  /** The user id of an OIDC login, creating the user on first login and syncing teams from its groups; undefined when disabled. */
  oidcLogin(input: OidcLoginInput): Promise<string | undefined> {
    return oidcLogin({ users: this.users, teams: this.teams }, input);
  }

  /** The user of a personal access token, or undefined. */
  authenticateAccessToken(token: string): Promise<UserInfo | undefined> {
    return this.accessTokens.authenticate(token);
  }

  /** The ServiceAccount a TokenRequest JWT names, while it (and the object the token is bound to) exists with the token's uid; undefined otherwise. */
  verifyServiceAccountToken(token: string): Promise<UserInfo | undefined> {
    return this.serviceAccountTokens.verify(token, this.lookupServiceAccount, this.lookupBoundObject);
  }

  /**
   * A TokenRequest token for a ServiceAccount (what `POST .../serviceaccounts/<name>/token`
   * returns in `status`). The caller authorizes `create serviceaccounts/token` and reads the
   * ServiceAccount (404 when missing) for its uid first.
   */
  issueServiceAccountToken(input: IssueServiceAccountTokenInput): Promise<IssuedServiceAccountToken> {
    return this.serviceAccountTokens.issue(input);
  }

  /** First-start admin user and team, and the `wheelhouse:admins` binding (see bootstrapAdmin). */
  async bootstrap(opts: { apiServer?: ApiServerApi; adminPassword?: string; log?: (line: string) => void }): Promise<BootstrapAdminResult> {
    this.serviceAccountTokens.ensureKey();
    void this.users.hasher.warmUp().catch(() => undefined);
    return bootstrapAdmin({ users: this.users, teams: this.teams, apiServer: opts.apiServer, password: opts.adminPassword, log: opts.log });
  }

  /** Writes the queued audit records. Call before closing the database. */
  close(): Promise<void> {
    return this.audit.close();
  }
}

/**
 * The runtime's identity service; throws when the runtime has none (test runtimes built
 * without a database), so callers such as login and session lookup need no optional chaining.
 */
export function requireIdentity(rt: { identity?: Identity }): Identity {
  if (!rt.identity) throw new Error("this runtime has no identity service (no database)");
  return rt.identity;
}
