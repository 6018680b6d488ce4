// Why: every console page carries the same defensive headers; the CSP lets only this response's nonce-bearing scripts (and what they load) run.

/** How the page is served: dev mode needs eval for React's debugging; https enables upgrade-insecure-requests. */
export interface CspOptions {
  nonce: string;
  dev?: boolean;
  https?: boolean;
}

/**
 * The Content-Security-Policy of a page. Scripts: only those carrying the nonce (Next.js puts
 * it on its own scripts when it finds it in the request's CSP) and what they load
 * (`strict-dynamic`). Styles allow inline because CodeMirror injects style elements and React
 * renders `style` attributes (a nonce in style-src would switch `unsafe-inline` off).
 */
export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** The headers every page response carries, with `csp` as its Content-Security-Policy. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
}

/** A fresh nonce: 16 random bytes, base64 (what the CSP grammar allows in 'nonce-…'). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
