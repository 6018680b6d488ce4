// Why: @kubernetes/client-node (1.x) must work against Wheelhouse as against a cluster: admin kubeconfig over TLS, typed list/create/patch/delete, and watches resumed from a resourceVersion.
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  Watch,
  setHeaderOptions,
  type V1ConfigMap,
  type V1Deployment,
  type V1Status,
} from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlHarness, eventually } from "./kubectl-harness";

const h = new KubectlHarness();
let kc: KubeConfig;
let core: CoreV1Api;
let apps: AppsV1Api;
const ns = "cn-smoke";

beforeAll(async () => {
  await h.start("wheelhouse-client-node-");
  kc = new KubeConfig();
  kc.loadFromFile(h.kubeconfig);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
});
afterAll(() => h.stop());

const asPatch = (type: string) => setHeaderOptions("Content-Type", type);

/** The Status body of a failed call. */
async function failure(p: Promise<unknown>): Promise<{ code: number; status: V1Status }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof ApiException)) throw e;
    const body = e.body as unknown;
    return { code: e.code, status: (typeof body === "string" ? JSON.parse(body) : body) as V1Status };
  }
  throw new Error("the call succeeded");
}

const deployment = (name: string): V1Deployment => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, labels: { app: name } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        // sleep as PID 1 ignores SIGTERM, as in a real container: keep the grace period short so deletion is quick
        terminationGracePeriodSeconds: 1,
        containers: [
          { name: "nginx", image: "nginx:1.27", env: [{ name: "A", value: "1" }] },
          { name: "sidecar", image: "busybox:1.36", command: ["sleep", "3600"] },
        ],
      },
    },
  },
});

