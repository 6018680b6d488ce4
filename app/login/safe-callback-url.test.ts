// Why: the login page's callbackUrl must never become an open redirect.
import { describe, expect, it } from "vitest";
import { loginUrlFor, safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    { raw: "/pods?namespace=demo", want: "/pods?namespace=demo" },
    { raw: "/deployments/demo/web#events", want: "/deployments/demo/web#events" },
    { raw: undefined, want: "/" },
    { raw: "", want: "/" },
    { raw: "https://evil.example/", want: "/" },
    { raw: "//evil.example/x", want: "/" },
    { raw: "/\\evil.example", want: "/" },
    { raw: "/%2F%2Fevil", want: "/%2F%2Fevil" },
    { raw: "javascript:alert(1)", want: "/" },
    { raw: "/pods\n", want: "/" },
    { raw: "/login?callbackUrl=/x", want: "/" },
    { raw: "/" + "a".repeat(3000), want: "/" },
  ])("$raw → $want", ({ raw, want }) => {
    expect(safeCallbackUrl(raw)).toBe(want);
  });
});

describe("loginUrlFor", () => {
  it.each([
    { path: "/pods?namespace=demo", want: "/login?callbackUrl=%2Fpods%3Fnamespace%3Ddemo" },
    { path: "/", want: "/login" },
    { path: "//evil", want: "/login" },
  ])("$path", ({ path, want }) => {
    expect(loginUrlFor(path)).toBe(want);
  });
});
