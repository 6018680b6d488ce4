// Why: next-auth's endpoints (/api/auth/csrf, /signin, /callback/<provider>, /signout, /session) for the console's login.

import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/auth-options";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Without NEXTAUTH_URL, next-auth builds its URLs (OIDC redirect_uri, cookie Secure flag) from the
// request's Host and X-Forwarded-Proto, which is right for a self-hosted server reached under several names.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

type Context = { params: Promise<{ nextauth: string[] }> };

/** Options are built on the first request, not at import: `next build` must not generate the secret. */
function handle(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptions());
}

export { handle as GET, handle as POST };
