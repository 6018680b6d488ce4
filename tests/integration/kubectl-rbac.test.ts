// Why: the real kubectl manages RBAC (create role|clusterrole|rolebinding|clusterrolebinding send protobuf), checks it with --as, and mints ServiceAccount tokens (create token) that then authenticate and are authorized by their bindings.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlHarness } from "./kubectl-harness";

const h = new KubectlHarness();
const ok = h.ok.bind(h);
const NS = "it-rbac";

/** A kubeconfig with the admin's server and CA but no credentials: every call names its own `--token`. */
let anonymousKubeconfig: string;

beforeAll(async () => {
  await h.start("wheelhouse-kubectl-rbac-");
  anonymousKubeconfig = path.join(h.server.dataDir, "no-token.kubeconfig");
  const admin = readFileSync(h.kubeconfig, "utf8");
  expect(admin).toMatch(/^\s*token:/m);
  writeFileSync(anonymousKubeconfig, admin.replace(/^(\s*)token:.*$/m, "$1{}").replace(/user:\s*\n\s*\{\}/, "user: {}"), { mode: 0o600 });
}, 300_000);
afterAll(() => h.stop());

/** Parses kubectl's column output into rows of cells (header first). */
const table = (out: string) =>
  out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s{2,}/));

/** kubectl with the credential-less kubeconfig and this bearer token. */
const withToken = (token: string, args: string[]) => h.kubectl([`--token=${token}`, ...args], { KUBECONFIG: anonymousKubeconfig });

/** The claims of a JWT (no verification: the server is what checks it). */
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8")) as Record<string, unknown>;

