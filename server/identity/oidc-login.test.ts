// Why: OIDC logins map a provider subject to exactly one user, never onto a local account with the same name, and keep teams equal to the groups claim.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";
import { oidcLogin, oidcUsername } from "./oidc-login";
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

describe("oidcLogin", () => {
  it("creates the user on first login with the groups as teams, and finds them by subject afterwards", async () => {
    const id = await oidcLogin({ users, teams }, { subject: "s-1", username: "Olga", displayName: "Olga O", groups: ["team-a"] });
    const olga = await users.get("olga");
    expect(olga).toMatchObject({ id, oidcSubject: "s-1", displayName: "Olga O", hasPassword: false, teams: ["team-a"] });
    // A renamed preferred_username does not make a second user.
    expect(await oidcLogin({ users, teams }, { subject: "s-1", username: "olga.new", groups: ["team-a"] })).toBe(id);
    expect((await users.list()).map((u) => u.username)).toEqual(["olga"]);
  });

  it("replaces the teams with the groups of each login, skipping reserved names", async () => {
    await oidcLogin({ users, teams }, { subject: "s-1", username: "olga", groups: ["team-a", "team-b"] });
    await oidcLogin({ users, teams }, { subject: "s-1", username: "olga", groups: ["team-c", "system:masters"] });
    expect((await users.get("olga")).teams).toEqual(["team-c"]);
  });

  it("never takes over a local user with the same name", async () => {
    const admin = await users.create({ username: "admin", password: "local-password" });
    const id = await oidcLogin({ users, teams }, { subject: "evil", username: "admin", groups: [] });
    expect(id).not.toBe(admin.id);
    expect((await users.byId(id!))?.username).toBe("admin-oidc");
    const second = await oidcLogin({ users, teams }, { subject: "evil-2", username: "ADMIN", groups: [] });
    expect((await users.byId(second!))?.username).toBe("admin-oidc-2");
  });

  it("refuses a disabled user", async () => {
    await oidcLogin({ users, teams }, { subject: "s-1", username: "olga", groups: ["team-a"] });
    await users.setDisabled("olga", true);
    expect(await oidcLogin({ users, teams }, { subject: "s-1", username: "olga", groups: ["team-a"] })).toBeUndefined();
  });
});

describe("oidcUsername", () => {
  it.each([
    { proposed: "Olga", want: "olga" },
    { proposed: "olga@example.com", want: "olga@example.com" },
    { proposed: "Olga Smith", want: "olga-smith" },
    { proposed: "--x--", want: "x" },
    { proposed: "system:admin", want: "system-admin" },
    { proposed: "!!!", want: "" },
    { proposed: "a".repeat(80), want: "a".repeat(63) },
  ])("$proposed → $want", ({ proposed, want }) => {
    expect(oidcUsername(proposed)).toBe(want);
  });
});
