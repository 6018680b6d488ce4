// Why: the first start must leave exactly one way in (user admin in team admins, bound to cluster-admin), print a generated password once, and never store it in clear.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resourceTypeByKind } from "@/core/api/resources";
import { FakeClock } from "@/core/clock/fake-clock";
import { Cluster } from "@/core/cluster/cluster";
import { MemoryStore } from "@/core/store/memory-store";
import { ADMINS_BINDING, bootstrapAdmin } from "./bootstrap-admin";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";
import { Teams } from "./teams";
import { userInfoFor } from "./user-info";
import { Users } from "./users";

let t: TempDatabase;
let users: Users;
let teams: Teams;
let cluster: Cluster;
const CRB = resourceTypeByKind("rbac.authorization.k8s.io", "ClusterRoleBinding")!;

beforeAll(async () => {
  t = await openTempDatabase();
  users = new Users({ prisma: t.db.prisma });
  teams = new Teams({ prisma: t.db.prisma });
});
afterAll(async () => {
  cluster?.stop();
  await t.dispose();
});
beforeEach(async () => {
  await t.db.prisma.user.deleteMany();
  await t.db.prisma.team.deleteMany();
  cluster?.stop();
  const clock = new FakeClock();
  cluster = new Cluster({ store: new MemoryStore({ clock }), clock });
  await cluster.start();
});

describe("bootstrapAdmin", () => {
  it("creates admin in admins with a generated password printed once, and the binding that makes admins cluster-admins", async () => {
    const lines: string[] = [];
    const result = await bootstrapAdmin({ users, teams, apiServer: cluster.apiServer, log: (l) => lines.push(l) });
    expect(result).toEqual({ createdAdmin: true, binding: "created" });

    const printed = /generated password: (\S+)$/.exec(lines.join("\n").split("\n").find((l) => l.includes("generated password")) ?? "");
    expect(printed).not.toBeNull();
    const password = printed![1];
    expect(password.length).toBeGreaterThanOrEqual(24);
    const admin = await users.verifyPassword("admin", password);
    expect(admin).toMatchObject({ username: "admin", teams: ["admins"] });
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { username: "admin" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(password);

    const binding = cluster.store.get(CRB, undefined, ADMINS_BINDING) as unknown as { roleRef: unknown; subjects: unknown };
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
    expect(binding.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "admins" }]);

    // What the admin may do comes from RBAC through the team, not from system:masters.
    const info = (await userInfoFor(t.db.prisma, admin!.id))!;
    expect(info.groups).toEqual(["admins", "system:authenticated"]);
    expect(cluster.rbac!.authorize({ user: info, verb: "delete", group: "", resource: "nodes", name: "n1" }).allowed).toBe(true);
    expect(cluster.rbac!.authorize({ user: { name: "bob", groups: ["system:authenticated"] }, verb: "delete", group: "", resource: "nodes", name: "n1" }).allowed).toBe(false);
  });

  it("uses WHEELHOUSE_ADMIN_PASSWORD when given and never prints it", async () => {
    const lines: string[] = [];
    await bootstrapAdmin({ users, teams, apiServer: cluster.apiServer, password: "from-the-env", log: (l) => lines.push(l) });
    expect(lines.join("\n")).not.toContain("from-the-env");
    expect(lines.join("\n")).toContain("WHEELHOUSE_ADMIN_PASSWORD");
    expect((await users.verifyPassword("admin", "from-the-env"))?.username).toBe("admin");
  });

  it("leaves users alone on later starts and recreates a deleted binding", async () => {
    await bootstrapAdmin({ users, teams, apiServer: cluster.apiServer, password: "first-password", log: () => undefined });
    await users.setPassword("admin", "changed-password");
    await users.rename("admin", "root");

    const lines: string[] = [];
    expect(await bootstrapAdmin({ users, teams, apiServer: cluster.apiServer, password: "first-password", log: (l) => lines.push(l) })).toEqual({ createdAdmin: false, binding: "exists" });
    expect(lines).toEqual([]);
    expect((await users.list()).map((u) => u.username)).toEqual(["root"]);
    expect(await users.verifyPassword("root", "changed-password")).toBeDefined();

    await cluster.apiServer.client({ name: "root", groups: ["system:masters"] }).delete(CRB, undefined, ADMINS_BINDING);
    expect((await bootstrapAdmin({ users, teams, apiServer: cluster.apiServer, log: () => undefined })).binding).toBe("created");
  });

  it("skips the binding without an apiserver", async () => {
    expect(await bootstrapAdmin({ users, teams, log: () => undefined })).toEqual({ createdAdmin: true, binding: "skipped" });
    expect((await teams.get("admins")).members).toEqual(["admin"]);
  });

  it("does not create admin when users already exist", async () => {
    await users.create({ username: "alice" });
    expect((await bootstrapAdmin({ users, teams, apiServer: cluster.apiServer, log: () => undefined })).createdAdmin).toBe(false);
    expect(await users.find("admin")).toBeUndefined();
  });
});
