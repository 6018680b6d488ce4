// Why: the Cluster authorizes with RBAC by default; its controllers must keep working under their own roles, admins keep full access, and others get exactly what is bound to them.

import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { resourceTypeByKind } from "../api/resources";
import type { Namespace, Pod } from "../api/types";
import { FakeClock } from "../clock/fake-clock";
import { CLUSTER_ROLE_TYPE, type ClusterRole } from "../rbac/types";
import { MemoryStore } from "../store/memory-store";
import { Cluster } from "./cluster";

const PODS = resourceTypeByKind("", "Pod")!;
const NAMESPACES = resourceTypeByKind("", "Namespace")!;
const ADMIN = { name: "admin", groups: ["system:masters", "system:authenticated"] };
const VIEWER = { name: "vera", groups: ["team-a", "system:authenticated"] };

const manifest = `
apiVersion: v1
kind: Namespace
metadata: { name: team-a }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: team-a-view, namespace: team-a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects: [{ kind: Group, name: team-a }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: team-a }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: "nginx:1.27" }] }
`;

describe("Cluster with RBAC (the default)", () => {
  let cluster: Cluster | undefined;
  afterEach(() => cluster?.stop());

  it("keeps controllers working, aggregates the default roles, and grants viewers only reads", async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const errors: unknown[] = [];
    cluster = new Cluster({ store, clock, onControllerError: (_c, _k, e) => errors.push(e) });
    await cluster.start();
    await cluster.addNode("n1", { capacity: { cpu: "4", memory: "8Gi", pods: 110 } });
    await cluster.apiServer.apply(ADMIN, manifest);
    const running = () => store.list<Pod>(PODS, { namespace: "team-a" }).items.filter((p) => p.status?.phase === "Running");
    for (let i = 0; i < 30 && running().length < 2; i++) await clock.advance(1000);
    expect(running()).toHaveLength(2);

    // view/edit/admin were filled by the aggregation controller.
    const view = store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "view")!;
    expect(view.rules!.some((r) => r.resources?.includes("pods/log"))).toBe(true);
    const admin = store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "admin")!;
    expect(admin.rules!.some((r) => r.resources?.includes("rolebindings"))).toBe(true);

    const client = cluster.apiServer.client(VIEWER);
    expect(client.list(PODS, { namespace: "team-a" }).items).toHaveLength(2);
    let denied: ApiError | undefined;
    try {
      await client.delete(PODS, "team-a", running()[0].metadata.name!);
    } catch (e) {
      denied = e as ApiError;
    }
    expect(denied?.status.code).toBe(403);
    expect(denied?.message).toBe(`pods "${running()[0].metadata.name}" is forbidden: User "vera" cannot delete resource "pods" in API group "" in the namespace "team-a"`);
    expect(() => client.list(PODS, { namespace: "default" })).toThrow(/cannot list resource "pods" in API group "" in the namespace "default"/);
    expect(cluster.apiServer.authorizer.rulesFor!(VIEWER, "team-a").resourceRules.length).toBeGreaterThan(5);

    // Deleting the namespace still works: the namespace controller acts under its role.
    await cluster.apiServer.client(ADMIN).delete(NAMESPACES, undefined, "team-a");
    for (let i = 0; i < 60 && store.get<Namespace>(NAMESPACES, undefined, "team-a"); i++) await clock.advance(1000);
    expect(store.get(NAMESPACES, undefined, "team-a")).toBeUndefined();
    expect(errors.filter((e) => e instanceof ApiError && e.status.code === 403)).toEqual([]);
  });

  it("AlwaysAllow lets everyone do everything and writes no policy", async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    cluster = new Cluster({ store, clock, authorizationMode: "AlwaysAllow" });
    await cluster.start();
    expect(cluster.rbac).toBeUndefined();
    expect(store.list(CLUSTER_ROLE_TYPE).items).toEqual([]);
    expect(cluster.apiServer.client(VIEWER).list(PODS).items).toEqual([]);
  });
});
