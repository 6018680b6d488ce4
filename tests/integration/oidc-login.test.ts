// Why: OIDC login against a real OpenID provider (oidc-provider on a free port), not a mock: authorization code with PKCE, ID token and userinfo, groups claim → teams.
import Provider from "oidc-provider";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "./graphql-client";
import { ServerProcess, freePort, tempDataDir } from "./server-process";

const CLIENT_ID = "wheelhouse";
const CLIENT_SECRET = "wheelhouse-test-client-secret";

/** The provider's accounts; the test changes olga's groups between logins. */
const ACCOUNTS: Record<string, { preferred_username: string; name: string; email: string; groups: string[] }> = {
  "olga-sub-1": { preferred_username: "olga", name: "Olga Oidc", email: "olga@example.test", groups: ["team-a"] },
};

/** Cookies per origin, as a browser keeps them (path and expiry are not needed here). */
class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.byHost.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    this.byHost.set(host, jar);
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
  }
}

/** A browser without JavaScript: manual redirects, one cookie jar. */
class Browser {
  readonly jar = new CookieJar();

  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.jar.header(url) };
    if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await fetch(url, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body: init.form ? new URLSearchParams(init.form) : undefined, redirect: "manual" });
    this.jar.store(url, res);
    return res;
  }
}

/**
 * Signs in through Wheelhouse's OIDC button: next-auth's sign-in POST, the provider's login
 * and consent pages (oidc-provider's dev interactions: the login field is the account id),
 * back to /api/auth/callback/oidc. Returns where Wheelhouse sends the browser at the end.
 */
async function oidcLogin(b: Browser, wh: string, accountId: string): Promise<string> {
  const { csrfToken } = (await (await b.go(`${wh}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = (await (await b.go(`${wh}/api/auth/signin/oidc`, { form: { csrfToken, callbackUrl: `${wh}/pods`, json: "true" } })).json()) as { url: string };
  let url = start.url;
  expect(url).toMatch(/code_challenge_method=S256/);
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(`${wh}/api/auth/callback/oidc`)) {
      const done = await b.go(url);
      expect(done.status).toBe(302);
      return new URL(done.headers.get("location")!, wh).toString();
    }
    const res = await b.go(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).toString();
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 500)).toBe(200);
    const action = new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1], url).toString();
    const form: Record<string, string> = html.includes('name="login"') ? { prompt: "login", login: accountId, password: "any" } : { prompt: "consent" };
    const posted = await b.go(action, { form });
    expect(posted.status, `POST ${action}`).toBeGreaterThanOrEqual(300);
    url = new URL(posted.headers.get("location")!, action).toString();
  }
  throw new Error("the OIDC login did not come back to Wheelhouse");
}

/** Creates an object over the REST API with the admin token of admin.kubeconfig. */
async function asAdmin(wh: ServerProcess, path: string, body: object): Promise<void> {
  const res = await fetch(`${wh.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken(wh.dataDir)}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

/** The signed-in user's name and teams as the console header shows them. */
async function consoleHeader(b: Browser, wh: ServerProcess): Promise<{ status: number; name?: string; teams?: string }> {
  const res = await b.go(`${wh.url}/`);
  const html = await res.text();
  if (res.status !== 200) console.error(`GET / answered ${res.status}; server log:\n${wh.logs().slice(-4000)}`);
  return {
    status: res.status,
    name: /data-testid="user-name"[^>]*>([^<]*)</.exec(html)?.[1],
    teams: /data-testid="user-teams"[^>]*>([^<]*)</.exec(html)?.[1],
  };
}

describe("OIDC login against a real OpenID provider", () => {
  let idp: Server;
  let issuer: string;
  let wh: ServerProcess;

  beforeAll(async () => {
    const whPort = await freePort();
    const idpPort = await freePort();
    issuer = `http://127.0.0.1:${idpPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`http://127.0.0.1:${whPort}/api/auth/callback/oidc`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      // Groups are a claim of their own scope; with conformIdTokenClaims (the default) they reach Wheelhouse through userinfo.
      claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"], groups: ["groups"] },
      scopes: ["openid", "profile", "email", "groups"],
      findAccount: async (_ctx, id) => (ACCOUNTS[id] ? { accountId: id, claims: async () => ({ sub: id, ...ACCOUNTS[id] }) } : undefined),
      pkce: { required: () => true },
      cookies: { keys: ["oidc-login-test-cookie-key"] },
      features: { devInteractions: { enabled: true } },
    });
    idp = await new Promise<Server>((resolve) => {
      const s = provider.listen(idpPort, "127.0.0.1", () => resolve(s));
    });
    wh = new ServerProcess(whPort, tempDataDir("wheelhouse-oidc-"), {
      WHEELHOUSE_NODES: "0",
      WHEELHOUSE_DEMO: "false",
      WHEELHOUSE_ADMIN_PASSWORD: "oidc-test-admin-password",
      WHEELHOUSE_OIDC_ISSUER: issuer,
      WHEELHOUSE_OIDC_CLIENT_ID: CLIENT_ID,
      WHEELHOUSE_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      WHEELHOUSE_OIDC_NAME: "Test IdP",
    });
    await wh.start();
    // RBAC decides what the teams may do: teams a, b and c may read what the console's overview lists.
    await asAdmin(wh, "/apis/rbac.authorization.k8s.io/v1/clusterroles", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "console-reader" },
      rules: [
        { apiGroups: [""], resources: ["nodes", "namespaces", "pods", "events"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch"] },
      ],
    });
    await asAdmin(wh, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "teams-read" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "console-reader" },
      subjects: ["team-a", "team-b", "team-c"].map((name) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name })),
    });
  });

  afterAll(async () => {
    await wh?.stop();
    await new Promise((r) => idp?.close(r));
  });

  it("offers the provider on the login page", async () => {
    const html = await (await fetch(`${wh.url}/login`)).text();
    expect(html).toContain("Sign in with <!-- -->Test IdP");
  });

  it("signs olga in with the authorization code flow; her groups claim becomes her teams", async () => {
    const b = new Browser();
    expect(await oidcLogin(b, wh.url, "olga-sub-1")).toBe(`${wh.url}/pods`);
    expect(await consoleHeader(b, wh)).toEqual({ status: 200, name: "olga", teams: "team-a" });
    // The same session authenticates GraphQL.
    const gql = await fetch(`${wh.url}/api/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie: b.jar.header(wh.url) }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(gql.status).toBe(200);
  });

  it("replaces her teams with the groups of her next login", async () => {
    ACCOUNTS["olga-sub-1"].groups = ["team-b", "team-c"];
    const b = new Browser();
    await oidcLogin(b, wh.url, "olga-sub-1");
    expect(await consoleHeader(b, wh)).toMatchObject({ name: "olga", teams: "team-b, team-c" });
  });

  it("without the session, the console sends the browser to the login page", async () => {
    const res = await new Browser().go(`${wh.url}/pods`);
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toMatch(/\/login\?callbackUrl=%2Fpods$/);
  });
});
