import { describe, it, expect } from "vitest";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import { resourceTypeFor } from "../api/resources";
import { ApiServer } from "./api-server";
import { LAST_APPLIED_ANNOTATION, threeWayMerge } from "./apply";
import { parseManifest } from "./manifests";
import type { UserInfo } from "./types";
import { failure } from "../testing/api-failure";

const admin: UserInfo = { name: "admin", groups: ["system:masters"] };
const DEPLOY = resourceTypeFor("apps/v1", "Deployment")!;
const CM = resourceTypeFor("v1", "ConfigMap")!;
const SVC = resourceTypeFor("v1", "Service")!;

async function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const name of ["default", "demo"]) await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  return { store, server: new ApiServer({ store, clock }) };
}

const deploymentYaml = (replicas: number, image = "nginx:1.27") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: nginx
        image: ${image}
`;
const configMapYaml = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;

describe("ApiServer.apply", () => {
  it("creates, then reports unchanged, then configured", async () => {
    const { server, store } = await setup();
    const manifest = `${deploymentYaml(2)}---\n${configMapYaml}`;
    const first = await server.apply(admin, manifest);
    expect(first.map((r) => [r.index, r.kind, r.namespace, r.name, r.action])).toEqual([
      [0, "Deployment", "demo", "web", "created"],
      [1, "ConfigMap", "default", "settings", "created"],
    ]);
    const live = store.get(DEPLOY, "demo", "web")!;
    expect(live.spec.strategy.type).toBe("RollingUpdate");
    expect(JSON.parse(live.metadata.annotations![LAST_APPLIED_ANNOTATION])).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { annotations: {}, name: "web", namespace: "demo" },
      spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
    });
    expect(live.metadata.annotations![LAST_APPLIED_ANNOTATION].endsWith("\n")).toBe(true);

    const rv = store.resourceVersion();
    const second = await server.apply(admin, manifest);
    expect(second.map((r) => r.action)).toEqual(["unchanged", "unchanged"]);
    expect(store.resourceVersion()).toBe(rv);

    const third = await server.apply(admin, `${deploymentYaml(3, "nginx:1.28")}---\n${configMapYaml}`);
    expect(third.map((r) => r.action)).toEqual(["configured", "unchanged"]);
    const updated = store.get(DEPLOY, "demo", "web")!;
    expect(updated.spec.replicas).toBe(3);
    expect(updated.spec.template.spec.containers[0].image).toBe("nginx:1.28");
    expect(updated.metadata.uid).toBe(live.metadata.uid);
    expect(updated.metadata.generation).toBe(2);
  });

  it("keeps fields the server or others set (three-way merge)", async () => {
    const { server, store } = await setup();
    await server.apply(admin, `apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: demo }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n`);
    const svc = structuredClone(store.get(SVC, "demo", "web")!);
    svc.spec.clusterIP = "10.96.0.10";
    svc.spec.clusterIPs = ["10.96.0.10"];
    await store.update(svc);
    const r = await server.apply(admin, `apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: demo, labels: { tier: fe } }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n`);
    expect(r[0].action).toBe("configured");
    expect(store.get(SVC, "demo", "web")!.spec.clusterIP).toBe("10.96.0.10");
    expect(store.get(SVC, "demo", "web")!.metadata.labels).toEqual({ tier: "fe" });
  });

  it("removes fields that were applied before and are gone now", () => {
    expect(threeWayMerge({ a: 1, b: 2, c: 3 }, { a: 1, b: 2 }, { a: 5 })).toEqual({ a: 5, c: 3 });
  });

  it.each([
    {
      what: "Service ports merge by port, keeping the live nodePort",
      live: { spec: { ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }] } },
      last: { spec: { ports: [{ port: 80 }] } },
      desired: { spec: { ports: [{ port: 80 }] } },
      want: { spec: { ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }] } },
    },
    {
      what: "a list element removed from the applied config is removed; one added by someone else stays",
      live: { spec: { template: { spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }, { name: "side", image: "z" }] } } } },
      last: { spec: { template: { spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }] } } } },
      desired: { spec: { template: { spec: { containers: [{ name: "a", image: "x2" }] } } } },
      want: { spec: { template: { spec: { containers: [{ name: "a", image: "x2" }, { name: "side", image: "z" }] } } } },
    },
    {
      what: "atomic lists (args) are replaced",
      live: { spec: { template: { spec: { containers: [{ name: "a", args: ["1", "2"] }] } } } },
      last: { spec: { template: { spec: { containers: [{ name: "a", args: ["1", "2"] }] } } } },
      desired: { spec: { template: { spec: { containers: [{ name: "a", args: ["3"] }] } } } },
      want: { spec: { template: { spec: { containers: [{ name: "a", args: ["3"] }] } } } },
    },
    {
      what: "finalizers merge as a set",
      live: { metadata: { finalizers: ["x/keep", "x/old"] } },
      last: { metadata: { finalizers: ["x/old"] } },
      desired: { metadata: { finalizers: ["x/new"] } },
      want: { metadata: { finalizers: ["x/keep", "x/new"] } },
    },
  ])("three-way merge by the schema's merge keys: $what", ({ live, last, desired, want }) => {
    const model = want.spec && "ports" in want.spec ? "V1Service" : "V1Deployment";
    expect(threeWayMerge(live, last, desired, model)).toEqual(want);
  });

  it("applying the same NodePort Service twice is unchanged the second time", async () => {
    const { server } = await setup();
    const yaml = `apiVersion: v1\nkind: Service\nmetadata: { name: np, namespace: demo }\nspec:\n  type: NodePort\n  selector: { app: web }\n  ports: [{ port: 80 }]\n`;
    expect((await server.apply(admin, yaml))[0].action).toBe("created");
    expect((await server.apply(admin, yaml))[0].action).toBe("unchanged");
  });

  it("stores nothing when one document is invalid", async () => {
    const { server, store } = await setup();
    const e = await failure(server.apply(admin, `${configMapYaml}---\n${deploymentYaml(-1)}`));
    expect(e.code).toBe(422);
    expect(e.message).toBe(`document 2 (Deployment "web"): Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`);
    expect(store.get(CM, "default", "settings")).toBeUndefined();
  });

  it.each([
    { name: "broken YAML", manifest: `kind: ConfigMap\nmetadata: {name: x\n`, code: 400, message: /^error parsing manifest: document 1: .*at line 10, column 1$/ },
    { name: "unknown kind", manifest: `apiVersion: v1\nkind: Foo\nmetadata: { name: x }\n`, code: 400, message: /^document 1 \(Foo "x"\): no matches for kind "Foo" in version "v1"$/ },
    { name: "missing apiVersion and kind", manifest: `metadata: { name: x }\n`, code: 400, message: /^document 1 \(line 8\): error validating data: \[apiVersion not set, kind not set\]$/ },
    { name: "missing kind", manifest: `apiVersion: v1\nmetadata: { name: x }\n`, code: 400, message: /^document 1 \(line 8\): error validating data: kind not set$/ },
    { name: "missing name", manifest: `apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n`, code: 422, message: /^document 1 \(ConfigMap ""\): ConfigMap "" is invalid: metadata\.name: Required value: resource name may not be empty$/ },
    {
      name: "non-DNS name",
      manifest: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: Bad_Name }\n`,
      code: 422,
      message: /^document 1 \(ConfigMap "Bad_Name"\): ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    },
    {
      name: "unknown field (kubectl's default is Strict)",
      manifest: deploymentYaml(1).replace("replicas:", "replica:"),
      code: 400,
      message: /^document 1 \(Deployment "web"\): Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"$/,
    },
    { name: "missing namespace", manifest: configMapYaml.replace("name: settings", "name: settings\n  namespace: nowhere"), code: 404, message: /namespaces "nowhere" not found/ },
  ])("refuses $name and stores nothing (after a good first document)", async ({ manifest, code, message }) => {
    const { server, store } = await setup();
    const rv = store.resourceVersion();
    const e = await failure(server.apply(admin, `${configMapYaml.replace("settings", "first")}---\n${manifest}`));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(new RegExp(message.source.replace("document 1", "document 2")));
    expect(store.resourceVersion()).toBe(rv);
  });

  it.each([
    { name: "Pod", yaml: `apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: demo }\nspec:\n  containers: [{ name: c, image: nginx, resources: { limits: { cpu: 1 } } }]\n` },
    { name: "Namespace", yaml: `apiVersion: v1\nkind: Namespace\nmetadata: { name: team }\n` },
    { name: "Service", yaml: `apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: demo }\nspec:\n  type: NodePort\n  ports: [{ port: 80, nodePort: 30080 }]\n` },
    { name: "Secret", yaml: `apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: demo }\nstringData: { password: hunter2 }\n` },
  ])("re-applying a $name unchanged writes nothing", async ({ yaml }) => {
    const { server, store } = await setup();
    expect((await server.apply(admin, yaml))[0].action).toBe("created");
    const rv = store.resourceVersion();
    expect((await server.apply(admin, yaml))[0].action).toBe("unchanged");
    expect(store.resourceVersion()).toBe(rv);
  });

  it("refuses an empty manifest", async () => {
    const { server } = await setup();
    const e = await failure(server.apply(admin, "---\n# nothing\n"));
    expect(e.code).toBe(400);
    expect(e.message).toBe("no objects passed to apply");
  });

  it("refuses a 10 MB manifest with 413 before parsing", async () => {
    const { server } = await setup();
    const e = await failure(server.apply(admin, "#".repeat(10 * 1024 * 1024)));
    expect(e.code).toBe(413);
    expect(e.reason).toBe("RequestEntityTooLarge");
  });

  it("creates a namespace and its content in one manifest, and expands Lists", async () => {
    const { server, store } = await setup();
    const list = JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "team" } }, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "team" } }] });
    const r = await server.apply(admin, `${list}\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: team }\n`);
    expect(r.map((x) => [x.index, x.kind, x.name, x.action])).toEqual([
      [0, "ConfigMap", "a", "created"],
      [0, "ConfigMap", "b", "created"],
      [1, "Namespace", "team", "created"],
    ]);
    expect(store.get(CM, "team", "b")).toBeDefined();
  });

  it("dry run stores nothing", async () => {
    const { server, store } = await setup();
    const rv = store.resourceVersion();
    const r = await server.apply(admin, deploymentYaml(2), { dryRun: true });
    expect(r[0].action).toBe("created");
    expect(r[0].object.spec.replicas).toBe(2);
    expect(store.resourceVersion()).toBe(rv);
  });

  it("uses defaultNamespace for objects that name none", async () => {
    const { server, store } = await setup();
    await server.apply(admin, configMapYaml, { defaultNamespace: "demo" });
    expect(store.get(CM, "demo", "settings")).toBeDefined();
  });
});

describe("parseManifest", () => {
  it("skips empty documents and records lines", () => {
    const docs = parseManifest(`---\n# comment only\n---\n${configMapYaml}---\n\n---\n${configMapYaml}`);
    expect(docs.map((d) => [d.index, d.line])).toEqual([
      [0, 4],
      [1, 13],
    ]);
  });

  it("reads YAML as kubectl does (YAML 1.1: octal modes, yes/no booleans, no base 60)", () => {
    const [doc] = parseManifest(`apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  volumes: [{ name: v, secret: { secretName: s, defaultMode: 0644 } }]\n  hostNetwork: yes\n  hostname: 1:20\n`);
    expect(doc.object.spec.volumes[0].secret.defaultMode).toBe(420);
    expect(doc.object.spec.hostNetwork).toBe(true);
    expect(doc.object.spec.hostname).toBe("1:20");
  });

  it("parses JSON", () => {
    expect(parseManifest(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}`)[0].object.kind).toBe("ConfigMap");
  });
});
