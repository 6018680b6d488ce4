// Why: only those RBAC lets manage users and teams may do so from the console, every change is audited, and a membership change reaches the user's next request.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditRecord } from "@/core/apiserver/audit";
import { Teams } from "@/server/identity/teams";
import { userInfoFor } from "@/server/identity/user-info";
import { Users } from "@/server/identity/users";
import { openTempDatabase, type TempDatabase } from "@/server/identity/testing/temp-database";
import type { ClusterRuntime } from "@/server/runtime/types";
import { Permissions } from "@/app/lib/server/permissions";
import { PeopleAdmin } from "./people-admin";
import { PEOPLE, startAccessCluster } from "./testing/access-cluster";

let rt: ClusterRuntime;
let stop: () => void;
beforeAll(async () => {
  ({ rt, stop } = await startAccessCluster());
});
afterAll(() => stop());

let tmp: TempDatabase;
let identity: { users: Users; teams: Teams };
let audit: AuditRecord[];
beforeEach(async () => {
  tmp = await openTempDatabase();
  identity = { users: new Users({ prisma: tmp.db.prisma }), teams: new Teams({ prisma: tmp.db.prisma }) };
  for (const t of ["viewers", "editors", "admins"]) await identity.teams.create({ name: t });
  audit = [];
});
afterEach(() => tmp.dispose());

const adminAs = (who: keyof typeof PEOPLE) => new PeopleAdmin({ permissions: new Permissions(rt.apiServer.authorizer, PEOPLE[who]), audit: (r) => audit.push(r), now: () => 1_700_000_000_000 }, identity);

describe("users", () => {
  it("an admin creates a user with an initial password and teams", async () => {
    const u = await adminAs("ada").createUser({ username: "viewer-1", password: "correct horse", teams: ["viewers"] });
    expect(u.teams).toEqual(["viewers"]);
    expect((await identity.users.verifyPassword("viewer-1", "correct horse"))?.username).toBe("viewer-1");
    expect(audit.map((r) => [r.verb, r.resource, r.name, r.code, r.allowed, r.source])).toEqual([
      ["create", "users", "viewer-1", 201, true, "console"],
      ["update", "teams", "viewers", 200, true, "console"],
    ]);
  });

  it.each(["vic", "eddie", "nina", "tom"] as const)("%s may not create users (403, nothing stored, audited as denied)", async (who) => {
    await expect(adminAs(who).createUser({ username: "sneaky", password: "12345678" })).rejects.toMatchObject({
      code: 403,
      message: `users.iam.wheelhouse.dev is forbidden: User "${who}" cannot create resource "users" in API group "iam.wheelhouse.dev" at the cluster scope`,
    });
    expect(await identity.users.find("sneaky")).toBeUndefined();
    expect(audit).toMatchObject([{ verb: "create", resource: "users", name: "sneaky", allowed: false, code: 403, reason: "Forbidden" }]);
  });

  it("refuses a membership the creator may not grant before creating anyone", async () => {
    // tom may update team "editors" only, and may not create users at all: the team check comes first.
    await expect(adminAs("tom").createUser({ username: "x-1", password: "12345678", teams: ["admins"] })).rejects.toMatchObject({ code: 403 });
    expect(await identity.users.find("x-1")).toBeUndefined();
  });

  it("disables and deletes users, but never the acting admin", async () => {
    await identity.users.create({ username: "ada", password: "12345678" });
    await identity.users.create({ username: "bob", password: "12345678" });
    expect((await adminAs("ada").setDisabled("bob", true)).disabled).toBe(true);
    await adminAs("ada").deleteUser("bob");
    expect(await identity.users.find("bob")).toBeUndefined();
    await expect(adminAs("ada").deleteUser("ada")).rejects.toMatchObject({ code: 422, message: expect.stringContaining("you cannot delete the user you are signed in as") });
    await expect(adminAs("ada").setDisabled("ada", true)).rejects.toMatchObject({ code: 422 });
  });

  it("passes the identity service's errors through (404, 422)", async () => {
    await expect(adminAs("ada").setDisabled("ghost", true)).rejects.toMatchObject({ code: 404, reason: "NotFound" });
    await expect(adminAs("ada").createUser({ username: "short", password: "1" })).rejects.toMatchObject({ code: 422, reason: "Invalid" });
    expect(audit.map((r) => r.code)).toEqual([404, 422]);
  });
});

describe("teams", () => {
  it("membership changes reach the user's next request", async () => {
    const u = await identity.users.create({ username: "viewer-1", password: "12345678" });
    await adminAs("ada").addMember("viewers", "viewer-1");
    expect((await userInfoFor(tmp.db.prisma, u.id))?.groups).toEqual(["viewers", "system:authenticated"]);
    await adminAs("ada").addMember("editors", "viewer-1");
    expect((await userInfoFor(tmp.db.prisma, u.id))?.groups).toEqual(["editors", "viewers", "system:authenticated"]);
    await adminAs("ada").removeMember("viewers", "viewer-1");
    expect((await userInfoFor(tmp.db.prisma, u.id))?.groups).toEqual(["editors", "system:authenticated"]);
  });

  it("a team manager may change only the teams RBAC names (resourceNames)", async () => {
    await identity.users.create({ username: "viewer-1", password: "12345678" });
    expect((await adminAs("tom").addMember("editors", "viewer-1")).members).toEqual(["viewer-1"]);
    await expect(adminAs("tom").addMember("admins", "viewer-1")).rejects.toMatchObject({
      code: 403,
      message: 'teams.iam.wheelhouse.dev "admins" is forbidden: User "tom" cannot update resource "teams" in API group "iam.wheelhouse.dev" at the cluster scope',
    });
    expect((await adminAs("tom").listTeams()).map((t) => t.name)).toEqual(["admins", "editors", "viewers"]);
    await expect(adminAs("tom").listUsers()).rejects.toMatchObject({ code: 403 });
  });

  it("creates and deletes teams for admins only", async () => {
    expect((await adminAs("ada").createTeam({ name: "ops", description: "on call" })).description).toBe("on call");
    await expect(adminAs("eddie").deleteTeam("ops")).rejects.toMatchObject({ code: 403 });
    await adminAs("ada").deleteTeam("ops");
    expect(await identity.teams.find("ops")).toBeUndefined();
  });
});
