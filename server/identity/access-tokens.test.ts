// Why: a personal access token works until it is revoked or expires, is stored only as a hash, and its last use is recorded without a write per request.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/core/api/errors";
import { FakeClock } from "@/core/clock/fake-clock";
import { ACCESS_TOKEN_PREFIX, AccessTokens, accessTokenHash, looksLikeAccessToken } from "./access-tokens";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";
import { Teams } from "./teams";
import { Users } from "./users";

let t: TempDatabase;
let clock: FakeClock;
let tokens: AccessTokens;
let users: Users;
let aliceId: string;
let bobId: string;

beforeAll(async () => {
  t = await openTempDatabase();
  users = new Users({ prisma: t.db.prisma });
});
afterAll(() => t.dispose());
beforeEach(async () => {
  await t.db.prisma.user.deleteMany();
  await t.db.prisma.team.deleteMany();
  clock = new FakeClock("2026-03-01T10:00:00Z");
  tokens = new AccessTokens({ prisma: t.db.prisma, now: () => clock.now() });
  aliceId = (await users.create({ username: "alice" })).id;
  bobId = (await users.create({ username: "bob" })).id;
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("AccessTokens", () => {
  it("issues whp_ tokens that authenticate their owner with their teams, storing only a hash", async () => {
    await new Teams({ prisma: t.db.prisma }).create({ name: "ops" });
    await new Teams({ prisma: t.db.prisma }).addMember("ops", "alice");
    const { token, record } = await tokens.create(aliceId, { name: "laptop" });
    expect(token).toMatch(/^whp_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeAccessToken(token)).toBe(true);
    expect(record).toEqual({ id: expect.any(String), name: "laptop", createdAt: "2026-03-01T10:00:00.000Z" });
    const row = await t.db.prisma.accessToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.sha256).toBe(accessTokenHash(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(ACCESS_TOKEN_PREFIX.length));
    expect(await tokens.authenticate(token)).toEqual({ name: "alice", uid: aliceId, groups: ["ops", "system:authenticated"] });
  });

  it.each([
    { name: "an empty string", token: "" },
    { name: "a token without the prefix", token: "x".repeat(47) },
    { name: "a well-formed unknown token", token: `whp_${"A".repeat(43)}` },
    { name: "a token one character short", token: `whp_${"A".repeat(42)}` },
  ])("refuses $name", async ({ token }) => {
    expect(await tokens.authenticate(token)).toBeUndefined();
  });

  it("refuses a token once revoked, and a revoked token stays revoked at its first time", async () => {
    const { token, record } = await tokens.create(aliceId, { name: "ci" });
    expect(await tokens.authenticate(token)).toBeDefined();
    const revoked = await tokens.revoke(record.id, aliceId);
    expect(revoked.revokedAt).toBe("2026-03-01T10:00:00.000Z");
    expect(await tokens.authenticate(token)).toBeUndefined();
    clock.step(5000);
    expect((await tokens.revoke(record.id)).revokedAt).toBe("2026-03-01T10:00:00.000Z");
  });

  it("refuses a token after its expiry", async () => {
    const { token } = await tokens.create(aliceId, { name: "short", expiresAt: clock.now() + 60_000 });
    clock.step(59_999);
    expect(await tokens.authenticate(token)).toBeDefined();
    clock.step(1);
    expect(await tokens.authenticate(token)).toBeUndefined();
  });

  it("refuses the token of a disabled or deleted owner", async () => {
    const { token } = await tokens.create(aliceId, { name: "x" });
    await users.setDisabled("alice", true);
    expect(await tokens.authenticate(token)).toBeUndefined();
    await users.setDisabled("alice", false);
    expect(await tokens.authenticate(token)).toBeDefined();
    await users.delete("alice");
    expect(await tokens.authenticate(token)).toBeUndefined();
    expect(await t.db.prisma.accessToken.count()).toBe(0);
  });

  it("writes lastUsedAt at most once a minute", async () => {
    const { token, record } = await tokens.create(aliceId, { name: "x" });
    const lastUsed = async () => (await tokens.list(aliceId)).find((r) => r.id === record.id)?.lastUsedAt;
    expect(await lastUsed()).toBeUndefined();
    await tokens.authenticate(token);
    expect(await lastUsed()).toBe("2026-03-01T10:00:00.000Z");
    clock.step(59_000);
    await tokens.authenticate(token);
    expect(await lastUsed()).toBe("2026-03-01T10:00:00.000Z");
    clock.step(1_000);
    await tokens.authenticate(token);
    expect(await lastUsed()).toBe("2026-03-01T10:01:00.000Z");
  });

  it("lists a user's tokens newest first without secrets", async () => {
    await tokens.create(aliceId, { name: "first" });
    clock.step(1000);
    await tokens.create(aliceId, { name: "second", expiresAt: clock.now() + 3_600_000 });
    await tokens.create(bobId, { name: "bob's" });
    const list = await tokens.list(aliceId);
    expect(list.map((r) => r.name)).toEqual(["second", "first"]);
    expect(list[0].expiresAt).toBe("2026-03-01T11:00:01.000Z");
    expect(Object.keys(list[0]).sort()).toEqual(["createdAt", "expiresAt", "id", "name"]);
  });

  it.each([
    { name: "an empty name", input: { name: "  " }, message: /name: Required value/ },
    { name: "a long name", input: { name: "n".repeat(101) }, message: /name: Too long/ },
    { name: "an expiry in the past", input: { name: "x", expiresAt: Date.parse("2026-03-01T09:00:00Z") }, message: /expiresAt: Invalid value/ },
  ])("refuses to create a token with $name (422)", async ({ input, message }) => {
    const err = await failure(tokens.create(aliceId, input));
    expect(err.code).toBe(422);
    expect(err.message).toMatch(message);
  });

  it("404s for an unknown owner and for revoking someone else's token", async () => {
    expect((await failure(tokens.create("nobody", { name: "x" }))).code).toBe(404);
    const { record } = await tokens.create(aliceId, { name: "x" });
    const err = await failure(tokens.revoke(record.id, bobId));
    expect(err.status).toMatchObject({ code: 404, reason: "NotFound" });
    expect((await failure(tokens.revoke("no-such-token"))).code).toBe(404);
  });
});
