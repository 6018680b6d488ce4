// Why: the page CSP is the console's XSS and clickjacking defence; a regression here (a lost nonce, inline scripts allowed) would be silent in the browser.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("allows only nonce-bearing scripts and forbids framing, plugins and base rewriting", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc" }));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    // A nonce in style-src would disable 'unsafe-inline' (CodeMirror's style elements, React style attributes).
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });

  it.each([
    { name: "dev allows eval for React's debugging", opts: { dev: true }, directive: "script-src", has: "'unsafe-eval'" },
    { name: "https upgrades insecure requests", opts: { https: true }, directive: "upgrade-insecure-requests", has: undefined },
  ])("$name", ({ opts, directive, has }) => {
    const d = directives(contentSecurityPolicy({ nonce: "n", ...opts }));
    expect(d.has(directive)).toBe(true);
    if (has) expect(d.get(directive)).toContain(has);
  });
});

describe("securityHeaders / newNonce", () => {
  it("sets nosniff, DENY framing and a same-origin referrer policy next to the CSP", () => {
    expect(securityHeaders("CSP")).toMatchObject({
      "Content-Security-Policy": "CSP",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
    });
  });

  it("makes a fresh base64 nonce of 16 bytes each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
