// Why: /login — the console's sign-in page: username and password, or the configured OpenID provider.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { sessionUser } from "@/server/auth/session-user";
import { parseConfig } from "@/server/config";
import { LoginForm } from "./login-form";
import { BAD_CREDENTIALS_MESSAGE, TOO_MANY_ATTEMPTS_MESSAGE } from "./messages";
import { safeCallbackUrl } from "./safe-callback-url";

export const metadata: Metadata = { title: "Sign in" };

/** Messages for next-auth's `?error=` codes; none says whether a user name exists. */
const ERRORS: Record<string, string> = {
  CredentialsSignin: BAD_CREDENTIALS_MESSAGE,
  TooManyAttempts: TOO_MANY_ATTEMPTS_MESSAGE,
  AccessDenied: "This account may not sign in. Ask an administrator.",
  OAuthSignin: "Could not reach the identity provider. Try again.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
  Callback: "The identity provider's answer could not be verified. Try again.",
  OAuthAccountNotLinked: "This account is linked to another sign-in method.",
  SessionRequired: "Sign in to continue.",
};

/** The sign-in page; a visitor who is already signed in goes straight on. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; expired?: string }> }) {
  await connection();
  const { callbackUrl, error, expired } = await searchParams;
  const target = safeCallbackUrl(callbackUrl);
  if (!error && (await sessionUser(await headers()).catch(() => undefined))) redirect(target);
  const oidc = parseConfig().oidc;
  const message = error ? (ERRORS[error] ?? "Sign-in failed. Try again.") : expired ? "Your session has expired. Sign in again." : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2.5">
          <svg viewBox="0 0 32 32" className="h-8 w-8 text-sky-600" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
            <circle cx="16" cy="16" r="11" />
            <circle cx="16" cy="16" r="3.5" />
            {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
              <line key={a} x1="16" y1="12.5" x2="16" y2="3" transform={`rotate(${a} 16 16)`} />
            ))}
          </svg>
          <span className="text-[20px] font-semibold tracking-tight text-slate-900">Wheelhouse</span>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-[16px] font-semibold text-slate-900">Sign in to the console</h1>
          <LoginForm callbackUrl={target} initialError={message} oidcName={oidc?.name} />
        </div>
      </div>
    </main>
  );
}
