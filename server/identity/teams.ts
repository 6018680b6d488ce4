// Why: teams are the Kubernetes groups RBAC binds to; admins create them and manage who is in them, and OIDC logins can sync a user's teams from the token's groups.

import { alreadyExists, notFound } from "@/core/api/errors";
import type { PrismaClient } from "@/generated/prisma/client";
import { assertValidName, IAM_GROUP, nameProblems } from "./names";
import { isRecordNotFound, isUniqueViolation } from "./prisma-errors";

/** A team and the user names of its members (sorted). */
export interface TeamRecord {
  id: string;
  name: string;
  description?: string;
  members: string[];
  /** RFC 3339. */
  createdAt: string;
}

export interface CreateTeamInput {
  name: string;
  description?: string;
}

export interface TeamsConfig {
  prisma: PrismaClient;
}

const WITH_MEMBERS = { members: { select: { user: { select: { username: true } } } } } as const;

interface TeamRow {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  members: { user: { username: string } }[];
}

function toRecord(row: TeamRow): TeamRecord {
  return {
    id: row.id,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    members: row.members.map((m) => m.user.username).sort(),
    createdAt: row.createdAt.toISOString(),
  };
}

const teamTarget = (name: string) => ({ group: IAM_GROUP, kind: "teams", name });
const userTarget = (name: string) => ({ group: IAM_GROUP, kind: "users", name });

/**
 * Teams and memberships. Errors are Kubernetes Status errors on `teams.iam.wheelhouse.dev`
 * (or `users...` when the user is missing). Membership changes are idempotent.
 */
export class Teams {
  private readonly prisma: PrismaClient;

  constructor(cfg: TeamsConfig) {
    this.prisma = cfg.prisma;
  }

  /** Creates a team; its name is a group name, so it follows the user name rules (no `system:`). */
  async create(input: CreateTeamInput): Promise<TeamRecord> {
    assertValidName("teams", input.name);
    try {
      return toRecord(await this.prisma.team.create({ data: { name: input.name, description: input.description || null }, include: WITH_MEMBERS }));
    } catch (err) {
      if (isUniqueViolation(err)) throw alreadyExists(teamTarget(input.name));
      throw err;
    }
  }

  /** Every team, by name. */
  async list(): Promise<TeamRecord[]> {
    return (await this.prisma.team.findMany({ orderBy: { name: "asc" }, include: WITH_MEMBERS })).map(toRecord);
  }

  /** The team named `name`, or undefined. */
  async find(name: string): Promise<TeamRecord | undefined> {
    const row = await this.prisma.team.findUnique({ where: { name }, include: WITH_MEMBERS });
    return row ? toRecord(row) : undefined;
  }

  /** The team named `name`; 404 NotFound when there is none. */
  async get(name: string): Promise<TeamRecord> {
    const team = await this.find(name);
    if (!team) throw notFound(teamTarget(name));
    return team;
  }

  /** Deletes the team and its memberships (bindings to the group stay, and apply to nobody). */
  async delete(name: string): Promise<void> {
    try {
      await this.prisma.team.delete({ where: { name } });
    } catch (err) {
      if (isRecordNotFound(err)) throw notFound(teamTarget(name));
      throw err;
    }
  }

  /** Makes `username` a member of `team` (no-op when already one). */
  async addMember(team: string, username: string): Promise<TeamRecord> {
    const [teamId, userId] = await this.ids(team, username);
    await this.prisma.teamMember.upsert({ where: { userId_teamId: { userId, teamId } }, create: { userId, teamId }, update: {} });
    return this.get(team);
  }

  /** Removes `username` from `team` (no-op when not a member). */
  async removeMember(team: string, username: string): Promise<TeamRecord> {
    const [teamId, userId] = await this.ids(team, username);
    await this.prisma.teamMember.deleteMany({ where: { userId, teamId } });
    return this.get(team);
  }

  /**
   * Makes the user's teams exactly `teamNames` (an OIDC login's groups claim), creating
   * missing teams. Names that are not valid team names (such as `system:masters`) are skipped
   * and returned, so an identity provider can never hand out Kubernetes' reserved groups.
   */
  async replaceTeamsOf(username: string, teamNames: string[]): Promise<{ teams: string[]; skipped: string[] }> {
    const wanted = [...new Set(teamNames)].sort();
    const valid = wanted.filter((n) => nameProblems(n, "group").length === 0);
    const skipped = wanted.filter((n) => !valid.includes(n));
    await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { username }, select: { id: true } });
      if (!user) throw notFound(userTarget(username));
      const teamIds: string[] = [];
      for (const name of valid) {
        const team = await tx.team.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
        teamIds.push(team.id);
      }
      await tx.teamMember.deleteMany({ where: { userId: user.id, teamId: { notIn: teamIds } } });
      for (const teamId of teamIds) {
        await tx.teamMember.upsert({ where: { userId_teamId: { userId: user.id, teamId } }, create: { userId: user.id, teamId }, update: {} });
      }
    });
    return { teams: valid, skipped };
  }

  private async ids(team: string, username: string): Promise<[string, string]> {
    const [t, u] = await Promise.all([
      this.prisma.team.findUnique({ where: { name: team }, select: { id: true } }),
      this.prisma.user.findUnique({ where: { username }, select: { id: true } }),
    ]);
    if (!t) throw notFound(teamTarget(team));
    if (!u) throw notFound(userTarget(username));
    return [t.id, u.id];
  }
}
