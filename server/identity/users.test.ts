// Why: users are created, renamed, disabled and deleted with Kubernetes-style errors, and passwords are checked only through argon2id hashes.

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
});

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe("Users", () => {
  it("creates a user and reads it back by name and by id, without the hash", async () => {
    const created = await users.create({ username: "alice", displayName: "Alice", password: "correct horse" });
    expect(created).toMatchObject({ username: "alice", displayName: "Alice", disabled: false, hasPassword: true, teams: [] });
    expect(created).not.toHaveProperty("passwordHash");
    expect(await users.get("alice")).toEqual(created);
    expect(await users.byId(created.id)).toEqual(created);
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain("correct horse");
  });

  it.each([
    { name: "an empty name", username: "", reason: "Invalid", message: /metadata.name: Required value/ },
    { name: "a system: name", username: "system:admin", reason: "Invalid", message: /the "system:" prefix is reserved/ },
    { name: "upper case", username: "Alice", reason: "Invalid", message: /must consist of lower case alphanumeric/ },
    { name: "a space", username: "al ice", reason: "Invalid", message: /must consist of lower case/ },
    { name: "a trailing dot", username: "alice.", reason: "Invalid", message: /must start and end with an alphanumeric/ },
    { name: "64 characters", username: "a".repeat(64), reason: "Invalid", message: /may not be more than 63/ },
  ])("refuses $name with 422", async ({ username, reason, message }) => {
    const err = await failure(users.create({ username }));
    expect(err.code).toBe(422);
    expect(err.reason).toBe(reason);
    expect(err.message).toMatch(/^users\.iam\.wheelhouse\.dev ".*" is invalid: /);
    expect(err.message).toMatch(message);
  });

  it.each(["bob", "bob.smith", "bob@example.com", "b-2_x", "a".repeat(63)])("accepts the name %s", async (username) => {
    expect((await users.create({ username })).username).toBe(username);
  });

  it("refuses a taken name with 409 AlreadyExists", async () => {
    await users.create({ username: "alice" });
    const err = await failure(users.create({ username: "alice" }));
    expect(err.status).toMatchObject({ code: 409, reason: "AlreadyExists", message: 'users.iam.wheelhouse.dev "alice" already exists' });
  });

  it.each([
    { name: "get", call: () => users.get("ghost") },
    { name: "delete", call: () => users.delete("ghost") },
    { name: "setDisabled", call: () => users.setDisabled("ghost", true) },
    { name: "setPassword", call: () => users.setPassword("ghost", "long enough") },
    { name: "rename", call: () => users.rename("ghost", "spirit") },
    { name: "setDisplayName", call: () => users.setDisplayName("ghost", "G") },
  ])("$name of an unknown user is 404 NotFound", async ({ call }) => {
    const err = await failure(call());
    expect(err.status).toMatchObject({ code: 404, reason: "NotFound", message: 'users.iam.wheelhouse.dev "ghost" not found' });
  });

  it("refuses passwords shorter than 8 characters, without echoing them", async () => {
    const err = await failure(users.create({ username: "alice", password: "short12" }));
    expect(err.code).toBe(422);
    expect(err.message).toContain("password: Invalid value");
    expect(err.message).not.toContain("short12");
    expect(await users.find("alice")).toBeUndefined();
    await users.create({ username: "alice", password: "12345678" });
    expect((await failure(users.setPassword("alice", "1234567"))).code).toBe(422);
  });

  it("lists users by name with their teams", async () => {
    await users.create({ username: "carol" });
    await users.create({ username: "alice" });
    await teams.create({ name: "ops" });
    await teams.create({ name: "dev" });
    await teams.addMember("ops", "carol");
    await teams.addMember("dev", "carol");
    expect((await users.list()).map((u) => [u.username, u.teams])).toEqual([
      ["alice", []],
      ["carol", ["dev", "ops"]],
    ]);
  });

  it("renames, keeping id and teams; refuses a taken or invalid new name", async () => {
    const alice = await users.create({ username: "alice" });
    await users.create({ username: "bob" });
    await teams.create({ name: "ops" });
    await teams.addMember("ops", "alice");
    const renamed = await users.rename("alice", "alicia");
    expect(renamed).toMatchObject({ id: alice.id, username: "alicia", teams: ["ops"] });
    expect((await failure(users.rename("alicia", "bob"))).reason).toBe("AlreadyExists");
    expect((await failure(users.rename("alicia", "system:x"))).reason).toBe("Invalid");
  });

  it("deletes a user with their memberships", async () => {
    await users.create({ username: "alice" });
    await teams.create({ name: "ops" });
    await teams.addMember("ops", "alice");
    await users.delete("alice");
    expect(await users.find("alice")).toBeUndefined();
    expect((await teams.get("ops")).members).toEqual([]);
    expect(await t.db.prisma.teamMember.count()).toBe(0);
  });

  describe("verifyPassword", () => {
    beforeEach(async () => {
      await users.create({ username: "alice", password: "correct horse" });
      await users.create({ username: "oidc-only", oidcSubject: "sub-1" });
      await users.create({ username: "off", password: "correct horse", disabled: true });
    });

    it.each([
      { name: "the right password", username: "alice", password: "correct horse", ok: true },
      { name: "a wrong password", username: "alice", password: "correct horsE", ok: false },
      { name: "an empty password", username: "alice", password: "", ok: false },
      { name: "an unknown user", username: "mallory", password: "correct horse", ok: false },
      { name: "a user without a password", username: "oidc-only", password: "", ok: false },
      { name: "a disabled user", username: "off", password: "correct horse", ok: false },
      { name: "a password longer than any accepted", username: "alice", password: `correct horse${"x".repeat(2000)}`, ok: false },
    ])("$name → $ok", async ({ username, password, ok }) => {
      const user = await users.verifyPassword(username, password);
      expect(user?.username).toBe(ok ? username : undefined);
    });

    it("accepts the new password after setPassword and not the old one", async () => {
      await users.setPassword("alice", "battery staple");
      expect(await users.verifyPassword("alice", "correct horse")).toBeUndefined();
      expect((await users.verifyPassword("alice", "battery staple"))?.username).toBe("alice");
    });

    it("accepts a disabled user again once enabled", async () => {
      await users.setDisabled("off", false);
      expect((await users.verifyPassword("off", "correct horse"))?.username).toBe("off");
    });
  });

  it("finds OIDC users by subject", async () => {
    const u = await users.create({ username: "oidc-user", oidcSubject: "sub-42" });
    expect((await users.byOidcSubject("sub-42"))?.id).toBe(u.id);
    expect(await users.byOidcSubject("sub-43")).toBeUndefined();
  });
});
