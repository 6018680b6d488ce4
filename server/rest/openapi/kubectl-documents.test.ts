// Why: the real kubectl is the judge of discovery and OpenAPI; serve only these documents on a loopback port and run api-resources, explain and client-side validation against them.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGGREGATED_DISCOVERY_CONTENT_TYPE, aggregatedDiscovery, apiGroupList, apiResourceList, apiVersions, wantsAggregatedDiscovery } from "../discovery/discovery";
import { openApiV2, openApiV3Document, openApiV3Index } from "./openapi";
import { OPENAPI_V2_PROTOBUF_CONTENT_TYPE, openApiV2Protobuf } from "./openapi-v2-protobuf";

const KUBECTL = "/usr/bin/kubectl";

/** Serves the documents; with `serverValidation` false the v3 PATCH operations lose their fieldValidation parameter (an older server), so kubectl validates on the client with /openapi/v2. */
function documentServer(serverValidation: boolean): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const p = url.pathname;
    const json = (code: number, body: unknown, type = "application/json") => {
      let text = JSON.stringify(body);
      if (!serverValidation) text = text.replaceAll('"name":"fieldValidation"', '"name":"notFieldValidation"');
      res.writeHead(code, { "content-type": type }).end(text);
    };
    const agg = wantsAggregatedDiscovery(req.headers.accept);
    const gv = /^\/api\/(v1)$/.exec(p) ?? /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
    if (p === "/version") return json(200, { major: "1", minor: "32", gitVersion: "v1.32.0" });
    if (p === "/api") return agg ? json(200, aggregatedDiscovery("api"), AGGREGATED_DISCOVERY_CONTENT_TYPE) : json(200, apiVersions());
    if (p === "/apis") return agg ? json(200, aggregatedDiscovery("apis"), AGGREGATED_DISCOVERY_CONTENT_TYPE) : json(200, apiGroupList());
    if (gv) return json(200, gv.length === 2 ? apiResourceList("", gv[1]) : apiResourceList(gv[1], gv[2]));
    if (p === "/openapi/v2" && String(req.headers.accept).includes("protobuf")) return res.writeHead(200, { "content-type": OPENAPI_V2_PROTOBUF_CONTENT_TYPE }).end(Buffer.from(openApiV2Protobuf()));
    if (p === "/openapi/v2") return json(200, openApiV2());
    if (p === "/openapi/v3") return json(200, openApiV3Index());
    const doc = p.startsWith("/openapi/v3/") ? openApiV3Document(p.slice("/openapi/v3/".length)) : undefined;
    if (doc) return json(200, doc);
    // Creates (after validation passed) are answered like a dry run: echo the object.
    if (req.method === "POST") {
      let body = "";
      req.on("data", (c) => (body += c)).on("end", () => res.writeHead(201, { "content-type": "application/json" }).end(body));
      return;
    }
    json(404, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" });
  });
}

const VALID = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}}
  template:
    metadata: {labels: {app: web}}
    spec:
      tolerations: [{key: k, operator: Exists, effect: NoSchedule}]
      volumes: [{name: e, emptyDir: {sizeLimit: 1Gi}}]
      containers:
      - name: nginx
        image: nginx:1.25
        ports: [{containerPort: 80, name: http}]
        env: [{name: A, value: "1"}]
        resources: {limits: {cpu: 1, memory: 128Mi}, requests: {cpu: 100m}}
        livenessProbe: {httpGet: {path: /, port: 80}}
        readinessProbe: {httpGet: {path: /, port: http}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}, {name: b, port: 81, targetPort: 8080}]
`;
const INVALID = `apiVersion: apps/v1
kind: Deployment
metadata: {name: bad}
spec:
  replica: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx, ports: [{containerPort: "eighty"}]}]
`;

describe.skipIf(!existsSync(KUBECTL))("kubectl against the discovery and OpenAPI documents", () => {
  const servers: http.Server[] = [];
  const urls: string[] = [];
  let dir = "";

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "wheelhouse-kubectl-"));
    writeFileSync(path.join(dir, "valid.yaml"), VALID);
    writeFileSync(path.join(dir, "invalid.yaml"), INVALID);
    for (const serverValidation of [true, false]) {
      const s = documentServer(serverValidation);
      await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
      servers.push(s);
      urls.push(`http://127.0.0.1:${(s.address() as AddressInfo).port}`);
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs kubectl against server `i` (0: server-side validation, 1: client-side); resolves with its exit code and output. */
  function kubectl(i: number, ...args: string[]): Promise<{ code: number; out: string }> {
    const cache = path.join(dir, `cache-${i}`);
    return new Promise((resolve) => {
      execFile(KUBECTL, ["--server", urls[i], "--cache-dir", cache, ...args], { env: { ...process.env, KUBECONFIG: "/dev/null" }, timeout: 30_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
      });
    });
  }

  it("lists resources with short names, and the `all` category", async () => {
    const all = await kubectl(0, "api-resources");
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    expect(all.out).toMatch(/pods\s+metrics\.k8s\.io\/v1beta1\s+true\s+PodMetrics/);
    const cat = await kubectl(0, "api-resources", "--categories=all", "-o", "name");
    expect(cat.out.trim().split("\n").sort()).toEqual(["deployments.apps", "pods", "replicasets.apps", "services"]);
  }, 60_000);

  it("explains deployment.spec.strategy from OpenAPI v3, with IntOrString fields", async () => {
    const strategy = await kubectl(0, "explain", "deployment.spec.strategy");
    expect(strategy.code).toBe(0);
    expect(strategy.out).toContain("FIELD: strategy <DeploymentStrategy>");
    expect(strategy.out).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
    const surge = await kubectl(0, "explain", "deploy.spec.strategy.rollingUpdate.maxSurge");
    expect(surge.out).toContain("FIELD: maxSurge <IntOrString>");
  }, 60_000);

  it("explains from OpenAPI v2 (protobuf)", async () => {
    const r = await kubectl(0, "explain", "deployment.spec.strategy", "--output", "plaintext-openapiv2");
    expect(r.code).toBe(0);
    expect(r.out).toContain("RESOURCE: strategy <Object>");
  }, 60_000);

  it("leaves validation to the server when PATCH declares fieldValidation", async () => {
    const r = await kubectl(0, "create", "-f", path.join(dir, "invalid.yaml"), "-o", "name");
    expect(r.out).not.toContain("ValidationError");
    expect(r.code).toBe(0);
  }, 60_000);

  it("validates on the client with /openapi/v2: valid manifests pass, unknown fields and wrong types fail", async () => {
    const ok = await kubectl(1, "create", "-f", path.join(dir, "valid.yaml"), "-o", "name");
    expect(ok.out).toContain("deployment.apps/web");
    expect(ok.code).toBe(0);
    const bad = await kubectl(1, "create", "-f", path.join(dir, "invalid.yaml"), "-o", "name");
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec');
    expect(bad.out).toContain('got "string", expected "integer"');
  }, 60_000);
});