describe("kubectl create role|clusterrole|rolebinding|clusterrolebinding", () => {
  it("creates the namespace, roles and bindings (protobuf bodies)", async () => {
    expect(await ok(["create", "namespace", NS])).toContain(`namespace/${NS} created`);
    expect(await ok(["create", "role", "pod-reader", "--verb=get,list", "--resource=pods", "-n", NS])).toContain("role.rbac.authorization.k8s.io/pod-reader created");
    expect(await ok(["create", "rolebinding", "alice-reads-pods", "--role=pod-reader", "--user=alice", "-n", NS])).toContain("rolebinding.rbac.authorization.k8s.io/alice-reads-pods created");
    expect(await ok(["create", "clusterrole", "node-viewer", "--verb=get,list,watch", "--resource=nodes"])).toContain("clusterrole.rbac.authorization.k8s.io/node-viewer created");
    expect(await ok(["create", "clusterrolebinding", "alice-views-nodes", "--clusterrole=node-viewer", "--user=alice"])).toContain("clusterrolebinding.rbac.authorization.k8s.io/alice-views-nodes created");

    const role = JSON.parse(await ok(["get", "role", "pod-reader", "-n", NS, "-o", "json"]));
    expect(role.rules).toEqual([{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }]);
    const binding = JSON.parse(await ok(["get", "rolebinding", "alice-reads-pods", "-n", NS, "-o", "json"]));
    expect(binding.subjects).toEqual([{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" }]);
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" });
    const crb = JSON.parse(await ok(["get", "clusterrolebinding", "alice-views-nodes", "-o", "json"]));
    expect(crb.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "node-viewer" });
  });

  it("creates an aggregated ClusterRole and a non-resource URL rule", async () => {
    await ok(["create", "clusterrole", "aggregated", "--aggregation-rule=rbac.example.com/aggregate-to-it=true"]);
    const agg = JSON.parse(await ok(["get", "clusterrole", "aggregated", "-o", "json"]));
    expect(agg.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-it": "true" } }] });
    await ok(["create", "clusterrole", "log-reader", "--verb=get", "--non-resource-url=/logs/*"]);
    expect(JSON.parse(await ok(["get", "clusterrole", "log-reader", "-o", "json"])).rules).toEqual([{ verbs: ["get"], nonResourceURLs: ["/logs/*"] }]);
  });
});

describe("kubectl --as (impersonation) against the bindings", () => {
  it("auth can-i answers yes for what the Role grants and no (exit 1) otherwise", async () => {
    expect((await ok(["auth", "can-i", "list", "pods", "-n", NS, "--as", "alice"])).trim()).toBe("yes");
    expect((await ok(["auth", "can-i", "list", "nodes", "--as", "alice"])).trim()).toBe("yes");
    const no = await h.kubectl(["auth", "can-i", "delete", "pods", "-n", NS, "--as", "alice"]);
    expect(no.code).toBe(1);
    expect(no.stdout.trim()).toBe("no");
    const elsewhere = await h.kubectl(["auth", "can-i", "list", "pods", "-n", "default", "--as", "alice"]);
    expect(elsewhere.code).toBe(1);
  });

  it("auth can-i --list shows the Role's rules", async () => {
    const [header, ...rows] = table(await ok(["auth", "can-i", "--list", "--as", "alice", "-n", NS]));
    expect(header).toEqual(["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]);
    expect(rows).toContainEqual(["pods", "[]", "[]", "[get list]"]);
    expect(rows).toContainEqual(["nodes", "[]", "[]", "[get list watch]"]);
    expect(rows.some((r) => r[0] === "secrets")).toBe(false);
  });

  it("get pods works as alice while get secrets is Forbidden in Kubernetes' words", async () => {
    const pods = await h.kubectl(["get", "pods", "-n", NS, "--as", "alice"]);
    expect(pods.code).toBe(0);
    expect(pods.stderr).toContain(`No resources found in ${NS} namespace.`);
    const secrets = await h.kubectl(["get", "secrets", "-n", NS, "--as", "alice"]);
    expect(secrets.code).toBe(1);
    expect(secrets.stderr.trim()).toBe(`Error from server (Forbidden): secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "${NS}"`);
  });
});

describe("kubectl create token (TokenRequest) and the token as a bearer credential", () => {
  let token: string;

  it("create serviceaccount, bind it, and create a token for it", async () => {
    expect(await ok(["create", "serviceaccount", "bot", "-n", NS])).toContain("serviceaccount/bot created");
    await ok(["create", "rolebinding", "bot-reads-pods", "--role=pod-reader", `--serviceaccount=${NS}:bot`, "-n", NS]);
    token = (await ok(["create", "token", "bot", "-n", NS])).trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = claimsOf(token);
    expect(claims.sub).toBe(`system:serviceaccount:${NS}:bot`);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it("--duration=2h sets the lifetime", async () => {
    const long = (await ok(["create", "token", "bot", "-n", NS, "--duration=2h"])).trim();
    const claims = claimsOf(long);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(7200);
  });

  it("auth whoami with the token names the ServiceAccount", async () => {
    const r = await withToken(token, ["auth", "whoami"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = table(r.stdout);
    expect(rows).toContainEqual(["Username", `system:serviceaccount:${NS}:bot`]);
    expect(rows.find((row) => row[0] === "Groups")?.[1]).toBe(`[system:serviceaccounts system:serviceaccounts:${NS} system:authenticated]`);
  });

  it("--as the ServiceAccount sees its bindings too", async () => {
    expect((await ok(["auth", "can-i", "list", "pods", "-n", NS, "--as", `system:serviceaccount:${NS}:bot`])).trim()).toBe("yes");
  });

  it("the ServiceAccount's RoleBinding applies: pods yes, secrets Forbidden", async () => {
    const pods = await withToken(token, ["get", "pods", "-n", NS]);
    expect(pods.code, pods.stderr).toBe(0);
    const secrets = await withToken(token, ["get", "secrets", "-n", NS]);
    expect(secrets.code).toBe(1);
    expect(secrets.stderr.trim()).toBe(
      `Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:${NS}:bot" cannot list resource "secrets" in API group "" in the namespace "${NS}"`,
    );
  });

  it("a token for a missing ServiceAccount is NotFound", async () => {
    const r = await h.kubectl(["create", "token", "ghost", "-n", NS]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: failed to create token: serviceaccounts "ghost" not found');
  });

  it("--duration=1m is refused with Kubernetes' minimum", async () => {
    const r = await h.kubectl(["create", "token", "bot", "-n", NS, "--duration=1m"]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    );
  });

  it("alice may not create tokens: create serviceaccounts/token is authorized", async () => {
    const r = await h.kubectl(["create", "token", "bot", "-n", NS, "--as", "alice"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`User "alice" cannot create resource "serviceaccounts/token" in API group "" in the namespace "${NS}"`);
  });

  it("a token bound to a Secret dies with the Secret", async () => {
    await ok(["create", "secret", "generic", "holder", "-n", NS, "--from-literal=a=b"]);
    const bound = (await ok(["create", "token", "bot", "-n", NS, "--bound-object-kind=Secret", "--bound-object-name=holder"])).trim();
    expect((claimsOf(bound)["kubernetes.io"] as { secret?: { name: string } }).secret?.name).toBe("holder");
    expect((await withToken(bound, ["auth", "whoami"])).code).toBe(0);
    await ok(["delete", "secret", "holder", "-n", NS]);
    const after = await withToken(bound, ["auth", "whoami"]);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain("Unauthorized");
  });

  it("the token stops working when its ServiceAccount is deleted", async () => {
    await ok(["delete", "serviceaccount", "bot", "-n", NS]);
    const r = await withToken(token, ["auth", "whoami"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Unauthorized");
  });
});
