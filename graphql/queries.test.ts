import { describe, it, expect, beforeEach } from "vitest";
import { getIntrospectionQuery } from "graphql";
import { makeDeployment, makeNode, makePod } from "@/core/testing/builders";
import type { CoreEvent } from "@/core/api/types";
import { makeTestGraphQL, type TestGraphQL } from "./testing/client";

let t: TestGraphQL;
beforeEach(async () => {
  t = await makeTestGraphQL();
});

describe("queries", () => {
  it("lists pods with kubectl's columns, the raw object and YAML", async () => {
    await t.seed(makePod("web-1").labels({ app: "web" }).onNode("n1").ready().build());
    await t.seed(makePod("db-1").labels({ app: "db" }).build());
    t.clock.step(5 * 60_000);
    const r = await t.gql(`{ pods(namespace: "default", labelSelector: "app=web") {
      resourceVersion continue
      items { name namespace phase status ready restarts nodeName age metadata { labels } raw yaml containers { name state ready } } } }`);
    expect(r.errors).toBeUndefined();
    const pods = (r.data as { pods: { items: Record<string, unknown>[]; resourceVersion: string } }).pods;
    expect(pods.items).toHaveLength(1);
    expect(pods.items[0]).toMatchObject({
      name: "web-1",
      namespace: "default",
      phase: "Running",
      status: "Running",
      ready: "1/1",
      restarts: 0,
      nodeName: "n1",
      age: "5m",
      metadata: { labels: { app: "web" } },
      containers: [{ name: "app", state: "Running", ready: true }],
    });
    expect((pods.items[0].raw as { kind: string }).kind).toBe("Pod");
    expect(pods.items[0].yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}name: web-1/);
    expect(Number(pods.resourceVersion)).toBeGreaterThan(0);
  });

  it("pages with limit and continue", async () => {
    for (const n of ["a", "b", "c"]) await t.seed(makePod(n).build());
    const first = await t.gql<{ pods: { items: { name: string }[]; continue: string } }>(`{ pods(limit: 2) { items { name } continue } }`);
    expect(first.data!.pods.items.map((p) => p.name)).toEqual(["a", "b"]);
    const second = await t.gql<{ pods: { items: { name: string }[]; continue: string | null } }>(`query($c: String) { pods(limit: 2, continue: $c) { items { name } continue } }`, {
      c: first.data!.pods.continue,
    });
    expect(second.data!.pods.items.map((p) => p.name)).toEqual(["c"]);
    expect(second.data!.pods.continue).toBeNull();
  });

  it.each([0, 5001, -1])("refuses limit %i with BadRequest naming the argument", async (limit) => {
    const r = await t.gql(`query($l: Int) { pods(limit: $l) { items { name } } }`, { l: limit });
    expect(r.errors?.[0].extensions?.code).toBe("BadRequest");
    expect(r.errors?.[0].message).toContain("limit");
  });

  it("reads nodes and deployments with their columns", async () => {
    await t.store.create(makeNode("n1").labels({ "node-role.kubernetes.io/control-plane": "" }).build());
    await t.store.create(makeNode("n2").unschedulable().build());
    await t.store.create(makeDeployment("web").replicas(3).image("nginx:1.27").build());
    const r = await t.gql(`{
      nodes { items { name status roles capacity } }
      node(name: "n1") { name status }
      deployment(name: "web") { name replicas ready upToDate available images selector }
      deployments(namespace: "default") { items { name } }
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      nodes: {
        items: [
          { name: "n1", status: "Ready", roles: ["control-plane"], capacity: { cpu: "4", memory: "8Gi", pods: "110" } },
          { name: "n2", status: "Ready,SchedulingDisabled", roles: [], capacity: { cpu: "4", memory: "8Gi", pods: "110" } },
        ],
      },
      node: { name: "n1", status: "Ready" },
      deployment: { name: "web", replicas: 3, ready: "0/3", upToDate: 0, available: 0, images: ["nginx:1.27"], selector: "app=web" },
      deployments: { items: [{ name: "web" }] },
    });
  });

  it("a missing object is an error with code NotFound and the Kubernetes status", async () => {
    const r = await t.gql(`{ pod(namespace: "default", name: "nope") { name } }`);
    expect(r.data).toEqual({ pod: null });
    expect(r.errors?.[0]).toMatchObject({
      message: 'pods "nope" not found',
      path: ["pod"],
      extensions: { code: "NotFound", status: { code: 404, reason: "NotFound" } },
    });
  });

  it("object() returns any object as YAML and accepts kubectl's kind names", async () => {
    await t.store.create(makeDeployment("web").build());
    const r = await t.gql<{ a: string; b: string }>(`{
      a: object(apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name: "web")
      b: object(kind: "deploy", name: "web")
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.a).toContain("kind: Deployment\n");
    expect(r.data!.a).toBe(r.data!.b);
    const unknown = await t.gql(`{ object(kind: "widgets", name: "x") }`);
    expect(unknown.errors?.[0]).toMatchObject({ message: 'the server doesn\'t have a resource type "widgets"', extensions: { code: "NotFound" } });
  });

  it("lists events newest first", async () => {
    const ev = (name: string, last: string): CoreEvent => ({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: "default" },
      involvedObject: { kind: "Pod", name: "web-1", namespace: "default" },
      reason: "Started",
      message: `m-${name}`,
      type: "Normal",
      count: 2,
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: last,
      source: { component: "kubelet" },
    });
    await t.store.create(ev("old", "2026-01-01T00:00:00Z"));
    await t.store.create(ev("new", "2026-01-01T00:02:00Z"));
    await t.store.create(ev("mid", "2026-01-01T00:01:00Z"));
    t.clock.step(3 * 60_000);
    const r = await t.gql<{ events: Record<string, unknown>[] }>(`{ events(namespace: "default", limit: 2) { name type reason object message count lastSeen source } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.events).toEqual([
      { name: "new", type: "Normal", reason: "Started", object: "pod/web-1", message: "m-new", count: 2, lastSeen: "60s", source: "kubelet" },
      { name: "mid", type: "Normal", reason: "Started", object: "pod/web-1", message: "m-mid", count: 2, lastSeen: "2m", source: "kubelet" },
    ]);
  });

  it("podLogs reads the container log after reading the pod as the user", async () => {
    await t.seed(makePod("web-1").build());
    t.logs.set("default/web-1/app", "hello\n");
    const r = await t.gql(`{ podLogs(name: "web-1", container: "app", tailLines: 10, timestamps: true) }`);
    expect(r.data).toEqual({ podLogs: "hello\n" });
    expect(t.logCalls[0]).toEqual({ namespace: "default", pod: "web-1", container: "app", opts: { tailLines: 10, timestamps: true } });
    const missing = await t.gql(`{ podLogs(name: "ghost") }`);
    expect(missing.errors?.[0].extensions?.code).toBe("NotFound");
  });

  it("overview counts nodes, pods by phase and problem pods", async () => {
    await t.store.create(makeNode("n1").build());
    await t.store.create(makeNode("n2").ready(false).build());
    await t.seed(makePod("ok").ready().build());
    await t.seed(
      makePod("bad")
        .with((p) => {
          p.status = {
            phase: "Running",
            containerStatuses: [{ name: "app", image: "busybox", imageID: "", ready: false, restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } } }],
          };
        })
        .build(),
    );
    await t.seed(makePod("pending").build());
    const r = await t.gql(`{ overview { nodes { total ready notReady } pods { total byPhase { Pending Running } problems { name status } } namespaces } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      overview: {
        nodes: { total: 2, ready: 1, notReady: 1 },
        pods: { total: 3, byPhase: { Pending: 1, Running: 2 }, problems: [{ name: "bad", status: "CrashLoopBackOff" }, { name: "pending", status: "Pending" }] },
        namespaces: 1,
      },
    });
  });

  it("refuses operations deeper than the limit before running them", async () => {
    const deep = await makeTestGraphQL({ maxDepth: 3 });
    const r = await deep.gql(`query Deep { pods { items { metadata { name } } } }`);
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0].message).toBe("'Deep' has depth 4, which exceeds the maximum depth of 3");
    const ok = await t.gql(`{ pods { items { metadata { name } } } }`);
    expect(ok.errors).toBeUndefined();
  });

  it("serves the standard introspection query (GraphiQL) but refuses absurdly deep introspection", async () => {
    const intro = await t.gql(getIntrospectionQuery());
    expect(intro.errors).toBeUndefined();
    const deep = `{ __schema { types { fields { type ${"{ ofType ".repeat(18)}{ name }${" }".repeat(18)} } } } }`;
    const r = await t.gql(deep);
    expect(r.errors?.[0].message).toContain("exceeds the maximum depth of 20");
  });
});
