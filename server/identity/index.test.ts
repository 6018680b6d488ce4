// Why: the Identity bundle is what the runtime and the transports hold; its pieces share one database and its token checks follow the cluster's ServiceAccounts.

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SA_SIGNING_KEY_FILE } from "./service-account-tokens";
import { openTempDatabase, type TempDatabase } from "./testing/temp-database";
import { Identity } from "./index";

let t: TempDatabase;
let identity: Identity;
const serviceAccounts = new Map<string, { metadata: { uid: string } }>();

beforeAll(async () => {
  t = await openTempDatabase();
  identity = new Identity({ prisma: t.db.prisma, dataDir: t.dataDir, lookupServiceAccount: (ns, name) => serviceAccounts.get(`${ns}/${name}`) });
});
afterAll(() => t.dispose());

describe("Identity", () => {
  it("bootstraps, logs in, authenticates tokens and writes the audit log at close", async () => {
    expect((await identity.bootstrap({ adminPassword: "admin-password", log: () => undefined })).createdAdmin).toBe(true);
    expect(fs.statSync(path.join(t.dataDir, SA_SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);

    const adminId = await identity.verifyPassword("admin", "admin-password");
    expect(adminId).toBeDefined();
    expect(await identity.verifyPassword("admin", "wrong-password")).toBeUndefined();
    expect(await identity.userInfoFor(adminId!)).toEqual({ name: "admin", uid: adminId, groups: ["admins", "system:authenticated"] });

    const { token } = await identity.accessTokens.create(adminId!, { name: "cli" });
    expect((await identity.authenticateAccessToken(token))?.name).toBe("admin");

    serviceAccounts.set("ci/bot", { metadata: { uid: "sa-uid" } });
    const sa = await identity.issueServiceAccountToken({ namespace: "ci", name: "bot", uid: "sa-uid" });
    expect((await identity.verifyServiceAccountToken(sa.token))?.name).toBe("system:serviceaccount:ci:bot");
    serviceAccounts.delete("ci/bot");
    expect(await identity.verifyServiceAccountToken(sa.token)).toBeUndefined();

    const oidcId = await identity.oidcLogin({ subject: "sub-1", username: "Olga", groups: ["dev"] });
    expect((await identity.userInfoFor(oidcId!))?.groups).toEqual(["dev", "system:authenticated"]);

    identity.audit.record({ time: 0, user: "admin", groups: [], verb: "create", apiGroup: "", resource: "pods", namespace: "d", name: "p", allowed: true, code: 201, source: "rest" });
    await identity.close();
    expect((await identity.audit.query()).items.map((e) => e.name)).toEqual(["p"]);
  });
});
