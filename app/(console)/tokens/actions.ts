"use server";
// Why: the Tokens page's mutations: the session's user creates and revokes their own personal access tokens.

import { z } from "zod";
import type { AccessTokenRecord } from "@/server/identity";
import type { ActionResult } from "@/app/lib/server/actions";
import { adminAction, parsed } from "@/app/lib/server/admin/admin-action";
import { PersonalTokens } from "@/app/lib/server/admin/personal-tokens";

const NewToken = z.object({ name: z.string().max(100), expiresInDays: z.number().int().min(0).max(3650).optional() });

/** A new token for the signed-in user; the secret is in this answer only. */
export async function createTokenAction(input: z.input<typeof NewToken>): Promise<ActionResult<{ token: string; record: AccessTokenRecord }>> {
  return adminAction((f) => new PersonalTokens(f.identity().accessTokens, f.user, Date.now).create(parsed(NewToken, input)));
}

/** Revokes one of the signed-in user's tokens. */
export async function revokeTokenAction(id: string): Promise<ActionResult<AccessTokenRecord>> {
  return adminAction((f) => new PersonalTokens(f.identity().accessTokens, f.user, Date.now).revoke(parsed(z.string().min(1).max(100), id)));
}
