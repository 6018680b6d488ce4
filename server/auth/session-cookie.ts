// Why: the proxy and the console read the next-auth session cookie without booting next-auth: the cookie's JWT names the user id, nothing more.

import { decode } from "next-auth/jwt";

/** next-auth's session cookie over http, and its `__Secure-` twin it sets over https. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** The cookies of a `Cookie` header, by name (first occurrence wins, as browsers send the most specific first). */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || out.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value: a JWT never needs decoding anyway
    }
    out.set(name, value);
  }
  return out;
}

/** The session token in these cookies: whole, or re-joined from next-auth's `.0`, `.1`… chunks. */
export function sessionToken(cookies: Map<string, string>): string | undefined {
  for (const name of SESSION_COOKIES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join("");
  }
  return undefined;
}

/** What a valid session says: who, and until when (seconds since the epoch). */
export interface SessionClaims {
  userId: string;
  expiresAt: number;
}

/**
 * The claims of the session cookie in `headers`, or undefined when there is none, it does
 * not decrypt with `secret`, or it has expired. Never throws for a bad cookie.
 */
export async function readSessionCookie(headers: Headers, secret: string): Promise<SessionClaims | undefined> {
  const token = sessionToken(parseCookies(headers.get("cookie")));
  if (!token) return undefined;
  try {
    const payload = await decode({ token, secret });
    const userId = typeof payload?.sub === "string" ? payload.sub : undefined;
    const exp = typeof payload?.exp === "number" ? payload.exp : undefined;
    return userId && exp ? { userId, expiresAt: exp } : undefined;
  } catch {
    return undefined;
  }
}