describe("@kubernetes/client-node against Wheelhouse", () => {
  it("loads the admin kubeconfig (TLS, bearer token) and lists nodes and namespaces", async () => {
    expect(kc.getCurrentCluster()?.server).toBe(h.apiUrl);
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name).sort()).toEqual(["worker-1", "worker-2"]);
    expect(nodes.items[0].status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(nodes.metadata?.resourceVersion).toMatch(/^\d+$/);
    const created = await core.createNamespace({ body: { metadata: { name: ns } } });
    expect(created.metadata?.uid).toBeDefined();
    expect(created.status?.phase).toBe("Active");
    const names = (await core.listNamespace()).items.map((n) => n.metadata?.name);
    expect(names).toEqual(expect.arrayContaining(["default", "kube-system", ns]));
  });

  it("watches from a list's resourceVersion: ADDED, MODIFIED (merge patch), MODIFIED (strategic), DELETED", async () => {
    const list = await core.listNamespacedConfigMap({ namespace: ns });
    const events: { type: string; name?: string; data?: Record<string, string>; rv?: string }[] = [];
    let ended: unknown = "running";
    const watch = await new Watch(kc).watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      { resourceVersion: list.metadata!.resourceVersion, allowWatchBookmarks: false },
      (type, obj: V1ConfigMap) => events.push({ type, name: obj.metadata?.name, data: obj.data, rv: obj.metadata?.resourceVersion }),
      (err) => (ended = err),
    );
    try {
      const created = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "settings", labels: { smoke: "yes" } }, data: { a: "1" } } });
      expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
      const merged = await core.patchNamespacedConfigMap({ namespace: ns, name: "settings", body: { data: { b: "2" } } }, asPatch(PatchStrategy.MergePatch));
      expect(merged.data).toEqual({ a: "1", b: "2" });
      const strategic = await core.patchNamespacedConfigMap({ namespace: ns, name: "settings", body: { data: { a: null } } }, asPatch(PatchStrategy.StrategicMergePatch));
      expect(strategic.data).toEqual({ b: "2" });
      const jsonPatched = await core.patchNamespacedConfigMap({ namespace: ns, name: "settings", body: [{ op: "add", path: "/data/c", value: "3" }] }, asPatch(PatchStrategy.JsonPatch));
      expect(jsonPatched.data).toEqual({ b: "2", c: "3" });
      await core.deleteNamespacedConfigMap({ namespace: ns, name: "settings" });
      await eventually("five watch events", async () => (events.length >= 5 ? true : undefined), 30_000);
      expect(ended).toBe("running");
    } finally {
      watch.abort();
    }
    expect(events.map((e) => e.type)).toEqual(["ADDED", "MODIFIED", "MODIFIED", "MODIFIED", "DELETED"]);
    expect(events.every((e) => e.name === "settings")).toBe(true);
    expect(events.map((e) => e.data)).toEqual([{ a: "1" }, { a: "1", b: "2" }, { b: "2" }, { b: "2", c: "3" }, { b: "2", c: "3" }]);
    const rvs = events.map((e) => Number(e.rv));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    expect(await core.listNamespacedConfigMap({ namespace: ns, labelSelector: "smoke=yes" })).toMatchObject({ items: [] });
  });

  it("a watch resumed from an older resourceVersion replays what happened since", async () => {
    const first = await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "replay" }, data: { v: "1" } } });
    await core.replaceNamespacedConfigMap({ namespace: ns, name: "replay", body: { ...first, data: { v: "2" } } });
    const seen: string[] = [];
    const watch = await new Watch(kc).watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      { resourceVersion: first.metadata!.resourceVersion, fieldSelector: "metadata.name=replay" },
      (type, obj: V1ConfigMap) => seen.push(`${type} ${obj.data?.v}`),
      () => undefined,
    );
    try {
      await eventually("the replayed update", async () => (seen.length >= 1 ? true : undefined), 30_000);
    } finally {
      watch.abort();
    }
    expect(seen).toEqual(["MODIFIED 2"]);
  });

  it("AppsV1Api: create, read, list by label, strategic patch (containers by name), merge patch, scale, delete", async () => {
    const created = await apps.createNamespacedDeployment({ namespace: ns, body: deployment("web") });
    expect(created.metadata?.generation).toBe(1);
    expect(created.spec?.strategy?.type).toBe("RollingUpdate");
    await eventually("web available", async () => {
      const d = await apps.readNamespacedDeployment({ namespace: ns, name: "web" });
      return d.status?.availableReplicas === 1 ? d : undefined;
    });
    expect((await apps.listNamespacedDeployment({ namespace: ns, labelSelector: "app=web" })).items.map((d) => d.metadata?.name)).toEqual(["web"]);
    expect((await apps.listNamespacedDeployment({ namespace: ns, labelSelector: "app=other" })).items).toEqual([]);

    const patched = await apps.patchNamespacedDeployment(
      { namespace: ns, name: "web", body: { spec: { template: { spec: { containers: [{ name: "nginx", image: "nginx:1.28", env: [{ name: "B", value: "2" }] }] } } } } },
      asPatch(PatchStrategy.StrategicMergePatch),
    );
    const containers = patched.spec!.template.spec!.containers;
    expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual(["nginx=nginx:1.28", "sidecar=busybox:1.36"]);
    expect(containers[0].env?.map((e) => e.name).sort()).toEqual(["A", "B"]);
    expect(patched.metadata?.generation).toBe(2);

    const merged = await apps.patchNamespacedDeployment({ namespace: ns, name: "web", body: { metadata: { labels: { tier: "front" } } } }, asPatch(PatchStrategy.MergePatch));
    expect(merged.metadata?.labels).toEqual({ app: "web", tier: "front" });

    const scale = await apps.replaceNamespacedDeploymentScale({ namespace: ns, name: "web", body: { metadata: { name: "web", namespace: ns }, spec: { replicas: 2 } } });
    expect(scale.spec?.replicas).toBe(2);
    await eventually("2 pods of web", async () => {
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: "app=web", fieldSelector: "status.phase=Running" });
      return pods.items.filter((p) => !p.metadata?.deletionTimestamp).length === 2 ? true : undefined;
    });

    const status = await apps.deleteNamespacedDeployment({ namespace: ns, name: "web", propagationPolicy: "Foreground" });
    expect(status).toBeDefined();
    await eventually("web and its pods gone", async () => {
      const d = await apps.listNamespacedDeployment({ namespace: ns });
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: "app=web" });
      return d.items.length === 0 && pods.items.length === 0 ? true : undefined;
    });
  });

  it("deletecollection by label, and errors arrive as ApiException with Kubernetes' Status", async () => {
    for (const [name, team] of [["a", "x"], ["b", "x"], ["c", "y"]]) {
      await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name, labels: { team } }, data: {} } });
    }
    await core.deleteCollectionNamespacedConfigMap({ namespace: ns, labelSelector: "team=x" });
    const left = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: "team" });
    expect(left.items.map((c) => c.metadata?.name)).toEqual(["c"]);

    const missing = await failure(core.readNamespacedConfigMap({ namespace: ns, name: "nope" }));
    expect(missing.code).toBe(404);
    expect(missing.status).toMatchObject({ kind: "Status", reason: "NotFound", message: 'configmaps "nope" not found' });
    const dup = await failure(core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: "c" } } }));
    expect(dup.code).toBe(409);
    expect(dup.status).toMatchObject({ reason: "AlreadyExists", message: 'configmaps "c" already exists' });
    const invalid = await failure(apps.createNamespacedDeployment({ namespace: ns, body: { ...deployment("bad"), spec: { ...deployment("bad").spec!, replicas: -1 } } }));
    expect(invalid.code).toBe(422);
    expect(invalid.status.reason).toBe("Invalid");
    expect(invalid.status.details?.causes).toContainEqual(expect.objectContaining({ field: "spec.replicas" }));
    expect((await apps.listNamespacedDeployment({ namespace: ns })).items).toEqual([]);
  });

  it("server-side apply through the object API: create, then a conflict for another manager unless forced", async () => {
    const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied", namespace: ns }, data: { owner: "first" } };
    const created = await core.patchNamespacedConfigMap({ namespace: ns, name: "applied", body, fieldManager: "first" }, asPatch(PatchStrategy.ServerSideApply));
    expect(created.data).toEqual({ owner: "first" });
    expect(created.metadata?.managedFields?.map((m) => `${m.manager}/${m.operation}`)).toEqual(["first/Apply"]);
    const clash = await failure(core.patchNamespacedConfigMap({ namespace: ns, name: "applied", body: { ...body, data: { owner: "second" } }, fieldManager: "second" }, asPatch(PatchStrategy.ServerSideApply)));
    expect(clash.code).toBe(409);
    expect(clash.status.reason).toBe("Conflict");
    expect(clash.status.message).toContain('conflict with "first"');
    expect((await core.readNamespacedConfigMap({ namespace: ns, name: "applied" })).data).toEqual({ owner: "first" });
    const forced = await core.patchNamespacedConfigMap(
      { namespace: ns, name: "applied", body: { ...body, data: { owner: "second" } }, fieldManager: "second", force: true },
      asPatch(PatchStrategy.ServerSideApply),
    );
    expect(forced.data).toEqual({ owner: "second" });
    await core.deleteNamespace({ name: ns });
  });
});
