// Why: teams are groups; creating, deleting and changing membership must be exact and idempotent, and OIDC group sync must never grant reserved groups.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/core/api/errors";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";
import { Teams } from "./teams";
import { Users } from "./users";

let t: TempDatabase;
let users: Users;
let teams: Teams;

beforeAll(async () => {
  t = await openTempDatabase();
  users = new Users({ prisma: t.db.prisma });
  teams = new Teams({ prisma: t.db.prisma });
});
afterAll(() => t.dispose());
beforeEach(async () => {
  await t.db.prisma.user.deleteMany();
  await t.db.prisma.team.deleteMany();
  await users.create({ username: "alice" });
  await users.create({ username: "bob" });
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("Teams", () => {
  it("creates, lists and deletes teams", async () => {
    await teams.create({ name: "ops", description: "Operations" });
    await teams.create({ name: "dev" });
    expect((await teams.list()).map((x) => [x.name, x.description])).toEqual([
      ["dev", undefined],
      ["ops", "Operations"],
    ]);
    await teams.delete("dev");
    expect((await teams.list()).map((x) => x.name)).toEqual(["ops"]);
  });

  it.each([
    { name: "a taken name", setup: true, team: "ops", code: 409, reason: "AlreadyExists" },
    { name: "system:masters", setup: false, team: "system:masters", code: 422, reason: "Invalid" },
    { name: "a name with a colon", setup: false, team: "a:b", code: 422, reason: "Invalid" },
  ])("refuses $name", async ({ setup, team, code, reason }) => {
    if (setup) await teams.create({ name: team });
    const err = await failure(teams.create({ name: team }));
    expect(err.status).toMatchObject({ code, reason });
    expect(err.message).toMatch(/^teams\.iam\.wheelhouse\.dev /);
  });

  it.each([
    { name: "get", call: () => teams.get("nope"), message: 'teams.iam.wheelhouse.dev "nope" not found' },
    { name: "delete", call: () => teams.delete("nope"), message: 'teams.iam.wheelhouse.dev "nope" not found' },
    { name: "addMember to a missing team", call: () => teams.addMember("nope", "alice"), message: 'teams.iam.wheelhouse.dev "nope" not found' },
    { name: "addMember of a missing user", call: () => teams.addMember("ops", "ghost"), message: 'users.iam.wheelhouse.dev "ghost" not found' },
    { name: "removeMember of a missing user", call: () => teams.removeMember("ops", "ghost"), message: 'users.iam.wheelhouse.dev "ghost" not found' },
  ])("$name is 404", async ({ call, message }) => {
    await teams.create({ name: "ops" });
    const err = await failure(call());
    expect(err.status).toMatchObject({ code: 404, reason: "NotFound", message });
  });

  it("adds and removes members idempotently", async () => {
    await teams.create({ name: "ops" });
    await teams.addMember("ops", "bob");
    expect((await teams.addMember("ops", "alice")).members).toEqual(["alice", "bob"]);
    expect((await teams.addMember("ops", "alice")).members).toEqual(["alice", "bob"]);
    expect((await teams.removeMember("ops", "bob")).members).toEqual(["alice"]);
    expect((await teams.removeMember("ops", "bob")).members).toEqual(["alice"]);
    expect((await users.get("alice")).teams).toEqual(["ops"]);
    expect((await users.get("bob")).teams).toEqual([]);
  });

  it("deleting a team removes its memberships, not its users", async () => {
    await teams.create({ name: "ops" });
    await teams.addMember("ops", "alice");
    await teams.delete("ops");
    expect((await users.get("alice")).teams).toEqual([]);
  });

  it("replaceTeamsOf makes a user's teams exactly the given groups, creating teams and skipping reserved names", async () => {
    await teams.create({ name: "old" });
    await teams.create({ name: "keep" });
    await teams.addMember("old", "alice");
    await teams.addMember("keep", "alice");
    await teams.addMember("old", "bob");
    const result = await teams.replaceTeamsOf("alice", ["keep", "new", "system:masters", "Bad Name", "new"]);
    expect(result).toEqual({ teams: ["keep", "new"], skipped: ["Bad Name", "system:masters"] });
    expect((await users.get("alice")).teams).toEqual(["keep", "new"]);
    expect((await teams.get("old")).members).toEqual(["bob"]);
    expect(await teams.find("system:masters")).toBeUndefined();
    expect((await failure(teams.replaceTeamsOf("ghost", ["x"]))).code).toBe(404);
    expect(await teams.find("x")).toBeUndefined();
  });
});
