// Why: every console test starts signed in as the admin; signing in once through the real login page and saving the cookies keeps the other tests short.
import { test as setup, expect } from "@playwright/test";
import { ADMIN, ADMIN_STATE, signIn } from "./admin";

setup("sign in as the bootstrap admin", async ({ page }) => {
  expect(ADMIN.password, "playwright.config.ts sets E2E_ADMIN_PASSWORD").not.toBe("");
  await page.goto("/login");
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
