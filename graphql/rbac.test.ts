// Why: GraphQL must grant exactly what Kubernetes RBAC grants; each case states Kubernetes' answer and checks it against the authorizer and against what GraphQL did.

import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { resourceTypeByPlural } from "@/core/api/resources";
import { forbiddenError, type AuthorizationAttributes } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import { FakeClock } from "@/core/clock/fake-clock";
import { Cluster } from "@/core/cluster/cluster";
import { MemoryStore } from "@/core/store/memory-store";
import { CONSOLE_ADMIN, type ClusterRuntime } from "@/server/runtime/types";
import type { GqlResult } from "./testing/client";
import { createGraphQLServer } from "./yoga";

const user = (name: string, team: string): UserInfo => ({ name, groups: [team, "system:authenticated"] });
/** team-view: `view` in ns-a; team-edit: `edit` in ns-b; team-admin: `cluster-admin`; team-ns-admin: `admin` in ns-b. */
const USERS = { vera: user("vera", "team-view"), eddie: user("eddie", "team-edit"), ada: user("ada", "team-admin"), nadia: user("nadia", "team-ns-admin") };
type Who = keyof typeof USERS;

const rbac = "rbac.authorization.k8s.io/v1";
const SEED = `
apiVersion: v1
kind: Namespace
metadata: { name: ns-a }
---
apiVersion: v1
kind: Namespace
metadata: { name: ns-b }
---
apiVersion: ${rbac}
kind: RoleBinding
metadata: { name: team-view, namespace: ns-a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: team-view }]
---
apiVersion: ${rbac}
kind: RoleBinding
metadata: { name: team-edit, namespace: ns-b }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: team-edit }]
---
apiVersion: ${rbac}
kind: RoleBinding
metadata: { name: team-ns-admin, namespace: ns-b }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: team-ns-admin }]
---
apiVersion: ${rbac}
kind: ClusterRoleBinding
metadata: { name: team-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: team-admin }]
`;

function objectsIn(ns: string): string {
  const victims = Object.keys(USERS).map((u) => `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: victim-${u}, namespace: ${ns} }\nspec:\n  replicas: 0\n  selector: { matchLabels: { app: victim-${u} } }\n  template: { metadata: { labels: { app: victim-${u} } }, spec: { containers: [{ name: app, image: nginx }] } }\n`);
  return `
apiVersion: v1
kind: Pod
metadata: { name: solo, namespace: ${ns} }
spec: { containers: [{ name: app, image: nginx }] }
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: ${ns} }
data: { password: c2VjcmV0 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${ns} }
spec:
  replicas: 0
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: app, image: nginx }] } }
${victims.join("")}`;
}

const deployment = (ns: string, name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n  selector: { matchLabels: { app: ${name} } }\n  template: { metadata: { labels: { app: ${name} } }, spec: { containers: [{ name: app, image: nginx }] } }\n`;

let cluster: Cluster;
let gqlAs: (who: Who, query: string, variables?: Record<string, unknown>) => Promise<GqlResult>;
let subscribeAs: (who: Who, query: string) => Promise<{ next(): Promise<GqlResult>; close(): Promise<void> }>;

beforeAll(async () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  cluster = new Cluster({ store, clock });
  await cluster.start();
  await cluster.apiServer.apply(CONSOLE_ADMIN, SEED);
  await cluster.apiServer.apply(CONSOLE_ADMIN, objectsIn("ns-a") + "---\n" + objectsIn("ns-b"));
  const rt: ClusterRuntime = {
    clock,
    clockSpeed: 1,
    store,
    apiServer: cluster.apiServer,
    readLogs: (ns, pod) => `log of ${ns}/${pod}\n`,
    shutdown: async () => cluster.stop(),
  };
  const servers = new Map(Object.entries(USERS).map(([who, u]) => [who, createGraphQLServer({ runtime: () => rt, authenticate: () => u, graphiql: false })]));
  gqlAs = async (who, query, variables) => {
    const res = await servers.get(who)!.fetch("http://x/api/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, ...(await res.json()) };
  };
  subscribeAs = async (who, query) => {
    const res = await servers.get(who)!.fetch(`http://x/api/graphql?query=${encodeURIComponent(query)}`, { headers: { accept: "text/event-stream" } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    return {
      async next() {
        for (;;) {
          const end = buf.indexOf("\n\n");
          if (end >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const data = block.split("\n").find((l) => l.startsWith("data:"));
            if (block.includes("event: next") && data) return JSON.parse(data.slice(5)) as GqlResult;
            continue;
          }
          const { value, done } = await reader.read();
          if (done) throw new Error("stream ended");
          buf += decoder.decode(value, { stream: true });
        }
      },
      close: () => reader.cancel(),
    };
  };
});
afterAll(() => cluster.stop());

