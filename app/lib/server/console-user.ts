// Why: every console page, layout and server action acts as the signed-in user, re-read from the session on each request (never trusted from the client).

import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { unauthorized } from "@/core/api/errors";
import type { UserInfo } from "@/core/apiserver/types";
import { loginUrlFor } from "@/app/login/safe-callback-url";
import { sessionUser } from "@/server/auth/session-user";
import { requestPath } from "./request-path";

/** The message of a server action called without a valid session. */
export const SESSION_EXPIRED = "Your session has expired or you signed out. Sign in again.";

/** One session lookup per request, however many components ask (React's per-request cache). */
const userOfRequest = cache(async (): Promise<UserInfo | undefined> => sessionUser(await headers()));

/**
 * The signed-in user of this request. Without one, pages and layouts are redirected to the
 * login page (which returns here afterwards); server actions get a 401 Unauthorized ApiError
 * (`mode: "action"`), which they hand back as a failed result.
 */
export async function consoleUser(mode: "page" | "action" = "page"): Promise<UserInfo> {
  const h = await headers();
  const user = await userOfRequest();
  if (user) return user;
  if (mode === "action") throw unauthorized(SESSION_EXPIRED);
  redirect(loginUrlFor(requestPath(h)));
}
