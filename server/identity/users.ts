// Why: the people who log in: created, renamed, disabled and deleted by admins, each with an argon2id password hash that never leaves this file.

import { alreadyExists, invalid, notFound } from "@/core/api/errors";
import type { PrismaClient } from "@/generated/prisma/client";
import { assertValidName, IAM_GROUP } from "./names";
import { hashPassword, PasswordHasher, passwordProblems } from "./passwords";
import { isRecordNotFound, isUniqueViolation } from "./prisma-errors";

/** A user as the rest of Wheelhouse sees it: never the password hash. */
export interface UserRecord {
  id: string;
  username: string;
  displayName?: string;
  disabled: boolean;
  /** False for users who can only log in through OIDC. */
  hasPassword: boolean;
  oidcSubject?: string;
  /** Names of the user's teams, sorted. */
  teams: string[];
  /** RFC 3339. */
  createdAt: string;
  updatedAt: string;
}

export interface CreateUserInput {
  username: string;
  displayName?: string;
  /** At least 8 characters; omit for an OIDC-only user. */
  password?: string;
  oidcSubject?: string;
  disabled?: boolean;
}

export interface UsersConfig {
  prisma: PrismaClient;
  /** Shared so every login check uses the same dummy hash. */
  hasher?: PasswordHasher;
}

const WITH_TEAMS = { teams: { select: { team: { select: { name: true } } } } } as const;

interface UserRow {
  id: string;
  username: string;
  displayName: string | null;
  passwordHash: string | null;
  oidcSubject: string | null;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  teams: { team: { name: string } }[];
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    ...(row.displayName ? { displayName: row.displayName } : {}),
    disabled: row.disabled,
    hasPassword: row.passwordHash !== null,
    ...(row.oidcSubject ? { oidcSubject: row.oidcSubject } : {}),
    teams: row.teams.map((m) => m.team.name).sort(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const target = (name: string) => ({ group: IAM_GROUP, kind: "users", name });

function assertValidPassword(username: string, password: string): void {
  const causes = passwordProblems(password);
  if (causes.length) throw invalid(target(username), causes);
}

/**
 * Users of the console and the API. Errors are Kubernetes Status errors on
 * `users.iam.wheelhouse.dev`: 404 NotFound, 409 AlreadyExists, 422 Invalid.
 */
export class Users {
  private readonly prisma: PrismaClient;
  readonly hasher: PasswordHasher;

  constructor(cfg: UsersConfig) {
    this.prisma = cfg.prisma;
    this.hasher = cfg.hasher ?? new PasswordHasher();
  }

  /** Creates a user; the name must be a valid Kubernetes user name and not taken. */
  async create(input: CreateUserInput): Promise<UserRecord> {
    assertValidName("users", input.username);
    if (input.password !== undefined) assertValidPassword(input.username, input.password);
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
    try {
      const row = await this.prisma.user.create({
        data: {
          username: input.username,
          displayName: input.displayName || null,
          passwordHash,
          oidcSubject: input.oidcSubject ?? null,
          disabled: input.disabled ?? false,
        },
        include: WITH_TEAMS,
      });
      return toRecord(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyExists(target(input.username));
      throw err;
    }
  }

  /** Every user, by name. */
  async list(): Promise<UserRecord[]> {
    const rows = await this.prisma.user.findMany({ orderBy: { username: "asc" }, include: WITH_TEAMS });
    return rows.map(toRecord);
  }

  /** The user named `username`, or undefined. */
  async find(username: string): Promise<UserRecord | undefined> {
    const row = await this.prisma.user.findUnique({ where: { username }, include: WITH_TEAMS });
    return row ? toRecord(row) : undefined;
  }

  /** The user named `username`; 404 NotFound when there is none. */
  async get(username: string): Promise<UserRecord> {
    const user = await this.find(username);
    if (!user) throw notFound(target(username));
    return user;
  }

  /** The user with this id (what sessions and tokens remember), or undefined. */
  async byId(id: string): Promise<UserRecord | undefined> {
    const row = await this.prisma.user.findUnique({ where: { id }, include: WITH_TEAMS });
    return row ? toRecord(row) : undefined;
  }

  /** The user an OIDC login with this `sub` belongs to, or undefined. */
  async byOidcSubject(subject: string): Promise<UserRecord | undefined> {
    const row = await this.prisma.user.findUnique({ where: { oidcSubject: subject }, include: WITH_TEAMS });
    return row ? toRecord(row) : undefined;
  }

  /**
   * Changes a user's name. Their id, teams and tokens stay; RBAC bindings that name the old
   * user name no longer apply to them (bindings name users, as in Kubernetes).
   */
  async rename(username: string, newUsername: string): Promise<UserRecord> {
    assertValidName("users", newUsername);
    try {
      return toRecord(await this.prisma.user.update({ where: { username }, data: { username: newUsername }, include: WITH_TEAMS }));
    } catch (err) {
      if (isRecordNotFound(err)) throw notFound(target(username));
      if (isUniqueViolation(err)) throw alreadyExists(target(newUsername));
      throw err;
    }
  }

  /** Sets the display name (empty clears it). */
  async setDisplayName(username: string, displayName: string): Promise<UserRecord> {
    return this.updateRow(username, { displayName: displayName || null });
  }

  /** A disabled user can neither log in nor use their tokens; their sessions stop working on the next request. */
  async setDisabled(username: string, disabled: boolean): Promise<UserRecord> {
    return this.updateRow(username, { disabled });
  }

  /** Deletes the user with their memberships and tokens. */
  async delete(username: string): Promise<void> {
    try {
      await this.prisma.user.delete({ where: { username } });
    } catch (err) {
      if (isRecordNotFound(err)) throw notFound(target(username));
      throw err;
    }
  }

  /** Replaces the user's password (at least 8 characters); only its argon2id hash is stored. */
  async setPassword(username: string, password: string): Promise<void> {
    assertValidPassword(username, password);
    await this.updateRow(username, { passwordHash: await hashPassword(password) });
  }

  /**
   * The user when `password` is theirs and they are enabled; undefined otherwise. Unknown
   * names, users without a password and disabled users cost one argon2 verification too, so
   * the time taken does not tell them apart.
   */
  async verifyPassword(username: string, password: string): Promise<UserRecord | undefined> {
    const row = await this.prisma.user.findUnique({ where: { username }, include: WITH_TEAMS });
    const ok = await this.hasher.verify(row?.passwordHash, password);
    if (!row || !ok || row.disabled) return undefined;
    return toRecord(row);
  }

  private async updateRow(username: string, data: { displayName?: string | null; disabled?: boolean; passwordHash?: string }): Promise<UserRecord> {
    try {
      return toRecord(await this.prisma.user.update({ where: { username }, data, include: WITH_TEAMS }));
    } catch (err) {
      if (isRecordNotFound(err)) throw notFound(target(username));
      throw err;
    }
  }
}