/** Kubernetes' decision for `attrs` as `who`, from the cluster's authorizer (system:masters + RBAC). */
function decide(who: Who, attrs: Omit<AuthorizationAttributes, "user">): boolean {
  return cluster.apiServer.authorizer.authorize({ ...attrs, user: USERS[who] }).allowed;
}

const res = (verb: string, resource: string, namespace: string, name?: string, group = "", subresource?: string) => ({
  verb,
  group,
  resource,
  namespace,
  ...(name ? { name } : {}),
  ...(subresource ? { subresource } : {}),
});

interface Action {
  action: string;
  /** The requests Kubernetes makes for it (kubectl's): all must be allowed. */
  k8s: (who: Who) => ReturnType<typeof res>[];
  /** The requests the GraphQL resolver makes through the pipeline, when they differ from Kubernetes'. */
  graphql?: (who: Who) => ReturnType<typeof res>[];
  run: (who: Who) => Promise<GqlResult>;
  /** Kubernetes' answer per user. */
  expect: Record<Who, boolean>;
}

const ACTIONS: Action[] = [
  { action: "list pods in ns-a", k8s: () => [res("list", "pods", "ns-a")], run: (w) => gqlAs(w, `{ pods(namespace: "ns-a") { items { name } } }`), expect: { vera: true, eddie: false, ada: true, nadia: false } },
  { action: "list pods in ns-b", k8s: () => [res("list", "pods", "ns-b")], run: (w) => gqlAs(w, `{ pods(namespace: "ns-b") { items { name } } }`), expect: { vera: false, eddie: true, ada: true, nadia: true } },
  { action: "read secret data in ns-a", k8s: () => [res("get", "secrets", "ns-a", "creds")], run: (w) => gqlAs(w, `{ secret(namespace: "ns-a", name: "creds") { data } }`), expect: { vera: false, eddie: false, ada: true, nadia: false } },
  { action: "read secret data in ns-b", k8s: () => [res("get", "secrets", "ns-b", "creds")], run: (w) => gqlAs(w, `{ secret(namespace: "ns-b", name: "creds") { data } }`), expect: { vera: false, eddie: true, ada: true, nadia: true } },
  { action: "read logs in ns-a", k8s: () => [res("get", "pods", "ns-a", "solo", "", "log")], run: (w) => gqlAs(w, `{ podLogs(namespace: "ns-a", name: "solo") }`), expect: { vera: true, eddie: false, ada: true, nadia: false } },
  { action: "read logs in ns-b", k8s: () => [res("get", "pods", "ns-b", "solo", "", "log")], run: (w) => gqlAs(w, `{ podLogs(namespace: "ns-b", name: "solo") }`), expect: { vera: false, eddie: true, ada: true, nadia: true } },
  {
    action: "read a pod's events in ns-a",
    k8s: () => [res("get", "pods", "ns-a", "solo"), res("list", "events", "ns-a")],
    run: (w) => gqlAs(w, `{ pod(namespace: "ns-a", name: "solo") { name events { reason } } }`),
    expect: { vera: true, eddie: false, ada: true, nadia: false },
  },
  {
    action: "apply a new deployment in ns-a",
    k8s: (w) => [res("get", "deployments", "ns-a", `api-${w}`, "apps"), res("create", "deployments", "ns-a", undefined, "apps")],
    run: (w) => gqlAs(w, `mutation($y: String!) { apply(yaml: $y) { action } }`, { y: deployment("ns-a", `api-${w}`) }),
    expect: { vera: false, eddie: false, ada: true, nadia: false },
  },
  {
    action: "apply a new deployment in ns-b",
    k8s: (w) => [res("get", "deployments", "ns-b", `api-${w}`, "apps"), res("create", "deployments", "ns-b", undefined, "apps")],
    run: (w) => gqlAs(w, `mutation($y: String!) { apply(yaml: $y) { action } }`, { y: deployment("ns-b", `api-${w}`) }),
    expect: { vera: false, eddie: true, ada: true, nadia: true },
  },
  {
    action: "scale a deployment in ns-a",
    k8s: () => [res("patch", "deployments", "ns-a", "web", "apps", "scale")],
    graphql: () => [res("get", "deployments", "ns-a", "web", "apps"), res("update", "deployments", "ns-a", "web", "apps", "scale")],
    run: (w) => gqlAs(w, `mutation { scaleDeployment(namespace: "ns-a", name: "web", replicas: 1) { replicas } }`),
    expect: { vera: false, eddie: false, ada: true, nadia: false },
  },
  {
    action: "scale a deployment in ns-b",
    k8s: () => [res("patch", "deployments", "ns-b", "web", "apps", "scale")],
    graphql: () => [res("get", "deployments", "ns-b", "web", "apps"), res("update", "deployments", "ns-b", "web", "apps", "scale")],
    run: (w) => gqlAs(w, `mutation { scaleDeployment(namespace: "ns-b", name: "web", replicas: 2) { replicas } }`),
    expect: { vera: false, eddie: true, ada: true, nadia: true },
  },
  {
    action: "delete a deployment in ns-a",
    k8s: (w) => [res("delete", "deployments", "ns-a", `victim-${w}`, "apps")],
    run: (w) => gqlAs(w, `mutation { delete(kind: "deployments.apps", namespace: "ns-a", name: "victim-${w}") { name } }`),
    expect: { vera: false, eddie: false, ada: true, nadia: false },
  },
  {
    action: "delete a deployment in ns-b",
    k8s: (w) => [res("delete", "deployments", "ns-b", `victim-${w}`, "apps")],
    run: (w) => gqlAs(w, `mutation { delete(kind: "deployments.apps", namespace: "ns-b", name: "victim-${w}") { name } }`),
    expect: { vera: false, eddie: true, ada: true, nadia: true },
  },
];

