// Why: the whole loop for real: npm start on a free port, a Deployment applied over GraphQL runs, scales, rolls out, and survives a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerProcess, freePort, tempDataDir } from "./server-process";
import { authorizeAsAdmin, eventually, gql, gqlOk, subscribe } from "./graphql-client";

const NS = "it-shop";

function manifest(image: string, replicas: number): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${NS}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: ${NS}
spec:
  replicas: ${replicas}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 1
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: web
          image: ${image}
          readinessProbe:
            httpGet: { path: /, port: 80 }
            periodSeconds: 2
`;
}

interface PodRow {
  name: string;
  phase: string;
  ready: string;
  nodeName: string | null;
  containers: { image: string }[];
  metadata: { uid: string };
}

const PODS = `query($ns: String) { pods(namespace: $ns) { items { name phase ready nodeName containers { image } metadata { uid } } } }`;
const DEPLOYMENT = `query($ns: String, $name: String!) { deployment(namespace: $ns, name: $name) { name replicas readyReplicas upToDate available images metadata { uid resourceVersion } } }`;
const APPLY = `mutation($yaml: String!) { apply(yaml: $yaml) { index kind name action } }`;

async function pods(url: string): Promise<PodRow[]> {
  return (await gqlOk<{ pods: { items: PodRow[] } }>(url, PODS, { ns: NS })).pods.items;
}

/** containerStatuses report the resolved reference (docker.io/library/nginx:1.28), as a real kubelet does. */
const runsImage = (p: PodRow, image: string) => p.containers[0]?.image === image || p.containers[0]?.image.endsWith(`/${image}`);

const runningReady = (rows: PodRow[], image?: string) => rows.filter((p) => p.phase === "Running" && p.ready === "1/1" && (!image || runsImage(p, image)));

describe("a Deployment over GraphQL on a real server", () => {
  const dataDir = tempDataDir();
  let server: ServerProcess;

  beforeAll(async () => {
    server = new ServerProcess(await freePort(), dataDir, { WHEELHOUSE_CLOCK_SPEED: "10" });
    await server.start();
    authorizeAsAdmin(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("starts with three Ready worker nodes and the demo Deployment", async () => {
    const nodes = await eventually("3 Ready nodes", async () => {
      const d = await gqlOk<{ nodes: { items: { name: string; status: string }[] } }>(server.url, `{ nodes { items { name status } } }`);
      return d.nodes.items.filter((n) => n.status === "Ready").length === 3 && d.nodes.items;
    });
    expect(nodes.map((n) => n.name).sort()).toEqual(["worker-1", "worker-2", "worker-3"]);
    const demo = await eventually("demo web available", async () => {
      const d = await gqlOk<{ deployment: { available: number } | null }>(server.url, DEPLOYMENT, { ns: "demo", name: "web" });
      return d.deployment && d.deployment.available === 3 && d.deployment;
    });
    expect(demo.available).toBe(3);
  });

  it("runs 3 replicas, scales to 5, and rolls out a new image without dropping below replicas - maxUnavailable", async () => {
    const applied = await gqlOk<{ apply: { kind: string; action: string }[] }>(server.url, APPLY, { yaml: manifest("nginx:1.27", 3) });
    expect(applied.apply.map((r) => `${r.kind}:${r.action}`)).toEqual(["Namespace:created", "Deployment:created"]);

    const three = await eventually("3 running ready pods", async () => {
      const rows = await pods(server.url);
      return runningReady(rows).length === 3 && rows.length === 3 && rows;
    });
    expect(new Set(three.map((p) => p.nodeName)).size).toBeGreaterThan(1);

    await gqlOk(server.url, `mutation { scaleDeployment(namespace: "${NS}", name: "shop", replicas: 5) { replicas } }`);
    await eventually("5 running ready pods", async () => runningReady(await pods(server.url)).length === 5);

    // Follow readiness through the watch stream during the rollout: the lowest count seen must stay >= 5 - 1.
    const ready = new Map<string, boolean>();
    for (const p of await pods(server.url)) ready.set(p.name, p.phase === "Running" && p.ready === "1/1");
    let minReady = Infinity;
    let rolling = false;
    const trail: string[] = [];
    const sub = subscribe(
      server.url,
      `subscription($ns: String) { watch(kind: "Pod", namespace: $ns) { type object } }`,
      { ns: NS },
      (data) => {
        const ev = data.watch as { type: string; object: { metadata: { name: string; deletionTimestamp?: string }; status?: { conditions?: { type: string; status: string }[] } } };
        const name = ev.object.metadata.name;
        const isReady = ev.type !== "DELETED" && !ev.object.metadata.deletionTimestamp && !!ev.object.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
        if (ev.type === "DELETED") ready.delete(name);
        else ready.set(name, isReady);
        if (rolling) {
          const count = [...ready.values()].filter(Boolean).length;
          trail.push(`${ev.type} ${name} ready=${isReady} deleting=${!!ev.object.metadata.deletionTimestamp} -> ${count}`);
          minReady = Math.min(minReady, count);
        }
      },
    );
    await sub.ready;
    await new Promise((r) => setTimeout(r, 500));
    rolling = true;
    try {
      const re = await gqlOk<{ apply: { kind: string; action: string }[] }>(server.url, APPLY, { yaml: manifest("nginx:1.28", 5) });
      expect(re.apply.map((r) => `${r.kind}:${r.action}`)).toEqual(["Namespace:unchanged", "Deployment:configured"]);
      const done = await eventually(
        "rollout to nginx:1.28",
        async () => {
          const rows = await pods(server.url);
          const d = (await gqlOk<{ deployment: { upToDate: number; available: number; replicas: number } }>(server.url, DEPLOYMENT, { ns: NS, name: "shop" })).deployment;
          return rows.length === 5 && runningReady(rows, "nginx:1.28").length === 5 && d.upToDate === 5 && d.available === 5 && rows;
        },
        120_000,
      );
      expect(done.every((p) => runsImage(p, "nginx:1.28"))).toBe(true);
    } finally {
      rolling = false;
      sub.close();
    }
    expect(minReady, `ready pods during the rollout:\n${trail.join("\n")}`).toBeGreaterThanOrEqual(4);
    expect(minReady).toBeLessThan(Infinity);
  });

  it.each([
    { name: "broken YAML", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: [oops\n", expect: /document|yaml|parse/i, stored: "broken" },
    { name: "missing metadata.name", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: it-shop\ndata: {a: b}\n", expect: /document 1 \(ConfigMap ""\): .*metadata\.name: Required value/, stored: undefined },
    { name: "a name that is not DNS-1123", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  namespace: it-shop\n", expect: /metadata\.name: Invalid value: "Bad_Name"/, stored: "Bad_Name" },
    { name: "an unknown kind", yaml: "apiVersion: v1\nkind: Frobnicator\nmetadata:\n  name: frob\n  namespace: it-shop\n", expect: /no matches for kind "Frobnicator" in version "v1"/, stored: "frob" },
    {
      name: "one bad document among good ones",
      yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good-one\n  namespace: it-shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad-deploy\n  namespace: it-shop\nspec:\n  replicas: -1\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: nginx}]}}\n",
      expect: /document 1|spec\.replicas/,
      stored: "good-one",
    },
  ])("refuses $name, stores nothing and keeps serving", async ({ yaml, expect: message, stored }) => {
    const before = (await gqlOk<{ pods: { resourceVersion: string } }>(server.url, `{ pods(namespace: "${NS}") { resourceVersion } }`)).pods.resourceVersion;
    const r = await gql(server.url, APPLY, { yaml });
    expect(r.errors?.[0]?.message).toMatch(message);
    if (stored) {
      const cm = await gqlOk<{ object: string | null }>(server.url, `query($n: String!) { object(kind: "ConfigMap", namespace: "${NS}", name: $n) }`, { n: stored }).catch(() => ({ object: null }));
      expect(cm.object).toBeNull();
    }
    const after = (await gqlOk<{ pods: { resourceVersion: string } }>(server.url, `{ pods(namespace: "${NS}") { resourceVersion } }`)).pods.resourceVersion;
    expect(after).toBeDefined();
    expect(Number(after)).toBeGreaterThanOrEqual(Number(before));
  });

  it("refuses a 10 MB body with 413 and keeps serving", async () => {
    const big = "x".repeat(10 * 1024 * 1024);
    const res = await fetch(`${server.url}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: APPLY, variables: { yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge, namespace: ${NS}}\ndata: {a: "${big}"}\n` } }),
    });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(JSON.stringify(body)).toMatch(/RequestEntityTooLarge|too large/i);
    const cm = await gqlOk<{ object: string | null }>(server.url, `{ object(kind: "ConfigMap", namespace: "${NS}", name: "huge") }`).catch(() => ({ object: null }));
    expect(cm.object).toBeNull();
  });

  it("keeps every object across a restart", async () => {
    const beforePods = await pods(server.url);
    const beforeDeploy = (await gqlOk<{ deployment: { metadata: { uid: string; resourceVersion: string } } }>(server.url, DEPLOYMENT, { ns: NS, name: "shop" })).deployment;
    expect(await server.stop()).toBe(0);

    await server.start();
    const afterDeploy = (await gqlOk<{ deployment: { metadata: { uid: string; resourceVersion: string }; replicas: number } }>(server.url, DEPLOYMENT, { ns: NS, name: "shop" })).deployment;
    expect(afterDeploy.metadata.uid).toBe(beforeDeploy.metadata.uid);
    expect(afterDeploy.replicas).toBe(5);
    const afterPods = await pods(server.url);
    expect(afterPods.map((p) => p.metadata.uid).sort()).toEqual(beforePods.map((p) => p.metadata.uid).sort());
    // the resourceVersion counter continues rather than restarting
    const rv = (await gqlOk<{ pods: { resourceVersion: string } }>(server.url, `{ pods(namespace: "${NS}") { resourceVersion } }`)).pods.resourceVersion;
    expect(Number(rv)).toBeGreaterThanOrEqual(Number(beforeDeploy.metadata.resourceVersion));
    await eventually("pods Running again after restart", async () => runningReady(await pods(server.url), "nginx:1.28").length === 5);
  });
});
