// Why: tokens are stored only as hashes, the admin kubeconfig is written once with mode 0600, and only its token authenticates.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureAdminKubeconfig } from "./admin-kubeconfig";
import { authenticateRequest, bearerToken } from "./authenticate";
import { TOKENS_FILE, TokenStore } from "./token-store";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "wh-auth-"));

describe("admin kubeconfig and tokens", () => {
  it("writes a 0600 kubeconfig whose token authenticates the admin, storing only a hash", async () => {
    const dir = tmp();
    const file = ensureAdminKubeconfig({ dataDir: dir, server: "https://127.0.0.1:4321", caCert: "PEM" });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const kc = parse(fs.readFileSync(file, "utf8"));
    expect(kc.clusters[0].cluster).toEqual({ server: "https://127.0.0.1:4321", "certificate-authority-data": Buffer.from("PEM").toString("base64") });
    const token: string = kc.users[0].user.token;
    expect(token.length).toBeGreaterThan(30);
    expect(fs.readFileSync(path.join(dir, TOKENS_FILE), "utf8")).not.toContain(token);
    const store = new TokenStore({ file: path.join(dir, TOKENS_FILE) });
    const user = await authenticateRequest(new Request("http://x/api", { headers: { authorization: `Bearer ${token}` } }), store);
    expect(user).toMatchObject({ name: "admin", groups: expect.arrayContaining(["system:masters"]) });
    expect(await authenticateRequest(new Request("http://x/api", { headers: { authorization: "Bearer nope" } }), store)).toBeUndefined();
    expect(await authenticateRequest(new Request("http://x/api"), store)).toBeUndefined();
  });

  it("keeps the token across restarts and follows a new port", () => {
    const dir = tmp();
    const first = parse(fs.readFileSync(ensureAdminKubeconfig({ dataDir: dir, server: "https://127.0.0.1:1" }), "utf8"));
    const second = parse(fs.readFileSync(ensureAdminKubeconfig({ dataDir: dir, server: "https://127.0.0.1:2" }), "utf8"));
    expect(second.users[0].user.token).toBe(first.users[0].user.token);
    expect(second.clusters[0].cluster.server).toBe("https://127.0.0.1:2");
  });

  it("issues a new token when the kubeconfig's token is unknown", () => {
    const dir = tmp();
    const file = ensureAdminKubeconfig({ dataDir: dir, server: "https://127.0.0.1:1" });
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/token: .*/, "token: forged"));
    const kc = parse(fs.readFileSync(ensureAdminKubeconfig({ dataDir: dir, server: "https://127.0.0.1:1" }), "utf8"));
    expect(kc.users[0].user.token).not.toBe("forged");
    expect(new TokenStore({ file: path.join(dir, TOKENS_FILE) }).lookup(kc.users[0].user.token)?.name).toBe("admin");
  });

  it.each([
    ["Bearer abc", "abc"],
    ["bearer  abc ", "abc"],
    ["Basic abc", undefined],
    [null, undefined],
  ])("bearerToken(%j) = %j", (header, want) => {
    expect(bearerToken(header)).toBe(want);
  });
});
