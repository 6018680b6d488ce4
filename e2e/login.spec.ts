// Why: the console's front door: no page without a session, a wrong password refused without saying why, guessing locked out, sign-in and sign-out, and the CSP on every page.
import { test, expect } from "@playwright/test";
import { ADMIN, signIn } from "./admin";

// These tests start signed out.
test.use({ storageState: { cookies: [], origins: [] } });

test("a console URL without a session goes to the login page and back after signing in", async ({ page }) => {
  await page.goto("/pods?namespace=demo");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fpods%3Fnamespace%3Ddemo$/);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/pods\?namespace=demo$/);
  await expect(page.getByRole("heading", { name: "Pods" })).toBeVisible();
});

test("an expired or forged session cookie leads to the login page, which says the session ended", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "next-auth.session-token", value: "expired.or.forged", url: baseURL! }]);
  await page.goto("/nodes");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fnodes&expired=1$/);
  await expect(page.getByTestId("login-error")).toHaveText("Your session has expired. Sign in again.");
});

test("a wrong password is refused with the same message as an unknown user", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, ADMIN.username, "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Invalid username or password.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId("login-password")).toHaveValue("");

  await signIn(page, "nobody-here", "not-the-password");
  await expect(page.getByTestId("login-error")).toHaveText("Invalid username or password.");
  // Still no way in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("five wrong passwords lock a name for a while: the sixth try is refused with its own message, another name is not", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await signIn(page, "guessed-name", `guess-${i}`);
    // The form clears the password once the refusal is in.
    await expect(page.getByTestId("login-password")).toHaveValue("");
    await expect(page.getByTestId("login-error")).toHaveText("Invalid username or password.");
  }
  await signIn(page, "guessed-name", "guess-5");
  await expect(page.getByTestId("login-password")).toHaveValue("");
  await expect(page.getByTestId("login-error")).toHaveText("Too many failed sign-ins for this name. Wait a few minutes and try again.");
  // Another name is not affected.
  await signIn(page, "another-name", "guess");
  await expect(page.getByTestId("login-password")).toHaveValue("");
  await expect(page.getByTestId("login-error")).toHaveText("Invalid username or password.");
});

test("the right password lands on the overview with the user and teams shown; sign out returns to the login page", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("user-name")).toHaveText(ADMIN.username);
  await expect(page.getByTestId("user-teams")).toContainText("admins");

  await page.getByTestId("logout-button").click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/deployments");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdeployments$/);
});

test("pages carry a nonce CSP and the security headers, and the console runs under it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  const login = await page.goto("/login");
  const headers = login!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  // Next.js put this response's nonce on its scripts.
  const scriptNonces = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));

  // Signing in (client JS), the live overview (EventSource) and the YAML editor (CodeMirror's injected styles) all work under the policy.
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId("live-indicator").first()).toHaveAttribute("data-state", "live");
  const again = await page.goto("/apply");
  expect(again!.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  await expect(page.locator(".cm-content")).toBeVisible();
  expect(violations).toEqual([]);
});

test("the APIs are not redirected: GraphQL answers 401 and /version stays public", async ({ request }) => {
  const gql = await request.post("/api/graphql", { data: { query: "{ __typename }" }, maxRedirects: 0 });
  expect(gql.status()).toBe(401);
  const version = await request.get("/version", { maxRedirects: 0 });
  expect(version.status()).toBe(200);
  const rest = await request.get("/api/v1/namespaces", { maxRedirects: 0 });
  expect(rest.status()).toBe(401);
});
