// Why: the login itself, in process: the real next-auth handler with our options signs a user in only with the right password, puts only the user id in the session, and maps OIDC claims.
import NextAuth from "next-auth";
import { decode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAuthOptions, groupsOf, TOO_MANY_ATTEMPTS, usernameOf, type LoginIdentity, type OidcIdentity } from "./auth-options";
import { LoginThrottle } from "./login-throttle";
import { parseCookies, readSessionCookie, sessionToken } from "./session-cookie";

const SECRET = "z".repeat(48);
const BASE = "http://wheelhouse.test";

/** A fake identity service: alice/wonderland is user u-alice; OIDC logins are recorded. */
function identity(): LoginIdentity & { oidc: OidcIdentity[]; disabledSubjects: Set<string> } {
  const oidc: OidcIdentity[] = [];
  const disabledSubjects = new Set<string>();
  return {
    oidc,
    disabledSubjects,
    verifyPassword: async (u, p) => (u === "alice" && p === "wonderland" ? "u-alice" : undefined),
    oidcLogin: async (who) => (oidc.push(who), disabledSubjects.has(who.subject) ? undefined : `u-${who.username}`),
  };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body?: unknown;
}

/** Drives next-auth's API handler (the pages-router entry: no Next request context needed) like a browser: keeps cookies. */
class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly options: ReturnType<typeof createAuthOptions>) {}

  async call(method: "GET" | "POST", action: string[], body?: Record<string, string>, query: Record<string, string> = {}): Promise<Reply> {
    const reply: Reply = { status: 200, headers: {} };
    const res = {
      status(n: number) {
        reply.status = n;
        return res;
      },
      setHeader(k: string, v: string | string[]) {
        reply.headers[k.toLowerCase()] = v;
        return res;
      },
      getHeader: (k: string) => reply.headers[k.toLowerCase()],
      send: (b: unknown) => ((reply.body = b), res),
      json: (b: unknown) => ((reply.body = b), res),
      end: () => res,
    };
    const req = {
      method,
      query: { nextauth: action, ...query },
      body: body ?? {},
      cookies: Object.fromEntries(this.cookies),
      headers: { host: "wheelhouse.test", cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    };
    await NextAuth(req as never, res as never, this.options);
    const set = reply.headers["set-cookie"];
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair] = c.split(";");
      const [k, v] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      if (v === "" || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, decodeURIComponent(v));
    }
    return reply;
  }

  async login(username: string, password: string, callbackUrl = `${BASE}/pods`): Promise<Reply> {
    const csrf = (await this.call("GET", ["csrf"])).body as { csrfToken: string };
    return this.call("POST", ["callback", "credentials"], { username, password, csrfToken: csrf.csrfToken, callbackUrl, json: "true" });
  }

  headers(): Headers {
    return new Headers({ cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  }
}

beforeAll(() => {
  vi.stubEnv("NEXTAUTH_URL", BASE);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterAll(() => vi.unstubAllEnvs());

describe("credentials login through next-auth", () => {
  it("signs alice in with her password; the session JWT carries her user id and nothing else", async () => {
    const b = new Browser(createAuthOptions({ secret: SECRET, maxAge: 3600, identity: async () => identity() }));
    const r = await b.login("alice", "wonderland");
    expect(r.body).toEqual({ url: `${BASE}/pods` });
    const claims = await readSessionCookie(b.headers(), SECRET);
    expect(claims?.userId).toBe("u-alice");
    expect(claims!.expiresAt - Date.now() / 1000).toBeGreaterThan(3500);
    expect(claims!.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(3600);
    const payload = await decode({ token: sessionToken(parseCookies(b.headers().get("cookie")))!, secret: SECRET });
    expect(Object.keys(payload!).sort()).toEqual(["exp", "iat", "jti", "sub"]);
  });

  it("sets the session cookie httpOnly, SameSite=Lax, path /", async () => {
    const b = new Browser(createAuthOptions({ secret: SECRET, maxAge: 3600, identity: async () => identity() }));
    const csrf = (await b.call("GET", ["csrf"])).body as { csrfToken: string };
    const r = await b.call("POST", ["callback", "credentials"], { username: "alice", password: "wonderland", csrfToken: csrf.csrfToken, json: "true" });
    const setCookie = ([] as string[]).concat(r.headers["set-cookie"] ?? []).find((c) => c.startsWith("next-auth.session-token="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//i);
  });

  it.each([
    { name: "a wrong password", username: "alice", password: "nope" },
    { name: "an unknown user (same answer: no user enumeration)", username: "mallory", password: "wonderland" },
    { name: "an empty password", username: "alice", password: "" },
  ])("refuses $name with CredentialsSignin and no session", async ({ username, password }) => {
    const b = new Browser(createAuthOptions({ secret: SECRET, maxAge: 3600, identity: async () => identity() }));
    const r = await b.login(username, password);
    expect(r.status).toBe(401);
    const url = new URL((r.body as { url: string }).url);
    expect(url.searchParams.get("error")).toBe("CredentialsSignin");
    // next-auth's error route goes to its sign-in route, which hands the error to our login page.
    const viaError = await b.call("GET", ["error"], undefined, { error: "CredentialsSignin" });
    expect(viaError.headers.location).toBe(`${BASE}/api/auth/signin?error=CredentialsSignin`);
    const shown = await b.call("GET", ["signin"], undefined, { error: "CredentialsSignin" });
    expect(shown.headers.location).toMatch(/^\/login\?.*error=CredentialsSignin/);
    expect(await readSessionCookie(b.headers(), SECRET)).toBeUndefined();
  });

  it("refuses a login POST without the CSRF token", async () => {
    const b = new Browser(createAuthOptions({ secret: SECRET, maxAge: 3600, identity: async () => identity() }));
    await b.call("GET", ["csrf"]);
    await b.call("POST", ["callback", "credentials"], { username: "alice", password: "wonderland", json: "true" });
    expect(await readSessionCookie(b.headers(), SECRET)).toBeUndefined();
  });

  it("signs out: the session cookie is cleared", async () => {
    const b = new Browser(createAuthOptions({ secret: SECRET, maxAge: 3600, identity: async () => identity() }));
    await b.login("alice", "wonderland");
    const csrf = (await b.call("GET", ["csrf"])).body as { csrfToken: string };
    await b.call("POST", ["signout"], { csrfToken: csrf.csrfToken, json: "true" });
    expect(await readSessionCookie(b.headers(), SECRET)).toBeUndefined();
  });
});

describe("callbacks", () => {
  const opts = (id = identity()) => createAuthOptions({ secret: SECRET, maxAge: 60, identity: async () => id });

  it("an OIDC sign-in finds or creates the user by subject with the groups claim, and the session names our user id", async () => {
    const id = identity();
    const user = { id: "sub-123", subject: "sub-123", name: "carol", displayName: "Carol C", groups: ["team-a"] };
    const ok = await opts(id).callbacks!.signIn!({ user, account: { provider: "oidc", type: "oauth", providerAccountId: "sub-123" } } as never);
    expect(ok).toBe(true);
    expect(id.oidc).toEqual([{ subject: "sub-123", username: "carol", displayName: "Carol C", groups: ["team-a"] }]);
    expect(user.id).toBe("u-carol");
    expect(await opts(id).callbacks!.jwt!({ token: { sub: "sub-123", name: "carol", email: "c@x" }, user } as never)).toEqual({ sub: "u-carol" });
  });

  it("refuses an OIDC sign-in the identity service refuses (disabled user)", async () => {
    const id = identity();
    id.disabledSubjects.add("sub-9");
    const user = { id: "sub-9", subject: "sub-9", name: "dave", groups: [] };
    expect(await opts(id).callbacks!.signIn!({ user, account: { provider: "oidc", type: "oauth", providerAccountId: "sub-9" } } as never)).toBe(false);
  });

  it.each([
    { url: "/pods", want: `${BASE}/pods` },
    { url: `${BASE}/nodes`, want: `${BASE}/nodes` },
    { url: "https://evil.example/x", want: BASE },
    { url: "//evil.example/x", want: BASE },
  ])("redirects after login only within the site: $url", async ({ url, want }) => {
    expect(await opts().callbacks!.redirect!({ url, baseUrl: BASE })).toBe(want);
  });

  it("offers the OIDC provider only when configured", () => {
    expect(opts().providers.map((p) => p.id)).toEqual(["credentials"]);
    const withOidc = createAuthOptions({
      secret: SECRET,
      maxAge: 60,
      identity: async () => identity(),
      oidc: { issuer: "https://idp.example", clientId: "wh", clientSecret: "s", name: "Example SSO", scopes: "openid groups", groupsClaim: "groups" },
    });
    expect(withOidc.providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(withOidc.providers[1]).toMatchObject({ name: "Example SSO", wellKnown: "https://idp.example/.well-known/openid-configuration", idToken: true, checks: ["pkce", "state"] });
  });
});

describe("claims", () => {
  it.each([
    { claims: { groups: ["team-a", "team-b", "team-a", " "] }, want: ["team-a", "team-b"] },
    { claims: { groups: "team-a, team-b" }, want: ["team-a", "team-b"] },
    { claims: { groups: [1, "x"] }, want: ["x"] },
    { claims: {}, want: [] },
  ])("groupsOf($claims)", ({ claims, want }) => {
    expect(groupsOf(claims, "groups")).toEqual(want);
  });

  it.each([
    { claims: { preferred_username: "carol", email: "c@x", sub: "1" }, want: "carol" },
    { claims: { email: "c@x", sub: "1" }, want: "c@x" },
    { claims: { sub: "1" }, want: "1" },
  ])("usernameOf → $want", ({ claims, want }) => {
    expect(usernameOf(claims)).toBe(want);
  });
});

describe("password guessing", () => {
  it("locks a name after 5 failures (known or not) without checking its password, until the lockout ends", async () => {
    let now = 1_000_000;
    const checked: string[] = [];
    const id = identity();
    const counting: LoginIdentity = { ...id, verifyPassword: (u, p) => (checked.push(u), id.verifyPassword(u, p)) };
    const options = createAuthOptions({ secret: SECRET, maxAge: 3600, identity: async () => counting, throttle: new LoginThrottle({ now: () => now }) });
    const b = new Browser(options);
    for (let i = 0; i < 5; i++) expect(new URL(((await b.login("alice", `guess-${i}`)).body as { url: string }).url).searchParams.get("error")).toBe("CredentialsSignin");
    const locked = await b.login("alice", "wonderland");
    expect(new URL((locked.body as { url: string }).url).searchParams.get("error")).toBe(TOO_MANY_ATTEMPTS);
    expect(checked).toHaveLength(5);
    expect(await readSessionCookie(b.headers(), SECRET)).toBeUndefined();
    // An unknown name is locked the same way, so the lockout does not reveal which names exist.
    for (let i = 0; i < 5; i++) await b.login("mallory", `guess-${i}`);
    expect(new URL(((await b.login("mallory", "x")).body as { url: string }).url).searchParams.get("error")).toBe(TOO_MANY_ATTEMPTS);
    now += 60_000;
    await b.login("alice", "wonderland");
    expect((await readSessionCookie(b.headers(), SECRET))?.userId).toBe("u-alice");
  });
});

