// Why: a user's Kubernetes identity is read fresh on every call, so membership changes, renames and disabling apply to the next request.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";
import { Teams } from "./teams";
import { userInfoFor } from "./user-info";
import { Users } from "./users";

let t: TempDatabase;
beforeAll(async () => {
  t = await openTempDatabase();
});
afterAll(() => t.dispose());

describe("userInfoFor", () => {
  it("follows the database on every call", async () => {
    const users = new Users({ prisma: t.db.prisma });
    const teams = new Teams({ prisma: t.db.prisma });
    const alice = await users.create({ username: "alice" });
    const info = () => userInfoFor(t.db.prisma, alice.id);

    expect(await info()).toEqual({ name: "alice", uid: alice.id, groups: ["system:authenticated"] });
    await teams.create({ name: "zeta" });
    await teams.create({ name: "alpha" });
    await teams.addMember("zeta", "alice");
    await teams.addMember("alpha", "alice");
    expect(await info()).toEqual({ name: "alice", uid: alice.id, groups: ["alpha", "zeta", "system:authenticated"] });
    await teams.removeMember("zeta", "alice");
    await users.rename("alice", "alicia");
    expect(await info()).toEqual({ name: "alicia", uid: alice.id, groups: ["alpha", "system:authenticated"] });
    await users.setDisabled("alicia", true);
    expect(await info()).toBeUndefined();
    await users.setDisabled("alicia", false);
    expect((await info())?.name).toBe("alicia");
    await users.delete("alicia");
    expect(await info()).toBeUndefined();
    expect(await userInfoFor(t.db.prisma, "no-such-id")).toBeUndefined();
  });
});
