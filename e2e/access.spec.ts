// Why: issue 4's console story end to end: an admin creates users, teams and bindings in the console; a viewer sees no Delete/Scale and is refused when forcing; an editor scales; a team change reaches the viewer's next request; a downloaded kubeconfig works with kubectl.
import { test, expect, type Browser, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signIn } from "./admin";

test.describe.configure({ mode: "serial" });

const PASSWORD = "e2e-access-pw-1";
const DEPLOYMENT = `apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: access-web
  namespace: demo
spec:
  replicas: 1
  selector:
    matchLabels: { app: access-web }
  template:
    metadata:
      labels: { app: access-web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

/** kubectl with a kubeconfig; returns stdout, or throws with stderr in the message. */
function kubectl(kubeconfig: string, args: string[], input?: string): string {
  return execFileSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}

/** A signed-out browser page that signs in as `username`. */
async function signedInAs(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await signIn(page, username, PASSWORD);
  await expect(page.getByTestId("user-name")).toHaveText(username);
  return page;
}

async function createTeam(page: Page, name: string) {
  await page.getByTestId("new-team-name").fill(name);
  await page.getByTestId("new-team-submit").click();
  await expect(page.locator(`[data-testid="team-row"][data-name="${name}"]`)).toBeVisible();
}

async function createUser(page: Page, name: string, team: string) {
  await page.getByTestId("new-user-name").fill(name);
  await page.getByTestId("new-user-password").fill(PASSWORD);
  await page.getByTestId(`new-user-team-${team}`).check();
  await page.getByTestId("new-user-submit").click();
  await expect(page.getByTestId("new-user-done")).toHaveText(`User "${name}" created.`);
  await expect(page.locator(`[data-testid="user-row"][data-name="${name}"] [data-testid="user-teams"]`)).toHaveText(team);
}

async function bindTeam(page: Page, binding: string, role: string, team: string) {
  await page.goto("/access?namespace=demo");
  await page.getByTestId("new-rolebinding").click();
  await page.getByTestId("binding-name").fill(binding);
  await page.getByTestId("binding-role-name").fill(role);
  await page.getByTestId("binding-subject-name").first().fill(team);
  await page.getByTestId("binding-submit").click();
  await expect(page).toHaveURL(new RegExp(`/access/rolebindings/demo/${binding}$`));
  await expect(page.getByTestId("binding-role")).toContainText(`ClusterRole ${role}`);
  await expect(page.getByTestId("binding-role")).toContainText(`Group ${team}`);
}

test("admin sets up users, teams and bindings; viewer, editor and a team change behave as RBAC says", async ({ page, browser }) => {
  kubectl(path.join(process.env.E2E_DATA_DIR!, "admin.kubeconfig"), ["apply", "-f", "-"], DEPLOYMENT);

  // The admin sees every admin section and sets everything up through the console.
  await page.goto("/admin/teams");
  for (const nav of ["nav-access", "nav-users", "nav-teams", "nav-tokens", "nav-audit-log"]) await expect(page.getByTestId(nav)).toBeVisible();
  await createTeam(page, "viewers");
  await createTeam(page, "editors");
  await page.goto("/admin/users");
  await createUser(page, "viewer-1", "viewers");
  await createUser(page, "editor-1", "editors");
  await bindTeam(page, "viewers-view", "view", "viewers");
  await bindTeam(page, "editors-edit", "edit", "editors");

  // The viewer: reads the Deployment, but has no Delete or Scale, and no admin sections.
  const viewer = await signedInAs(browser, "viewer-1");
  await viewer.goto("/deployments/demo/access-web");
  await expect(viewer.getByRole("heading", { name: "access-web" })).toBeVisible();
  await expect(viewer.getByTestId("deployment-desired")).toHaveText("1");
  await expect(viewer.getByTestId("delete-button")).toHaveCount(0);
  await expect(viewer.getByTestId("scale-control")).toHaveCount(0);
  await expect(viewer.getByTestId("nav-access")).toBeVisible();
  for (const nav of ["nav-users", "nav-teams", "nav-audit-log"]) await expect(viewer.getByTestId(nav)).toHaveCount(0);

  // Forcing it: an admin URL and an object they may not read show Forbidden in Kubernetes' words ...
  await viewer.goto("/admin/users");
  await expect(viewer.getByTestId("forbidden-message")).toHaveText('users.iam.wheelhouse.dev is forbidden: User "viewer-1" cannot list resource "users" in API group "iam.wheelhouse.dev" at the cluster scope');
  await viewer.goto("/access/rolebindings/demo/editors-edit");
  await expect(viewer.getByTestId("forbidden-message")).toHaveText(
    'rolebindings.rbac.authorization.k8s.io "editors-edit" is forbidden: User "viewer-1" cannot get resource "rolebindings" in API group "rbac.authorization.k8s.io" in the namespace "demo"',
  );
  // ... and the delete itself, sent with the viewer's session, is refused.
  const forced = await viewer.request.post("/api/graphql", {
    headers: { "content-type": "application/json" },
    data: { query: 'mutation { delete(apiVersion: "apps/v1", kind: "Deployment", namespace: "demo", name: "access-web") { name } }' },
  });
  const body = (await forced.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  expect(body.errors?.[0]?.extensions?.code).toBe("Forbidden");
  expect(body.errors?.[0]?.message).toBe('deployments.apps "access-web" is forbidden: User "viewer-1" cannot delete resource "deployments" in API group "apps" in the namespace "demo"');

  // The access checker answers as SelfSubjectAccessReview for the viewer.
  await viewer.goto("/access?namespace=demo");
  await viewer.getByTestId("check-submit").click();
  await expect(viewer.getByTestId("check-answer")).toHaveAttribute("data-allowed", "no");

  // "All namespaces" shows the viewer what they may list (demo) with no Forbidden page, live; the switcher offers
  // only demo; on the overview, nodes (which `view` does not grant) are a section marked not permitted.
  await viewer.goto("/pods");
  await expect(viewer.locator('[data-testid="pod-row"][data-namespace="demo"]').first()).toBeVisible();
  await expect(viewer.locator('[data-testid="pod-row"]:not([data-namespace="demo"])')).toHaveCount(0);
  await expect(viewer.getByTestId("forbidden")).toHaveCount(0);
  await expect(viewer.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");
  await expect(viewer.getByTestId("namespace-switcher").locator("option")).toHaveText(["All namespaces", "demo"]);
  for (const [url, row] of [["/deployments", "deployment-row"], ["/events", "event-row"]]) {
    await viewer.goto(url);
    await expect(viewer.locator(`[data-testid="${row}"][data-namespace="demo"]`).first()).toBeVisible();
    await expect(viewer.getByTestId("forbidden")).toHaveCount(0);
  }
  await viewer.goto("/nodes");
  await expect(viewer.getByTestId("forbidden-message")).toHaveText('nodes is forbidden: User "viewer-1" cannot list resource "nodes" in API group "" at the cluster scope');
  await viewer.goto("/");
  await expect(viewer.getByTestId("nodes-forbidden")).toContainText("Not permitted");
  await expect(viewer.getByTestId("pods-total")).not.toHaveText("0");
  await expect(viewer.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");

  // The editor scales the Deployment.
  const editor = await signedInAs(browser, "editor-1");
  await editor.goto("/deployments/demo/access-web");
  await expect(editor.getByTestId("delete-button")).toBeVisible();
  await editor.getByTestId("scale-input").fill("3");
  await editor.getByTestId("scale-apply").click();
  await expect(editor.getByTestId("deployment-desired")).toHaveText("3");

  // The admin adds viewer-1 to editors; the admin's checker and "who can" see it at once.
  await page.goto("/admin/teams");
  const editorsRow = page.locator('[data-testid="team-row"][data-name="editors"]');
  await editorsRow.getByTestId("add-member-user").selectOption("viewer-1");
  await editorsRow.getByTestId("add-member-submit").click();
  await expect(editorsRow.locator('[data-testid="team-member"][data-name="viewer-1"]')).toBeVisible();
  await page.goto("/access?namespace=demo");
  await page.getByTestId("check-user").fill("viewer-1");
  await page.getByTestId("check-submit").click();
  await expect(page.getByTestId("check-answer")).toHaveAttribute("data-allowed", "yes");
  await expect(page.getByTestId("check-reason")).toHaveText('RBAC: allowed by RoleBinding "editors-edit/demo" of ClusterRole "edit" to Group "editors"');
  await page.getByTestId("who-can-submit").click();
  await expect(page.locator('[data-testid="who-can-subject"][data-name="editors"]')).toBeVisible();
  await expect(page.locator('[data-testid="who-can-subject"][data-name="viewers"]')).toHaveCount(0);

  // The viewer's next request already has the new team: Scale and Delete appear, without signing in again.
  await viewer.goto("/deployments/demo/access-web");
  await expect(viewer.getByTestId("scale-control")).toBeVisible();
  await expect(viewer.getByTestId("delete-button")).toBeVisible();
  await expect(viewer.getByTestId("user-teams")).toHaveText("editors, viewers");

  // The admin's audit log has the console's user creation.
  await page.goto("/audit?user=admin&resource=users.iam.wheelhouse.dev");
  await expect(page.locator('[data-testid="audit-row"][data-name="viewer-1"]').first()).toContainText("Allowed · 201");
  // ... the editor's scale from the console, and the viewer's forced delete over GraphQL, refused.
  await page.goto("/audit?user=editor-1&resource=deployments.apps&namespace=demo");
  await expect(page.locator('[data-testid="audit-row"][data-name="access-web"]').filter({ hasText: "deployments/scale.apps" }).first()).toContainText(/update.*Allowed · 200.*console/);
  await page.goto("/audit?user=viewer-1&outcome=denied");
  await expect(page.locator('[data-testid="audit-row"][data-name="access-web"]').first()).toContainText(/delete.*Denied · 403 Forbidden.*graphql/);

  await viewer.context().close();
  await editor.context().close();
});

test("a user's tokens: created once, a downloaded kubeconfig works with kubectl as that user, revoked at once", async ({ browser }) => {
  const page = await signedInAs(browser, "editor-1");
  await page.goto("/tokens");
  await page.getByTestId("new-token-name").fill("laptop");
  await page.getByTestId("new-token-submit").click();
  await expect(page.getByTestId("new-token-secret")).toHaveText(/^whp_/);
  await expect(page.locator('[data-testid="token-row"][data-name="laptop"]')).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByTestId("download-kubeconfig").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("wheelhouse-editor-1.kubeconfig");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wh-kubeconfig-")), "config");
  await download.saveAs(file);
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain("certificate-authority-data");
  expect(text).toMatch(/server: https:\/\/127\.0\.0\.1:\d+/);

  expect(kubectl(file, ["auth", "can-i", "delete", "deployments", "-n", "demo"]).trim()).toBe("yes");
  expect(kubectl(file, ["get", "deployments", "-n", "demo", "-o", "name"])).toContain("deployment.apps/access-web");
  expect(() => kubectl(file, ["get", "pods", "-n", "kube-system"])).toThrow(/forbidden: User "editor-1" cannot list resource "pods"/);

  // Revoking the kubeconfig's token cuts kubectl off on its next request.
  await page.reload();
  const row = page.locator('[data-testid="token-row"]', { hasText: "kubeconfig " }).first();
  page.once("dialog", (d) => void d.accept());
  await row.getByTestId("token-revoke").click();
  await expect(row.getByTestId("token-state")).toHaveText(/^Revoked/);
  expect(() => kubectl(file, ["get", "deployments", "-n", "demo"])).toThrow(/Unauthorized|must be logged in/);
  await page.context().close();
});
