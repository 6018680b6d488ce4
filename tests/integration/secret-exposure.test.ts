// Why: no secret may reach a browser or a log: after logins (good and bad), kubectl with good, forbidden and bogus tokens, a TokenRequest and GraphQL calls, none of the server's secrets appears in its log, in a page's HTML or in any client asset of the build.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { AUTH_SECRET_FILE } from "@/server/auth/auth-secret";
import { SA_SIGNING_KEY_FILE } from "@/server/identity/service-account-tokens";
import { ConsoleSession } from "./console-session";
import { gqlWithToken } from "./graphql-client";
import { KubectlHarness } from "./kubectl-harness";
import { TestUsers, type TestUser } from "./test-users";

const root = path.resolve(import.meta.dirname, "..", "..");
const ADMIN_PASSWORD = "Adm1n-Pa55word-for-secret-exposure";
const WRONG_PASSWORD = "Wr0ng-Pa55word-typed-by-someone";
const BOGUS_TOKEN = "whp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

const h = new KubectlHarness();
let users: TestUsers;
let sam: TestUser;
/** Every secret the server holds or was handed, by what it is. */
const secrets: Record<string, string> = {};

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function expectNoSecretIn(where: string, text: string): void {
  for (const [what, secret] of Object.entries(secrets)) {
    expect(text.includes(secret), `${what} found in ${where}`).toBe(false);
  }
}

beforeAll(async () => {
  await h.start("wheelhouse-it-secrets-", { WHEELHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD });
  users = new TestUsers(h.server, h.apiUrl);
  sam = await users.create("sam", []);
  const admin = parse(readFileSync(h.kubeconfig, "utf8")) as { users: { user: { token: string } }[] };
  const signingKey = readFileSync(path.join(h.server.dataDir, SA_SIGNING_KEY_FILE), "utf8");
  // The PEM body without its armour lines: the private key material itself.
  const keyBody = signingKey.split("\n").filter((l) => l && !l.startsWith("-----")).join("");

  // Use every credential, rightly and wrongly, so that whatever the server logs about them is in its log.
  await h.ok(["get", "pods", "-A"]);
  const saToken = (await h.ok(["create", "token", "default", "-n", "default"])).trim();
  expect((await h.kubectl(["get", "pods", "--token", saToken])).code).not.toBe(0); // the default SA may read nothing
  expect((await h.kubectl(["get", "pods", "-n", "default"], { KUBECONFIG: sam.kubeconfig })).stderr).toContain("forbidden");
  expect((await h.kubectl(["get", "pods", "--token", BOGUS_TOKEN])).stderr).toContain("Unauthorized");
  expect((await gqlWithToken(h.server.url, sam.token, "{ namespaces { items { name } } }")).httpStatus).toBe(200);
  expect((await gqlWithToken(h.server.url, BOGUS_TOKEN, "{ namespaces { items { name } } }")).httpStatus).toBe(401);
  await new ConsoleSession(h.server.url).login("sam", sam.password);
  await expect(new ConsoleSession(h.server.url).login("admin", WRONG_PASSWORD)).rejects.toThrow(/login of admin failed/);

  Object.assign(secrets, {
    "the admin password": ADMIN_PASSWORD,
    "a mistyped password": WRONG_PASSWORD,
    "the admin token": admin.users[0].user.token,
    "the session secret": readFileSync(path.join(h.server.dataDir, AUTH_SECRET_FILE), "utf8").trim(),
    "the ServiceAccount signing key": keyBody,
    "a ServiceAccount token": saToken,
    "a user's password": sam.password,
    "a personal access token": sam.token,
    "a bogus token": BOGUS_TOKEN,
  });
}, 300_000);

afterAll(async () => {
  await users?.close();
  await h.stop();
});

describe("secrets stay secret", () => {
  it("are not in the server's log", () => {
    const log = h.server.logs();
    expect(log).toContain("Kubernetes API on"); // the log is the server's own
    expectNoSecretIn("the server log", log);
  });

  it("are not in the HTML of the login page or a signed-in user's pages", async () => {
    const login = await fetch(`${h.server.url}/login`);
    expectNoSecretIn("/login", await login.text());
    const session = await new ConsoleSession(h.server.url).login("sam", sam.password);
    for (const page of ["/", "/pods", "/tokens", "/access"]) {
      const { status, html } = await session.page(page);
      expect(status, page).toBeLessThan(500);
      expectNoSecretIn(page, html);
    }
  });

  it("are not in any client asset of the build", () => {
    const files = filesUnder(path.join(root, ".next", "static"));
    expect(files.some((f) => f.endsWith(".js"))).toBe(true);
    for (const f of files) expectNoSecretIn(path.relative(root, f), readFileSync(f, "latin1"));
  });
});
