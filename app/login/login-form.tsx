"use client";
// Why: the sign-in form posts to next-auth without a full page load, so a wrong password shows an error in place and the password field keeps focus.

import { signIn } from "next-auth/react";
import { useState, useTransition } from "react";
import { BAD_CREDENTIALS_MESSAGE, TOO_MANY_ATTEMPTS_MESSAGE } from "./messages";
import { safeCallbackUrl } from "./safe-callback-url";

/** Username/password form, plus "Sign in with <oidcName>" when an OpenID provider is configured. */
export function LoginForm({ callbackUrl, initialError, oidcName }: { callbackUrl: string; initialError?: string; oidcName?: string }) {
  const [error, setError] = useState(initialError);
  const [pending, start] = useTransition();
  const [password, setPassword] = useState("");

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      setError(undefined);
      const res = await signIn("credentials", { redirect: false, username: String(form.get("username") ?? ""), password: String(form.get("password") ?? ""), callbackUrl });
      if (res?.ok && !res.error) {
        // A full navigation, so the console's server components render with the new cookie.
        window.location.assign(safeCallbackUrl(callbackUrl));
        return;
      }
      setPassword("");
      setError(res?.error === "TooManyAttempts" ? TOO_MANY_ATTEMPTS_MESSAGE : res?.error === "CredentialsSignin" || res?.status === 401 ? BAD_CREDENTIALS_MESSAGE : "Sign-in failed. Try again.");
    });
  };

  const input =
    "h-9 w-full rounded border border-slate-300 bg-white px-3 text-[13px] outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 disabled:bg-slate-50";
  return (
    <div className="flex flex-col gap-4">
      {error && (
        <div role="alert" data-testid="login-error" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-[12.5px] text-red-800">
          {error}
        </div>
      )}
      <form onSubmit={submit} className="flex flex-col gap-3" data-testid="login-form">
        <label className="flex flex-col gap-1 text-[12px] font-medium text-slate-600">
          Username
          <input name="username" autoComplete="username" autoFocus required className={input} disabled={pending} data-testid="login-username" />
        </label>
        <label className="flex flex-col gap-1 text-[12px] font-medium text-slate-600">
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className={input}
            disabled={pending}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        <button
          type="submit"
          disabled={pending}
          data-testid="login-submit"
          className="mt-1 h-9 rounded bg-sky-600 text-[13px] font-medium text-white hover:bg-sky-700 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidcName && (
        <>
          <div className="flex items-center gap-3 text-[11px] uppercase tracking-wide text-slate-400">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <button
            type="button"
            disabled={pending}
            data-testid="login-oidc"
            onClick={() =>
              start(async () => {
                await signIn("oidc", { callbackUrl });
              })
            }
            className="h-9 rounded border border-slate-300 bg-white text-[13px] font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
          >
            Sign in with {oidcName}
          </button>
        </>
      )}
    </div>
  );
}
