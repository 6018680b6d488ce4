// Why: next-auth's one configuration: password and (optional) OIDC login, JWT sessions that carry only the user id, our login page, cookie flags.

import path from "node:path";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { LoginThrottle } from "./login-throttle";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { parseConfig, type OidcConfig } from "@/server/config";
import { requireIdentity } from "@/server/identity";
import { getRuntime } from "@/server/runtime/runtime";
import { authSecret } from "./auth-secret";

/** The provider id of the OpenID Connect login (the callback URL is /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

/** What a successful OIDC login tells us about the person. */
export interface OidcIdentity {
  /** The token's `sub`: stable, the key the user is found by. */
  subject: string;
  /** A proposed user name (preferred_username, else email, else sub). */
  username: string;
  displayName?: string;
  /** The groups claim: replaces the user's team memberships. */
  groups: string[];
}

/** The two questions login asks of the identity service (server/identity). */
export interface LoginIdentity {
  /** The user id for this username and password, or undefined (unknown user, wrong password, disabled). */
  verifyPassword(username: string, password: string): Promise<string | undefined>;
  /** Finds or creates the user of an OIDC login and sets their teams; undefined refuses the login (disabled user). */
  oidcLogin(identity: OidcIdentity): Promise<string | undefined>;
}

export interface AuthOptionsConfig {
  secret: string;
  /** Session lifetime in seconds. */
  maxAge: number;
  oidc?: OidcConfig;
  identity: () => Promise<LoginIdentity>;
  /** Failed password logins by user name; a locked name is refused with {@link TOO_MANY_ATTEMPTS}. Default: a new one. */
  throttle?: LoginThrottle;
}

/** next-auth's `error` for a password login refused because the name failed too often lately (the login page explains it). */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

/** An OIDC profile as next-auth hands it over: the ID token's claims merged with the userinfo response. */
type Claims = Record<string, unknown>;

/** The strings of a groups claim (an array of strings, or one comma-separated string as some providers send). */
export function groupsOf(claims: Claims, claim: string): string[] {
  const raw = claims[claim];
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(",") : [];
  return [...new Set(list.filter((g): g is string => typeof g === "string").map((g) => g.trim()).filter(Boolean))];
}

/** The user name an OIDC login proposes: preferred_username, else email, else sub. */
export function usernameOf(claims: Claims): string {
  for (const key of ["preferred_username", "email", "sub"]) {
    const v = claims[key];
    if (typeof v === "string" && v.trim()) return v.trim();
  }
  return "";
}

type OidcUser = User & { groups: string[]; displayName?: string; subject: string };

function oidcProvider(oidc: OidcConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: oidc.name,
    type: "oauth",
    wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: oidc.scopes } },
    // The ID token is verified (signature, issuer, audience, nonce-less code flow with PKCE and state).
    idToken: true,
    checks: ["pkce", "state"],
    userinfo: {
      // Groups often live only in the userinfo response: merge it over the ID token's claims.
      async request({ tokens, client }) {
        // At run time `tokens` is openid-client's TokenSet (the typings say only its parameters).
        const set = tokens as unknown as { claims(): Claims } & Parameters<typeof client.userinfo>[0];
        const claims = set.claims();
        try {
          // openid-client checks that the userinfo `sub` equals the ID token's.
          return { ...claims, ...((await client.userinfo(set)) as Claims), sub: claims.sub };
        } catch {
          return claims;
        }
      },
    },
    profile(claims): OidcUser {
      const username = usernameOf(claims);
      const name = typeof claims.name === "string" ? claims.name : undefined;
      return { id: String(claims.sub), subject: String(claims.sub), name: username, displayName: name, groups: groupsOf(claims, oidc.groupsClaim) };
    },
  };
}

/** next-auth options for `cfg`; tests build their own, the app uses {@link authOptions}. */
export function createAuthOptions(cfg: AuthOptionsConfig): NextAuthOptions {
  const throttle = cfg.throttle ?? new LoginThrottle();
  return {
    secret: cfg.secret,
    session: { strategy: "jwt", maxAge: cfg.maxAge, updateAge: Math.min(cfg.maxAge, 60 * 60) },
    jwt: { maxAge: cfg.maxAge },
    pages: { signIn: "/login", error: "/login", signOut: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Password",
        credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const username = credentials?.username?.trim();
          const password = credentials?.password;
          if (!username || !password || username.length > 256 || password.length > 1024) return null;
          // A locked name is refused before its password is checked, so guessing stops paying off.
          if (throttle.retryAfter(username) > 0) throw new Error(TOO_MANY_ATTEMPTS);
          const id = await (await cfg.identity()).verifyPassword(username, password);
          if (!id) {
            throttle.failed(username);
            return null;
          }
          throttle.succeeded(username);
          return { id, name: username };
        },
      }),
      ...(cfg.oidc ? [oidcProvider(cfg.oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const u = user as OidcUser;
        const id = await (await cfg.identity()).oidcLogin({ subject: u.subject, username: u.name ?? u.subject, displayName: u.displayName, groups: u.groups ?? [] });
        if (!id) return false;
        // The session names our user id, not the provider's subject.
        u.id = id;
        return true;
      },
      // The JWT carries the user id only; name and teams are read per request (server/auth/session-user).
      async jwt({ token, user }) {
        return { sub: user?.id ?? token.sub };
      },
      async session({ session, token }) {
        return { expires: session.expires, user: { id: token.sub } } as typeof session;
      },
      // Only this site's URLs after login or logout.
      async redirect({ url, baseUrl }) {
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === new URL(baseUrl).origin) return url;
        } catch {
          // fall through
        }
        return baseUrl;
      },
    },
    logger: {
      error: (code, meta) => console.error(`wheelhouse: auth ${code}:`, meta instanceof Error ? meta.message : ((meta as { message?: string })?.message ?? "")),
      warn: (code) => (code === "DEBUG_ENABLED" ? undefined : console.warn(`wheelhouse: auth ${code}`)),
      debug: () => undefined,
    },
  };
}

const OPTIONS_KEY = Symbol.for("wheelhouse.authOptions");
type GlobalWithOptions = typeof globalThis & { [OPTIONS_KEY]?: NextAuthOptions };

/** This process's next-auth options (built on first use, never during `next build`: the secret may be generated into DATA_DIR). */
export function authOptions(): NextAuthOptions {
  const g = globalThis as GlobalWithOptions;
  if (!g[OPTIONS_KEY]) {
    const config = parseConfig();
    g[OPTIONS_KEY] = createAuthOptions({
      secret: authSecret(path.resolve(config.dataDir)),
      maxAge: config.sessionMaxAge,
      oidc: config.oidc,
      identity: async () => requireIdentity(await getRuntime()),
    });
  }
  return g[OPTIONS_KEY];
}
