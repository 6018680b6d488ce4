// Why: the e2e tests share one bootstrap admin (password set by playwright.config.ts) and one way to sign in through the login page.
import { expect, type Page } from "@playwright/test";
import path from "node:path";

/** The bootstrap admin of the server under test. */
export const ADMIN = { username: "admin", password: process.env.E2E_ADMIN_PASSWORD ?? "" };

/** Where the signed-in admin's cookies are saved for the other tests. */
export const ADMIN_STATE = path.join(process.env.E2E_STATE_DIR ?? "", "admin.json");

/** Fills and submits the login form (the page must be on /login). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}
