// Why: the console's main promise end to end: apply a manifest, watch its pods come up live, read their logs; bad manifests store nothing.
import { test, expect, type Page } from "@playwright/test";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: e2e-web
  namespace: demo
  labels:
    app: e2e-web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: e2e-web
  template:
    metadata:
      labels:
        app: e2e-web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

/** Puts a manifest in the editor (through its "Load file" input, which avoids editor auto-indent). */
async function loadManifest(page: Page, text: string) {
  await page.getByTestId("apply-file").setInputFiles({ name: "manifest.yaml", mimeType: "text/yaml", buffer: Buffer.from(text) });
  await expect(page.locator(".cm-content")).toContainText(text.split("\n").find((l) => l.includes("name:"))!.trim());
}

test("apply a Deployment, watch its pods turn Running without reloading, read a pod's log", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("nodes-ready")).toHaveText("3");

  await page.getByTestId("nav-apply-yaml").click();
  await expect(page.getByRole("heading", { name: "Apply YAML" })).toBeVisible();
  await loadManifest(page, DEPLOYMENT);
  await page.getByTestId("apply-button").click();
  const result = page.getByTestId("apply-result");
  await expect(result).toHaveCount(1);
  await expect(result).toHaveAttribute("data-name", "e2e-web");
  await expect(result).toHaveAttribute("data-action", "created");

  // Client-side navigation only from here: a marker on window proves the page never reloads.
  await page.getByTestId("namespace-switcher").selectOption("demo");
  await expect(page).toHaveURL(/\/apply\?namespace=demo$/);
  await expect(page.getByTestId("nav-pods")).toHaveAttribute("href", "/pods?namespace=demo");
  await page.getByTestId("nav-pods").click();
  await expect(page).toHaveURL(/\/pods\?namespace=demo$/);
  await page.evaluate(() => ((window as unknown as { __e2eMarker: number }).__e2eMarker = 42));
  await page.getByTestId("list-filter").fill("e2e-web");

  const rows = page.locator('[data-testid="pod-row"][data-name^="e2e-web-"]');
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
  for (const i of [0, 1]) await expect(rows.nth(i).getByTestId("pod-status")).toHaveText("Running", { timeout: 120_000 });
  await expect(rows.nth(0)).toContainText("1/1");
  expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: number }).__e2eMarker)).toBe(42);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "live");

  const podName = await rows.nth(0).getAttribute("data-name");
  await rows.nth(0).getByRole("link", { name: podName! }).click();
  await expect(page).toHaveURL(new RegExp(`/pods/demo/${podName}$`));
  await expect(page.getByRole("heading", { name: podName! })).toBeVisible();
  await expect(page.getByTestId("container-row")).toHaveAttribute("data-name", "nginx");
  await expect(page.getByTestId("container-state")).toHaveText("Running");
  const logs = page.getByTestId("pod-logs");
  await expect(logs).toContainText("Configuration complete; ready for start up", { timeout: 60_000 });
  await expect(logs).toContainText("start worker processes");
});

test("invalid YAML shows the error and stores nothing", async ({ page }) => {
  await page.goto("/apply?namespace=demo");
  const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: e2e-not-stored
spec:
  replicas: 1
  selector:
    matchLabels: {app: e2e-not-stored}
  template:
    metadata:
      labels: {app: e2e-not-stored}
    spec:
      containers:
        - name: c
          image: nginx
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: e2e-broken
   namespace: demo
data: [unclosed
`;
  await loadManifest(page, manifest);
  await page.getByTestId("apply-button").click();
  await expect(page.getByTestId("apply-error")).toBeVisible();
  await expect(page.getByTestId("apply-error-message")).not.toBeEmpty();
  await expect(page.getByTestId("apply-result")).toHaveCount(0);

  await page.goto("/deployments?namespace=demo");
  await expect(page.getByRole("heading", { name: "Deployments" })).toBeVisible();
  await expect(page.getByTestId("deployment-row").first()).toBeVisible();
  await expect(page.locator('[data-testid="deployment-row"][data-name="e2e-not-stored"]')).toHaveCount(0);
});

test("an invalid object is refused with the document and field named", async ({ page }) => {
  await page.goto("/apply?namespace=demo");
  await loadManifest(
    page,
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: e2e-ok-but-not-stored
data:
  a: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: e2e-negative
spec:
  replicas: -1
  selector:
    matchLabels: {app: e2e-negative}
  template:
    metadata:
      labels: {app: e2e-negative}
    spec:
      containers:
        - name: c
          image: nginx
`,
  );
  await page.getByTestId("dry-run-button").click();
  await expect(page.getByTestId("apply-error")).toBeVisible();
  await expect(page.getByTestId("apply-error-message")).toContainText("spec.replicas");
  await expect(page.getByTestId("apply-error")).toContainText(/document 2|Go to document 2/);
});

test("scale a Deployment from its page and see the new pods live", async ({ page }) => {
  await page.goto("/deployments?namespace=demo");
  const row = page.locator('[data-testid="deployment-row"][data-name="web"]');
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: "web" }).click();
  await expect(page).toHaveURL(/\/deployments\/demo\/web$/);
  await page.getByTestId("scale-input").fill("4");
  await page.getByTestId("scale-apply").click();
  await expect(page.getByTestId("deployment-desired")).toHaveText("4");
  await expect(page.getByTestId("deployment-ready")).toHaveText("4", { timeout: 120_000 });
  const pods = page.getByTestId("pod-row");
  await expect(pods).toHaveCount(4);
  await expect(pods.getByTestId("pod-status").filter({ hasText: "Running" })).toHaveCount(4);
  await expect(page.getByTestId("scale-error")).toHaveCount(0);
});

test("delete a pod: it leaves the live list and its ReplicaSet replaces it", async ({ page }) => {
  await page.goto("/pods?namespace=demo");
  await page.getByTestId("list-filter").fill("web-");
  const running = page.locator('[data-testid="pod-row"][data-name^="web-"]').filter({ has: page.getByTestId("pod-status").getByText("Running", { exact: true }) });
  await expect(running.first()).toBeVisible({ timeout: 60_000 });
  const before = await page.locator('[data-testid="pod-row"][data-name^="web-"]').count();
  const victim = (await running.first().getAttribute("data-name"))!;

  await running.first().getByRole("link", { name: victim }).click();
  await expect(page.getByRole("heading", { name: victim })).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("delete-button").click();
  await expect(page).toHaveURL(/\/pods\?namespace=demo$/);

  await page.getByTestId("list-filter").fill("web-");
  await expect(page.locator(`[data-testid="pod-row"][data-name="${victim}"]`)).toHaveCount(0, { timeout: 90_000 });
  await expect(page.locator('[data-testid="pod-row"][data-name^="web-"]').filter({ has: page.getByTestId("pod-status").getByText("Running", { exact: true }) })).toHaveCount(before, { timeout: 120_000 });
});