const CASES = ACTIONS.flatMap((a) => (Object.keys(USERS) as Who[]).map((who) => ({ ...a, who, allowed: a.expect[who] })));

describe("GraphQL decides as Kubernetes RBAC", () => {
  it.each(CASES)("$who: $action → $allowed", async ({ who, k8s, graphql, run, allowed }) => {
    const kube = k8s(who);
    expect(kube.every((a) => decide(who, a))).toBe(allowed);
    const own = graphql?.(who) ?? kube;
    expect(own.every((a) => decide(who, a))).toBe(allowed);

    const r = await run(who);
    if (allowed) {
      expect(r.errors).toBeUndefined();
      return;
    }
    const denied = own.find((a) => !decide(who, a))!;
    const err = r.errors?.find((e) => e.extensions?.code === "Forbidden");
    expect(err?.extensions?.status).toMatchObject({ kind: "Status", status: "Failure", reason: "Forbidden", code: 403 });
    expect(err?.message).toContain(forbiddenError({ ...denied, user: USERS[who] }).status.message);
  });

  it("words a refused delete as Kubernetes does", async () => {
    const r = await gqlAs("eddie", `mutation { delete(kind: "deployments.apps", namespace: "ns-a", name: "web") { name } }`);
    expect(r.errors?.[0]).toMatchObject({
      message: 'deployments.apps "web" is forbidden: User "eddie" cannot delete resource "deployments" in API group "apps" in the namespace "ns-a"',
      extensions: { code: "Forbidden", status: { reason: "Forbidden", code: 403, details: { name: "web", group: "apps", kind: "deployments" } } },
    });
  });
});

