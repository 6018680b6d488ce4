import { describe, it, expect, beforeEach } from "vitest";
import { makeDeployment, makePod } from "@/core/testing/builders";
import { resourceTypeByKind } from "@/core/api/resources";
import { makeTestGraphQL, type TestGraphQL } from "./testing/client";

let t: TestGraphQL;
beforeEach(async () => {
  t = await makeTestGraphQL();
});

const APPLY = `mutation($yaml: String!, $ns: String, $dry: Boolean) {
  apply(yaml: $yaml, namespace: $ns, dryRun: $dry) { index apiVersion kind namespace name action }
}`;

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;

const count = (kind: string, group = "") => t.store.list(resourceTypeByKind(group, kind)!).items.length;

describe("apply", () => {
  it("creates every document of a multi-document manifest, then queries see them", async () => {
    const r = await t.gql(APPLY, { yaml: MANIFEST, ns: "shop" });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      apply: [
        { index: 0, apiVersion: "v1", kind: "Namespace", namespace: null, name: "shop", action: "created" },
        { index: 1, apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web", action: "created" },
        { index: 2, apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "settings", action: "created" },
      ],
    });
    const q = await t.gql(`{ deployment(namespace: "shop", name: "web") { replicas images } namespaces { items { name phase } } }`);
    expect(q.data).toEqual({
      deployment: { replicas: 2, images: ["nginx:1.27"] },
      namespaces: { items: [{ name: "default", phase: "Active" }, { name: "shop", phase: "Active" }] },
    });
  });

  it("applying the same manifest again reports unchanged, and a change reports configured", async () => {
    await t.gql(APPLY, { yaml: MANIFEST, ns: "shop" });
    const again = await t.gql<{ apply: { action: string }[] }>(APPLY, { yaml: MANIFEST, ns: "shop" });
    expect(again.data!.apply.map((a) => a.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
    const changed = await t.gql<{ apply: { action: string }[] }>(APPLY, { yaml: MANIFEST.replace("replicas: 2", "replicas: 4"), ns: "shop" });
    expect(changed.data!.apply.map((a) => a.action)).toEqual(["unchanged", "configured", "unchanged"]);
  });

  it("dryRun stores nothing", async () => {
    const r = await t.gql(APPLY, { yaml: MANIFEST, ns: "shop", dry: true });
    expect(r.errors).toBeUndefined();
    expect(count("Deployment", "apps")).toBe(0);
    expect(count("Namespace")).toBe(1);
  });

  const BAD_NAME = MANIFEST.replace("name: settings", "name: Not_A_DNS_Name");
  const NO_NAME = MANIFEST.replace("  name: settings\n", "");
  const UNKNOWN_KIND = MANIFEST.replace("kind: ConfigMap", "kind: Widget");
  const BAD_YAML = MANIFEST + "---\nkind: [unclosed\n";
  const BAD_REPLICAS = MANIFEST.replace("replicas: 2", "replicas: -1");

  it.each([
    { name: "invalid YAML", yaml: BAD_YAML, mentions: ["document 4", "line"] },
    { name: "unknown kind", yaml: UNKNOWN_KIND, mentions: ["document 3", "Widget"] },
    { name: "missing name", yaml: NO_NAME, mentions: ["document 3", "name"] },
    { name: "non-DNS name", yaml: BAD_NAME, mentions: ["document 3", "metadata.name", "Not_A_DNS_Name"] },
    { name: "negative replicas", yaml: BAD_REPLICAS, mentions: ["document 2", "spec.replicas"] },
    // Messages number documents from 1 (ApplyResult.index counts from 0).
  ])("$name → an error naming the document and field, nothing stored", async ({ yaml, mentions }) => {
    const r = await t.gql(APPLY, { yaml, ns: "shop" });
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    for (const m of mentions) expect(r.errors![0].message).toContain(m);
    expect(r.errors![0].extensions?.code).toMatch(/^(BadRequest|Invalid|NotFound)$/);
    expect(count("Namespace")).toBe(1);
    expect(count("Deployment", "apps")).toBe(0);
    expect(count("ConfigMap")).toBe(0);
  });

  it("an empty manifest is a BadRequest", async () => {
    const r = await t.gql(APPLY, { yaml: "  \n" });
    expect(r.errors?.[0]).toMatchObject({ message: "no objects passed to apply", extensions: { code: "BadRequest" } });
  });
});

describe("delete", () => {
  it("deletes an object; deleting it again is NotFound", async () => {
    await t.store.create(makeDeployment("web").build());
    const DEL = `mutation { delete(apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "web", propagationPolicy: Background) { kind name namespace pending } }`;
    const r = await t.gql(DEL);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ delete: { kind: "Deployment", name: "web", namespace: "default", pending: false } });
    expect(count("Deployment", "apps")).toBe(0);
    const again = await t.gql(DEL);
    expect(again.errors?.[0].extensions).toMatchObject({ code: "NotFound", status: { code: 404 } });
  });

  it("an object with a finalizer stays, marked for deletion (pending)", async () => {
    await t.store.create(makePod("keep").with((p) => (p.metadata.finalizers = ["example.com/hold"])).build());
    const r = await t.gql(`mutation { delete(kind: "pods", name: "keep") { pending object } }`);
    expect(r.errors).toBeUndefined();
    const res = (r.data as { delete: { pending: boolean; object: { metadata: { deletionTimestamp?: string } } } }).delete;
    expect(res.pending).toBe(true);
    expect(res.object.metadata.deletionTimestamp).toBeDefined();
  });
});

describe("scaleDeployment", () => {
  it("sets spec.replicas and returns the deployment", async () => {
    await t.store.create(makeDeployment("web").replicas(1).build());
    const r = await t.gql(`mutation { scaleDeployment(name: "web", replicas: 5) { replicas ready } }`);
    expect(r.data).toEqual({ scaleDeployment: { replicas: 5, ready: "0/5" } });
  });

  it.each([
    { replicas: -1, code: "Invalid" },
  ])("replicas $replicas → $code on spec.replicas", async ({ replicas, code }) => {
    await t.store.create(makeDeployment("web").build());
    const r = await t.gql(`mutation($n: Int!) { scaleDeployment(name: "web", replicas: $n) { replicas } }`, { n: replicas });
    expect(r.errors?.[0].extensions?.code).toBe(code);
    expect(r.errors?.[0].extensions?.status?.details?.causes?.[0].field).toBe("spec.replicas");
  });

  it("a missing deployment is NotFound", async () => {
    const r = await t.gql(`mutation { scaleDeployment(name: "ghost", replicas: 1) { replicas } }`);
    expect(r.errors?.[0].extensions?.code).toBe("NotFound");
  });
});
