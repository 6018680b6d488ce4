// Why: a user manages only their own tokens, the secret appears once, and a revoked token stops authenticating at once.

import { afterEach, beforeEach, expect, it } from "vitest";
import { AccessTokens } from "@/server/identity/access-tokens";
import { Users } from "@/server/identity/users";
import { openTempDatabase, type TempDatabase } from "@/server/identity/testing/temp-database";
import { PersonalTokens } from "./personal-tokens";

const NOW = 1_700_000_000_000;
let tmp: TempDatabase;
let tokens: AccessTokens;
let alice: { name: string; uid: string; groups: string[] };
let bob: { name: string; uid: string; groups: string[] };
beforeEach(async () => {
  tmp = await openTempDatabase();
  const users = new Users({ prisma: tmp.db.prisma });
  tokens = new AccessTokens({ prisma: tmp.db.prisma, now: () => NOW });
  const a = await users.create({ username: "alice", password: "12345678" });
  const b = await users.create({ username: "bob", password: "12345678" });
  alice = { name: "alice", uid: a.id, groups: ["system:authenticated"] };
  bob = { name: "bob", uid: b.id, groups: ["system:authenticated"] };
});
afterEach(() => tmp.dispose());

it("creates, lists and revokes one's own tokens", async () => {
  const mine = new PersonalTokens(tokens, alice, () => NOW);
  const { token, record } = await mine.create({ name: "laptop", expiresInDays: 30 });
  expect(token).toMatch(/^whp_/);
  expect(record.expiresAt).toBe(new Date(NOW + 30 * 86_400_000).toISOString());
  expect((await tokens.authenticate(token))?.name).toBe("alice");
  expect((await mine.list()).map((t) => t.name)).toEqual(["laptop"]);
  expect(JSON.stringify(await mine.list())).not.toContain(token);
  await mine.revoke(record.id);
  expect(await tokens.authenticate(token)).toBeUndefined();
});

it("cannot see or revoke another user's token", async () => {
  const { token, record } = await new PersonalTokens(tokens, alice, () => NOW).create({ name: "laptop" });
  const bobs = new PersonalTokens(tokens, bob, () => NOW);
  expect(await bobs.list()).toEqual([]);
  await expect(bobs.revoke(record.id)).rejects.toMatchObject({ code: 404 });
  expect((await tokens.authenticate(token))?.name).toBe("alice");
});

it.each([
  { name: "a user without an id (not a console user)", user: { name: "admin", groups: ["system:masters"] }, input: { name: "x" }, code: 400 },
  { name: "a negative expiry", user: undefined, input: { name: "x", expiresInDays: -1 }, code: 400 },
  { name: "an empty name", user: undefined, input: { name: " " }, code: 422 },
])("refuses $name", async ({ user, input, code }) => {
  await expect(new PersonalTokens(tokens, user ?? alice, () => NOW).create(input)).rejects.toMatchObject({ code });
});
