// Why: the proxy lets a page through only on a session cookie that decrypts with our secret and has not expired; everything else must read as "no session".
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { parseCookies, readSessionCookie, sessionToken } from "./session-cookie";

const SECRET = "s".repeat(48);
const headers = (cookie: string) => new Headers({ cookie });

describe("parseCookies / sessionToken", () => {
  it("reads names and values, first occurrence wins, quotes and escapes undone", () => {
    const c = parseCookies('a=1; b="two"; a=3; c=%3D%3D; bad; =x');
    expect([...c]).toEqual([
      ["a", "1"],
      ["b", "two"],
      ["c", "=="],
    ]);
  });

  it.each([
    { name: "http cookie", cookie: "next-auth.session-token=T", want: "T" },
    { name: "https cookie first", cookie: "next-auth.session-token=H; __Secure-next-auth.session-token=S", want: "S" },
    { name: "chunks re-joined in order", cookie: "next-auth.session-token.1=B; next-auth.session-token.0=A", want: "AB" },
    { name: "none", cookie: "other=1", want: undefined },
  ])("$name", ({ cookie, want }) => {
    expect(sessionToken(parseCookies(cookie))).toBe(want);
  });
});

describe("readSessionCookie", () => {
  it("returns the user id and expiry of a valid session", async () => {
    const token = await encode({ token: { sub: "u-1" }, secret: SECRET, maxAge: 60 });
    const claims = await readSessionCookie(headers(`next-auth.session-token=${token}`), SECRET);
    expect(claims?.userId).toBe("u-1");
    expect(claims!.expiresAt - Date.now() / 1000).toBeGreaterThan(30);
  });

  it.each([
    { name: "no cookie", make: async () => "" },
    { name: "garbage", make: async () => "next-auth.session-token=not-a-jwt" },
    { name: "another secret", make: async () => `next-auth.session-token=${await encode({ token: { sub: "u-1" }, secret: "o".repeat(48) })}` },
    { name: "expired", make: async () => `next-auth.session-token=${await encode({ token: { sub: "u-1" }, secret: SECRET, maxAge: -60 })}` },
    { name: "no subject", make: async () => `next-auth.session-token=${await encode({ token: { name: "x" }, secret: SECRET })}` },
  ])("is undefined for $name", async ({ make }) => {
    expect(await readSessionCookie(headers(await make()), SECRET)).toBeUndefined();
  });
});
