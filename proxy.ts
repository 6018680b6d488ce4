// Why: in front of every console page: no session, no page (redirect to /login), and each page response gets a fresh CSP nonce and the security headers.

import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/app/lib/server/security-headers";
import { PATH_HEADER } from "@/app/lib/server/request-path";
import { LOGIN_PATH, loginUrlFor } from "@/app/login/safe-callback-url";
import { authSecret } from "@/server/auth/auth-secret";
import { parseCookies, readSessionCookie, sessionToken } from "@/server/auth/session-cookie";
import { parseConfig } from "@/server/config";

/** Paths that are not console pages: APIs answer 401 themselves, or are public as Kubernetes' /version and /readyz are. */
const NOT_PAGES = /^\/(?:api|apis|version|openapi|readyz|livez|healthz|_next)(?:\/|$)/;

/** Pages reachable without a session. */
function isPublicPage(pathname: string): boolean {
  return pathname === LOGIN_PATH || pathname.startsWith(`${LOGIN_PATH}/`);
}

/** Redirects console pages without a session to the login page, and sets CSP + security headers on every page. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (NOT_PAGES.test(pathname)) return NextResponse.next();

  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === "development", https });
  const headers = securityHeaders(csp);

  // Server actions answer 401 themselves (a redirect would break the action's response); pages go to the login page.
  if (!isPublicPage(pathname) && !request.headers.has("next-action")) {
    const claims = await readSessionCookie(request.headers, authSecret(parseConfig().dataDir));
    if (!claims) {
      const login = new URL(loginUrlFor(`${pathname}${search}`), request.url);
      // A cookie that no longer decrypts or has expired: the login page says the session ended.
      if (sessionToken(parseCookies(request.headers.get("cookie")))) login.searchParams.set("expired", "1");
      const res = NextResponse.redirect(login);
      for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
      return res;
    }
  }

  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", csp);
  forwarded.set(PATH_HEADER, `${pathname}${search}`);
  const res = NextResponse.next({ request: { headers: forwarded } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Static assets and the API paths never reach the proxy (so their bodies are not buffered); the check above repeats the API rule.
  matcher: ["/((?!api/|api$|apis/|apis$|version$|openapi/|openapi$|readyz|livez|healthz|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
