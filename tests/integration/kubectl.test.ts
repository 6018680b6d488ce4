// Why: the real kubectl (v1.32) drives Wheelhouse through its admin kubeconfig: discovery, get/list/create/delete, output formats, and 401 without a token.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlHarness, eventually } from "./kubectl-harness";

const h = new KubectlHarness();
const kubectl = h.kubectl.bind(h);
const ok = h.ok.bind(h);

beforeAll(() => h.start("wheelhouse-kubectl-"));
afterAll(() => h.stop());

describe("kubectl against Wheelhouse", () => {
  it("the admin kubeconfig exists with mode 0600 and points at the TLS API port", () => {
    expect(existsSync(h.kubeconfig)).toBe(true);
    expect(statSync(h.kubeconfig).mode & 0o777).toBe(0o600);
    expect(readFileSync(h.kubeconfig, "utf8")).toContain(`server: ${h.apiUrl}`);
    expect(readFileSync(h.kubeconfig, "utf8")).toContain("certificate-authority-data: ");
  });

  it("kubectl version reports v1.32.0-wheelhouse", async () => {
    const out = await ok(["version", "-o", "json"]);
    expect(JSON.parse(out).serverVersion).toMatchObject({ major: "1", minor: "32", gitVersion: "v1.32.0-wheelhouse" });
  });

  it("kubectl get nodes lists the simulated nodes", async () => {
    const out = await ok(["get", "nodes"]);
    expect(out.split("\n")[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/);
    expect(out).toMatch(/\bReady\b/);
    expect(out.trim().split("\n").length).toBe(3);
  });

  it("kubectl get pods -A shows the namespace column", async () => {
    const out = await ok(["get", "pods", "-A"]);
    expect(out.split("\n")[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  });

  it("kubectl get nodes -o yaml and -o jsonpath print objects", async () => {
    const yaml = await ok(["get", "nodes", "-o", "yaml"]);
    expect(yaml).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Node/);
    const names = await ok(["get", "nodes", "-o", "jsonpath={.items[*].metadata.name}"]);
    expect(names.trim().split(" ")).toHaveLength(2);
  });

  it("creates a namespace and a deployment from a manifest, scales, patches, reads logs, deletes", async () => {
    const manifest = path.join(h.server.dataDir, "web.yaml");
    writeFileSync(
      manifest,
      `apiVersion: v1
kind: Namespace
metadata: { name: it-kubectl }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: it-kubectl }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: "nginx:1.27" }] }
`,
    );
    const created = await ok(["create", "-f", manifest]);
    expect(created).toContain("namespace/it-kubectl created");
    expect(created).toContain("deployment.apps/web created");
    expect(await ok(["rollout", "status", "deployment/web", "-n", "it-kubectl", "--timeout=60s"])).toContain('deployment "web" successfully rolled out');
    const line = await eventually("2/2 ready", async () => {
      const out = await ok(["get", "deployment", "web", "-n", "it-kubectl"]);
      return /web\s+2\/2\s+2\s+2\s+/.test(out) ? out : undefined;
    });
    expect(line.split("\n")[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
    const phases = await ok(["get", "pods", "-n", "it-kubectl", "-l", "app=web", "-o", "jsonpath={.items[*].status.phase}"]);
    expect(phases.trim().split(" ")).toEqual(["Running", "Running"]);
    const wide = await ok(["get", "pods", "-n", "it-kubectl", "-o", "wide"]);
    expect(wide.split("\n")[0]).toMatch(/\bIP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/);

    expect(await ok(["scale", "deployment", "web", "--replicas=3", "-n", "it-kubectl"])).toContain("deployment.apps/web scaled");
    expect(await ok(["get", "deployment", "web", "-n", "it-kubectl", "-o", "jsonpath={.spec.replicas}"])).toBe("3");
    expect(await ok(["patch", "deployment", "web", "-n", "it-kubectl", "-p", '{"spec":{"replicas":1}}'])).toContain("deployment.apps/web patched");
    expect(await ok(["label", "deployment", "web", "-n", "it-kubectl", "tier=front"])).toContain("deployment.apps/web labeled");
    expect(await ok(["get", "deployment", "-n", "it-kubectl", "-l", "tier=front", "-o", "jsonpath={.items[*].spec.replicas}"])).toBe("1");

    const pod = (await ok(["get", "pods", "-n", "it-kubectl", "-o", "jsonpath={.items[0].metadata.name}"])).trim();
    const logs = await ok(["logs", pod, "-n", "it-kubectl", "--tail=1"]);
    expect(logs.trim().split("\n")).toHaveLength(1);

    expect(await ok(["delete", "deployment", "web", "-n", "it-kubectl"])).toContain('deployment.apps "web" deleted');
    const missing = await kubectl(["get", "deployment", "web", "-n", "it-kubectl"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('deployments.apps "web" not found');
    expect(await ok(["delete", "namespace", "it-kubectl"])).toContain('namespace "it-kubectl" deleted');
  });

  it("kubectl create namespace|deployment|configmap|secret (protobuf bodies) work, and get/delete them", async () => {
    expect(await ok(["create", "namespace", "it-generators"])).toContain("namespace/it-generators created");
    expect(await ok(["create", "deployment", "api", "--image=nginx:1.27", "--replicas=2", "-n", "it-generators"])).toContain("deployment.apps/api created");
    await eventually("api 2/2", async () => {
      const out = await ok(["get", "deployment", "api", "-n", "it-generators"]);
      return /api\s+2\/2\s+2\s+2\s+/.test(out) ? out : undefined;
    });
    expect(await ok(["create", "configmap", "cfg", "--from-literal=a=1", "-n", "it-generators"])).toContain("configmap/cfg created");
    expect(await ok(["create", "secret", "generic", "pw", "--from-literal=pw=s3cret", "-n", "it-generators"])).toContain("secret/pw created");
    expect(await ok(["get", "secret", "pw", "-n", "it-generators", "-o", "jsonpath={.type} {.data.pw}"])).toBe(`Opaque ${Buffer.from("s3cret").toString("base64")}`);
    expect(await ok(["delete", "deployment", "api", "-n", "it-generators"])).toContain('deployment.apps "api" deleted');
    expect(await ok(["delete", "namespace", "it-generators"])).toContain('namespace "it-generators" deleted');
  });

  it("kubectl apply (client-side and --server-side), strict field validation, and delete -f", async () => {
    const file = path.join(h.server.dataDir, "cm.yaml");
    const cm = (data: string, extra = "") => `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: default }
data: { ${data} }
${extra}`;
    writeFileSync(file, cm("a: '1'"));
    expect(await ok(["apply", "-f", file])).toContain("configmap/settings created");
    writeFileSync(file, cm("a: '2'"));
    expect(await ok(["apply", "-f", file])).toContain("configmap/settings configured");
    expect(await ok(["get", "configmap", "settings", "-o", "jsonpath={.data.a}"])).toBe("2");
    writeFileSync(file, cm("a: '3'"));
    expect(await ok(["apply", "--server-side", "--force-conflicts", "-f", file])).toContain("configmap/settings serverside-applied");
    expect(await ok(["get", "configmap", "settings", "-o", "jsonpath={.data.a}"])).toBe("3");
    writeFileSync(file, cm("a: '3'", "bogus: true\n"));
    const strict = await kubectl(["create", "-f", file]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('unknown field "bogus"');
    writeFileSync(file, cm("a: '3'"));
    expect(await ok(["delete", "-f", file])).toContain('configmap "settings" deleted');
  });

  it("kubectl api-resources and explain read discovery and OpenAPI", async () => {
    const resources = await ok(["api-resources"]);
    expect(resources).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(await ok(["explain", "deployment.spec.replicas"])).toContain("FIELD: replicas <integer>");
  });

  it("an unknown resource type is an error", async () => {
    const r = await kubectl(["get", "frobnicators"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the server doesn't have a resource type "frobnicators"`);
  });

  it("without a valid token the server answers 401 and kubectl fails", async () => {
    const ca = path.join(h.server.dataDir, "tls.crt");
    const r = await kubectl(["get", "pods", `--server=${h.apiUrl}`, `--certificate-authority=${ca}`, "--token=not-a-token"], { KUBECONFIG: "/dev/null" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Unauthorized|must be logged in/);
    const res = await fetch(`${h.server.url}/api/v1/pods`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });
});
