// Why: after login the browser goes where `callbackUrl` says; only a path of this site may be named, or the login page would be an open redirect.

/** The login page's path. */
export const LOGIN_PATH = "/login";

/**
 * `raw` when it is a path on this site (`/pods?namespace=demo`), else `/`. Refused: absolute
 * and protocol-relative URLs (`//evil`, `/\evil`), control characters, and the login page itself.
 */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  let parsed: URL;
  try {
    parsed = new URL(raw, "http://wheelhouse.invalid");
  } catch {
    return "/";
  }
  if (parsed.origin !== "http://wheelhouse.invalid") return "/";
  if (parsed.pathname === LOGIN_PATH || parsed.pathname.startsWith(`${LOGIN_PATH}/`)) return "/";
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The login URL that returns to `path` (path plus query) afterwards. */
export function loginUrlFor(path: string): string {
  const back = safeCallbackUrl(path);
  return back === "/" ? LOGIN_PATH : `${LOGIN_PATH}?callbackUrl=${encodeURIComponent(back)}`;
}
