// Why: who a console user or token owner is to Kubernetes (name, uid, groups) is read from the database on every request, so a membership change or a disabled user takes effect at once.

import type { UserInfo } from "@/core/apiserver/types";
import type { PrismaClient } from "@/generated/prisma/client";

/** The group every authenticated user is in. */
export const SYSTEM_AUTHENTICATED = "system:authenticated";

/**
 * The Kubernetes identity of user `userId`: `{ name: username, uid: id, groups: [team names
 * sorted..., "system:authenticated"] }`, or undefined when the user no longer exists or is
 * disabled. One query, never cached.
 */
export async function userInfoFor(prisma: PrismaClient, userId: string): Promise<UserInfo | undefined> {
  const row = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, disabled: true, teams: { select: { team: { select: { name: true } } } } },
  });
  if (!row || row.disabled) return undefined;
  const teams = row.teams.map((m) => m.team.name).sort();
  return { name: row.username, uid: row.id, groups: [...teams, SYSTEM_AUTHENTICATED] };
}
