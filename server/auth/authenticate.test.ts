// Why: authenticateRequest turns an Authorization header into a user through every token kind (admin, personal access token, ServiceAccount token) in the documented order.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Identity } from "@/server/identity";
import { openTempDatabase, type TempDatabase } from "@/server/identity/testing/temp-database";
import { authenticateRequest } from "./authenticate";
import { TOKENS_FILE, TokenStore } from "./token-store";

let t: TempDatabase;
let identity: Identity;
let store: TokenStore;
const serviceAccounts = new Map([["ci/bot", { metadata: { uid: "sa-1" } }]]);

beforeAll(async () => {
  t = await openTempDatabase();
  identity = new Identity({ prisma: t.db.prisma, dataDir: t.dataDir, lookupServiceAccount: (ns, n) => serviceAccounts.get(`${ns}/${n}`) });
  store = new TokenStore({ file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wh-authn-")), TOKENS_FILE) });
});
afterAll(async () => {
  await identity.close();
  await t.dispose();
});

const req = (authorization?: string) => new Request("https://x/api/v1/pods", { headers: authorization ? { authorization } : {} });

describe("authenticateRequest", () => {
  it("accepts the admin token, a personal access token and a ServiceAccount token; refuses the rest", async () => {
    const auth = {
      adminToken: (tok: string) => store.lookup(tok),
      accessToken: (tok: string) => identity.authenticateAccessToken(tok),
      serviceAccountToken: (tok: string) => identity.verifyServiceAccountToken(tok),
    };
    const admin = store.issue("admin", { name: "admin", groups: ["system:masters", "system:authenticated"] });
    const alice = await identity.users.create({ username: "alice" });
    const pat = await identity.accessTokens.create(alice.id, { name: "cli" });
    const sa = await identity.issueServiceAccountToken({ namespace: "ci", name: "bot", uid: "sa-1" });

    expect((await authenticateRequest(req(`Bearer ${admin}`), auth))?.name).toBe("admin");
    expect(await authenticateRequest(req(`Bearer ${pat.token}`), auth)).toEqual({ name: "alice", uid: alice.id, groups: ["system:authenticated"] });
    expect((await authenticateRequest(req(`Bearer ${sa.token}`), auth))?.name).toBe("system:serviceaccount:ci:bot");
    expect(await authenticateRequest(req("Bearer nope"), auth)).toBeUndefined();
    expect(await authenticateRequest(req(), auth)).toBeUndefined();

    // Revocation applies to the very next request.
    await identity.accessTokens.revoke(pat.record.id);
    expect(await authenticateRequest(req(`Bearer ${pat.token}`), auth)).toBeUndefined();
    // A TokenStore alone knows only its own tokens.
    expect(await authenticateRequest(req(`Bearer ${sa.token}`), store)).toBeUndefined();
    expect((await authenticateRequest(req(`Bearer ${admin}`), store))?.name).toBe("admin");
  });
});