describe("lists and watches show what the user may list", () => {
  it.each([
    { who: "vera" as Who, namespaces: ["ns-a"] },
    { who: "eddie" as Who, namespaces: ["ns-b"] },
    { who: "nadia" as Who, namespaces: ["ns-b"] },
    { who: "ada" as Who, namespaces: ["ns-a", "ns-b"] },
  ])("$who lists pods of $namespaces across namespaces, without an error", async ({ who, namespaces }) => {
    const computed = ["ns-a", "ns-b"].filter((ns) => decide(who, res("list", "pods", ns)));
    expect(computed).toEqual(namespaces);
    const r = await gqlAs(who, `{ pods { items { namespace name } } }`);
    expect(r.errors).toBeUndefined();
    const seen = [...new Set((r.data as { pods: { items: { namespace: string }[] } }).pods.items.map((p) => p.namespace))].sort();
    expect(seen).toEqual(namespaces);
  });

  it.each([
    { who: "vera" as Who, visible: ["ns-a"] },
    { who: "eddie" as Who, visible: ["ns-b"] },
    { who: "ada" as Who, visible: ["default", "kube-node-lease", "kube-public", "kube-system", "ns-a", "ns-b"] },
  ])("$who sees namespaces $visible", async ({ who, visible }) => {
    const r = await gqlAs(who, `{ namespaces { items { name } } overview { namespaces } }`);
    expect(r.errors).toBeUndefined();
    const names = (r.data as { namespaces: { items: { name: string }[] } }).namespaces.items.map((n) => n.name);
    // ada lists cluster-wide: whatever namespaces the cluster made at start are hers too.
    if (who === "ada") expect(names).toEqual(expect.arrayContaining(["default", "ns-a", "ns-b"]));
    else expect(names).toEqual(visible);
    expect((r.data as { overview: { namespaces: number } }).overview.namespaces).toBe(names.length);
  });

  it("a namespace viewer's overview counts their namespace and refuses only the nodes section", async () => {
    const r = await gqlAs("vera", `{ overview { pods { total } deployments { total } nodes { total } } pods(namespace: "ns-a") { items { name } } deployments(namespace: "ns-a") { items { name } } }`);
    const d = r.data as { overview: { pods: { total: number }; deployments: { total: number }; nodes: null }; pods: { items: unknown[] }; deployments: { items: unknown[] } };
    expect(d.overview).toEqual({ pods: { total: d.pods.items.length }, deployments: { total: d.deployments.items.length }, nodes: null });
    expect(d.deployments.items.length).toBeGreaterThan(0);
    expect(r.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toEqual([["overview.nodes", "Forbidden"]]);
  });

  it("a watch across namespaces streams only the namespaces the user may watch; one forbidden namespace is a 403", async () => {
    const sub = await subscribeAs("vera", `subscription { watch(kind: "pods") { type namespace name } }`);
    // ns-b's pod is created first: had it reached vera, it would arrive before ns-a's.
    await cluster.apiServer.apply(CONSOLE_ADMIN, `apiVersion: v1\nkind: Pod\nmetadata: { name: late, namespace: ns-b }\nspec: { containers: [{ name: app, image: nginx }] }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: late, namespace: ns-a }\nspec: { containers: [{ name: app, image: nginx }] }\n`);
    const seen: { type: string; namespace: string; name: string }[] = [];
    while (!seen.some((e) => e.name === "late")) seen.push((await sub.next()).data!.watch as (typeof seen)[number]);
    expect(seen).toContainEqual({ type: "ADDED", namespace: "ns-a", name: "solo" });
    expect(seen.filter((e) => e.namespace !== "ns-a")).toEqual([]);
    expect(seen.at(-1)).toEqual({ type: "ADDED", namespace: "ns-a", name: "late" });
    await sub.close();
    const refused = await subscribeAs("vera", `subscription { watch(kind: "pods", namespace: "ns-b") { type } }`);
    expect((await refused.next()).errors?.[0]).toMatchObject({
      message: 'pods is forbidden: User "vera" cannot watch resource "pods" in API group "" in the namespace "ns-b"',
      extensions: { code: "Forbidden" },
    });
    await refused.close();
  });
});

describe("escalation and all-or-nothing apply", () => {
  const bindMe = (who: Who) =>
    `apiVersion: ${rbac}\nkind: RoleBinding\nmetadata: { name: ${who}-root, namespace: ns-b }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\nsubjects: [{ apiGroup: rbac.authorization.k8s.io, kind: User, name: ${who} }]\n`;

  it("an editor may not bind cluster-admin to themselves (edit cannot write RoleBindings at all)", async () => {
    expect(decide("eddie", res("create", "rolebindings", "ns-b", undefined, "rbac.authorization.k8s.io"))).toBe(false);
    const r = await gqlAs("eddie", `mutation($y: String!) { apply(yaml: $y) { name } }`, { y: bindMe("eddie") });
    expect(r.errors?.[0].extensions?.code).toBe("Forbidden");
    expect(r.errors?.[0].message).toContain('rolebindings.rbac.authorization.k8s.io "eddie-root" is forbidden: User "eddie" cannot get resource "rolebindings"');
    expect(cluster.store.get(resourceTypeByPlural("rbac.authorization.k8s.io", "rolebindings")!, "ns-b", "eddie-root")).toBeUndefined();
  });

  it("a namespace admin may write RoleBindings but not grant cluster-admin, which they do not hold (escalation prevention)", async () => {
    expect(decide("nadia", res("create", "rolebindings", "ns-b", undefined, "rbac.authorization.k8s.io"))).toBe(true);
    expect(decide("nadia", res("bind", "clusterroles", "", "cluster-admin", "rbac.authorization.k8s.io"))).toBe(false);
    const r = await gqlAs("nadia", `mutation($y: String!) { apply(yaml: $y) { name } }`, { y: bindMe("nadia") });
    expect(r.errors?.[0].extensions?.code).toBe("Forbidden");
    expect(r.errors?.[0].message).toContain('rolebindings.rbac.authorization.k8s.io "nadia-root" is forbidden: user "nadia" (groups=["team-ns-admin" "system:authenticated"]) is attempting to grant RBAC permissions not currently held');
  });

  it("an apply of several documents where one is forbidden stores nothing", async () => {
    const y = deployment("ns-b", "first") + "---\n" + deployment("ns-a", "second") + "---\n" + deployment("ns-b", "third");
    const r = await gqlAs("eddie", `mutation($y: String!) { apply(yaml: $y) { name } }`, { y });
    expect(r.errors?.[0].message).toContain('deployments.apps "second" is forbidden: User "eddie" cannot get resource "deployments" in API group "apps" in the namespace "ns-a"');
    const names = (await gqlAs("ada", `{ deployments { items { name } } }`)).data as { deployments: { items: { name: string }[] } };
    expect(names.deployments.items.map((d) => d.name)).not.toEqual(expect.arrayContaining(["first"]));
    expect(names.deployments.items.map((d) => d.name)).not.toContain("third");
  });
});
