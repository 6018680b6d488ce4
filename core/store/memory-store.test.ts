// Why: the store's write semantics (what the apiserver's generic registry does) are what every controller relies on.
import { describe, it, expect } from "vitest";
import { MemoryStore, type MemoryStoreConfig } from "./memory-store";
import { FakeClock } from "../clock/fake-clock";
import { makeDeployment, makeNamespace, makeNode, makePod } from "../testing/builders";
import { resourceTypeByKind } from "../api/resources";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";

const pods = resourceTypeByKind("", "Pod")!;
const namespaces = resourceTypeByKind("", "Namespace")!;
const configmaps = resourceTypeByKind("", "ConfigMap")!;
const deployments = resourceTypeByKind("apps", "Deployment")!;

function setup(cfg: Partial<MemoryStoreConfig> = {}) {
  const clock = new FakeClock("2026-01-01T00:00:00Z");
  const store = new MemoryStore({ clock, ...cfg });
  return { clock, store };
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error("expected a rejection");
}

const cm = (name: string, data: Record<string, string> = {}, extra: Partial<KubeObject["metadata"]> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default", ...extra },
  data,
});

describe("create", () => {
  it("freezes every nested part of what it stores: labels, spec, status", async () => {
    const { store } = setup();
    const out = await store.create(makePod("p").namespace("default").labels({ app: "x" }).container("c", "nginx", { ports: [80] }).build());
    for (const part of [out.metadata.labels, out.spec, out.spec!.containers, out.spec!.containers[0], out.spec!.containers[0].ports, out.status]) expect(Object.isFrozen(part)).toBe(true);
  });

  it("assigns uid, creationTimestamp and resourceVersion; freezes; clones input", async () => {
    const { store } = setup();
    const input = cm("a", { k: "v" });
    const out = await store.create(input);
    expect(out.metadata).toMatchObject({ name: "a", namespace: "default", resourceVersion: "1", creationTimestamp: "2026-01-01T00:00:00Z" });
    expect(out.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.isFrozen(out)).toBe(true);
    expect(Object.isFrozen(out.metadata)).toBe(true);
    expect(Object.isFrozen(out.data)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.data)).toBe(false);
    expect(input.metadata.uid).toBeUndefined();
    (input.data as Record<string, string>).k = "changed";
    expect(store.get(configmaps, "default", "a")!.data).toEqual({ k: "v" });
    expect(store.resourceVersion()).toBe("1");
  });

  it("generateName uses Kubernetes' alphabet and the injected random", async () => {
    const seq = [0, 0.1, 0.5, 0.9, 0.99];
    let i = 0;
    const { store } = setup({ random: () => seq[i++ % seq.length] });
    const out = await store.create(cm("", {}, { generateName: "web-" }));
    expect(out.metadata.name).toBe("web-bdr79");
  });

  it.each([
    { name: "missing name", obj: cm(""), code: 422, msg: 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required' },
    { name: "unknown kind", obj: { apiVersion: "v1", kind: "Gadget", metadata: { name: "g" } }, code: 404, msg: "the server could not find the requested resource" },
    { name: "namespaced without namespace", obj: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }, code: 422, msg: "metadata.namespace: Required value" },
    { name: "resourceVersion set", obj: cm("x", {}, { resourceVersion: "5" }), code: 400, msg: "resourceVersion should not be set on objects to be created" },
  ])("rejects $name", async ({ obj, code, msg }) => {
    const { store } = setup();
    const err = await caught(store.create(obj as KubeObject));
    expect(err.code).toBe(code);
    expect(err.message).toContain(msg);
  });

  it("409 AlreadyExists with Kubernetes' message", async () => {
    const { store } = setup();
    await store.create(makeDeployment("web").build());
    const err = await caught(store.create(makeDeployment("web").build()));
    expect(err.code).toBe(409);
    expect(err.reason).toBe("AlreadyExists");
    expect(err.message).toBe('deployments.apps "web" already exists');
  });

  it("drops the namespace of cluster-scoped objects", async () => {
    const { store } = setup();
    const n = await store.create({ ...makeNode("n1").build(), metadata: { name: "n1", namespace: "x" } });
    expect(n.metadata.namespace).toBeUndefined();
  });

  it.each([
    { name: "BestEffort", pod: makePod("p").build(), qos: "BestEffort" },
    { name: "Burstable", pod: makePod("p").container("c", "nginx", { requests: { cpu: "100m" } }).build(), qos: "Burstable" },
    {
      name: "Guaranteed (requests default to limits)",
      pod: makePod("p").container("c", "nginx", { limits: { cpu: "1", memory: "1Gi" } }).build(),
      qos: "Guaranteed",
    },
    {
      name: "Burstable when requests differ",
      pod: makePod("p").container("c", "nginx", { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }).build(),
      qos: "Burstable",
    },
  ])("pod status is Pending with qosClass $name", async ({ pod, qos }) => {
    const { store } = setup();
    const out = await store.create({ ...pod, status: { phase: "Running", podIP: "1.2.3.4" } });
    expect(out.status).toEqual({ phase: "Pending", qosClass: qos });
  });

  it.each([
    { name: "Deployment status reset", obj: { ...makeDeployment("d").build(), status: { replicas: 3 } }, want: {} },
    { name: "Node keeps status", obj: makeNode("n").build(), want: makeNode("n").build().status },
    { name: "Namespace is Active", obj: { ...makeNamespace("ns").build(), status: { phase: "Terminating" } }, want: { phase: "Active" } },
  ])("$name", async ({ obj, want }) => {
    const { store } = setup();
    expect((await store.create(obj as KubeObject)).status).toEqual(want);
  });

  it("Namespace gets the kubernetes finalizer", async () => {
    const { store } = setup();
    expect((await store.create(makeNamespace("ns").build())).spec).toEqual({ finalizers: ["kubernetes"] });
  });

  it("dryRun stores nothing and bumps nothing", async () => {
    const { store } = setup();
    const out = await store.create(cm("a"), { dryRun: true });
    expect(out.metadata.uid).toBeDefined();
    expect(out.metadata.resourceVersion).toBeUndefined();
    expect(store.get(configmaps, "default", "a")).toBeUndefined();
    expect(store.resourceVersion()).toBe("0");
  });
});

describe("update", () => {
  it.each([
    ["status", (store: ReturnType<typeof setup>["store"], p: KubeObject) => store.update({ ...structuredClone(p), status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } }, { subresource: "status" })],
    ["main", (store: ReturnType<typeof setup>["store"], p: KubeObject) => store.update({ ...structuredClone(p), metadata: { ...p.metadata, labels: { v: "2" } } })],
    ["delete", (store: ReturnType<typeof setup>["store"], p: KubeObject) => store.delete(pods, "default", p.metadata.name!, { propagationPolicy: "Foreground" })],
  ])("a %s write leaves the previous version intact and returns a fully frozen object", async (_n, write) => {
    const { store } = setup();
    const p = await store.create(makePod("p").namespace("default").labels({ v: "1" }).container("c", "nginx").build());
    const before = structuredClone(p);
    const next = await write(store, p);
    expect(p).toEqual(before);
    const parts: unknown[] = [next, next.metadata, next.spec, next.status, next.metadata.labels, ...(next.status?.conditions ?? [])];
    for (const part of parts) if (part !== undefined) expect(Object.isFrozen(part)).toBe(true);
    expect(next.metadata.resourceVersion).not.toBe(p.metadata.resourceVersion);
  });

  it("409 Conflict on a stale resourceVersion; unconditional without one", async () => {
    const { store } = setup();
    const a = await store.create(cm("a", { k: "1" }));
    await store.update({ ...structuredClone(a), data: { k: "2" } });
    const err = await caught(store.update({ ...structuredClone(a), data: { k: "3" } }));
    expect(err.code).toBe(409);
    expect(err.reason).toBe("Conflict");
    expect(err.message).toBe('Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again');
    const un = structuredClone(a);
    delete un.metadata.resourceVersion;
    expect((await store.update({ ...un, data: { k: "4" } })).data).toEqual({ k: "4" });
  });

  it("404 when absent", async () => {
    const { store } = setup();
    expect((await caught(store.update(cm("nope")))).message).toBe('configmaps "nope" not found');
  });

  it("keeps uid and creationTimestamp; bumps generation only on spec changes", async () => {
    const { store, clock } = setup();
    const d = await store.create(makeDeployment("web").build());
    clock.step(5000);
    const meta = structuredClone(d);
    meta.metadata.labels = { a: "b" };
    meta.metadata.uid = undefined;
    meta.metadata.creationTimestamp = "1999-01-01T00:00:00Z";
    const m1 = await store.update(meta);
    expect(m1.metadata).toMatchObject({ uid: d.metadata.uid, creationTimestamp: d.metadata.creationTimestamp, generation: 1, resourceVersion: "2" });
    const spec = structuredClone(m1);
    spec.spec!.replicas = 5;
    const m2 = await store.update(spec);
    expect(m2.metadata.generation).toBe(2);
  });

  it("a no-op update keeps the resourceVersion and emits nothing", async () => {
    const { store } = setup();
    const a = await store.create(cm("a", { k: "1" }));
    const events: string[] = [];
    store.watch(configmaps, { resourceVersion: a.metadata.resourceVersion }, (e) => events.push(e.type));
    const same = await store.update(structuredClone(a));
    expect(same.metadata.resourceVersion).toBe("1");
    expect(store.resourceVersion()).toBe("1");
    await Promise.resolve();
    expect(events).toEqual([]);
  });

  it("status split: main update keeps status, status update keeps everything else", async () => {
    const { store } = setup();
    const d = await store.create(makeDeployment("web").build());
    const main = structuredClone(d);
    main.spec!.replicas = 3;
    main.status = { replicas: 99 };
    const m = await store.update(main);
    expect(m.status).toEqual({});
    expect(m.spec!.replicas).toBe(3);
    const st = structuredClone(m);
    st.status = { replicas: 3, readyReplicas: 1 };
    st.spec!.replicas = 10;
    st.metadata.labels = { changed: "yes" };
    const s = await store.update(st, { subresource: "status" });
    expect(s.status).toEqual({ replicas: 3, readyReplicas: 1 });
    expect(s.spec!.replicas).toBe(3);
    expect(s.metadata.labels).toBeUndefined();
    expect(s.metadata.generation).toBe(2);
  });

  it("a pod status update keeps the qosClass decided at creation", async () => {
    const { store } = setup();
    const p = await store.create(makePod("p").container("c", "nginx", { limits: { cpu: "1", memory: "1Gi" } }).build());
    const out = await store.update({ ...structuredClone(p), status: { phase: "Running" } }, { subresource: "status" });
    expect(out.status).toEqual({ phase: "Running", qosClass: "Guaranteed" });
  });

  it("uid mismatch is a precondition conflict", async () => {
    const { store } = setup();
    const a = await store.create(cm("a"));
    const err = await caught(store.update({ ...structuredClone(a), metadata: { ...a.metadata, uid: "other" } }));
    expect(err.code).toBe(409);
    expect(err.message).toContain("Precondition failed: UID in precondition: other");
  });

  it("dryRun returns the would-be object without storing", async () => {
    const { store } = setup();
    const a = await store.create(cm("a", { k: "1" }));
    const out = await store.update({ ...structuredClone(a), data: { k: "2" } }, { dryRun: true });
    expect(out.data).toEqual({ k: "2" });
    expect(store.get(configmaps, "default", "a")!.data).toEqual({ k: "1" });
    expect(store.resourceVersion()).toBe("1");
  });
});

describe("delete", () => {
  it("removes at once without finalizers, returning the final object with a new resourceVersion", async () => {
    const { store } = setup();
    await store.create(cm("a"));
    const out = await store.delete(configmaps, "default", "a");
    expect(out.metadata.resourceVersion).toBe("2");
    expect(store.get(configmaps, "default", "a")).toBeUndefined();
    expect((await caught(store.delete(configmaps, "default", "a"))).code).toBe(404);
  });

  it("with finalizers: marks, then removing the last finalizer removes it", async () => {
    const { store, clock } = setup();
    await store.create(cm("a", {}, { finalizers: ["example.com/keep"] }));
    clock.step(2000);
    const marked = await store.delete(configmaps, "default", "a");
    expect(marked.metadata).toMatchObject({ deletionTimestamp: "2026-01-01T00:00:02Z", deletionGracePeriodSeconds: 0, resourceVersion: "2" });
    const again = await store.delete(configmaps, "default", "a");
    expect(again).toBe(store.get(configmaps, "default", "a"));
    expect(again.metadata.resourceVersion).toBe("2");
    const adding = structuredClone(again);
    adding.metadata.finalizers = ["example.com/keep", "new"];
    expect((await caught(store.update(adding))).code).toBe(422);
    const events: string[] = [];
    store.watch(configmaps, { resourceVersion: "2" }, (e) => events.push(`${e.type} ${e.object.metadata.resourceVersion}`));
    const clear = structuredClone(again);
    clear.metadata.finalizers = [];
    const last = await store.update(clear);
    expect(last.metadata.resourceVersion).toBe("3");
    expect(store.get(configmaps, "default", "a")).toBeUndefined();
    expect(events).toEqual(["DELETED 3"]);
  });

  it.each([
    { policy: "Foreground" as const, finalizer: "foregroundDeletion" },
    { policy: "Orphan" as const, finalizer: "orphan" },
  ])("propagationPolicy $policy adds $finalizer", async ({ policy, finalizer }) => {
    const { store } = setup();
    await store.create(makeDeployment("web").build());
    const out = await store.delete(deployments, "default", "web", { propagationPolicy: policy });
    expect(out.metadata.finalizers).toEqual([finalizer]);
    expect(out.metadata.deletionTimestamp).toBeDefined();
    expect(store.get(deployments, "default", "web")).toBeDefined();
  });

  it.each([
    { name: "uid", pre: { uid: "x" }, msg: "Precondition failed: UID in precondition: x" },
    { name: "resourceVersion", pre: { resourceVersion: "9" }, msg: "Precondition failed: ResourceVersion in precondition: 9, ResourceVersion in object meta: 1" },
  ])("precondition $name mismatch is 409", async ({ pre, msg }) => {
    const { store } = setup();
    await store.create(cm("a"));
    const err = await caught(store.delete(configmaps, "default", "a", { preconditions: pre }));
    expect(err.code).toBe(409);
    expect(err.message).toContain(msg);
  });

  it("pods on a node are deleted gracefully; the kubelet finishes with grace 0", async () => {
    const { store, clock } = setup();
    await store.create(makePod("p").onNode("n1").terminationGracePeriodSeconds(45).build());
    const marked = await store.delete(pods, "default", "p");
    expect(marked.metadata).toMatchObject({ deletionTimestamp: "2026-01-01T00:00:45Z", deletionGracePeriodSeconds: 45 });
    // Pods carry no generation in 1.32 (PodObservedGenerationTracking came in 1.33), so graceful deletion bumps none.
    expect(marked.metadata.generation).toBeUndefined();
    const shorter = await store.delete(pods, "default", "p", { gracePeriodSeconds: 10 });
    expect(shorter.metadata).toMatchObject({ deletionTimestamp: "2026-01-01T00:00:10Z", deletionGracePeriodSeconds: 10 });
    clock.step(10_000);
    const st = structuredClone(shorter);
    st.status = { phase: "Running" };
    await store.update(st, { subresource: "status" });
    expect(store.get(pods, "default", "p")).toBeDefined();
    await store.delete(pods, "default", "p", { gracePeriodSeconds: 0 });
    expect(store.get(pods, "default", "p")).toBeUndefined();
  });

  it.each([
    { name: "unscheduled", pod: makePod("p").build() },
    { name: "finished", pod: makePod("p").onNode("n1").build(), phase: "Succeeded" },
    { name: "grace 0", pod: makePod("p").onNode("n1").build(), grace: 0 },
  ])("pods are deleted at once when $name", async ({ pod, phase, grace }) => {
    const { store } = setup();
    const p = await store.create(pod);
    if (phase) await store.update({ ...structuredClone(p), status: { phase } }, { subresource: "status" });
    await store.delete(pods, "default", "p", grace === undefined ? {} : { gracePeriodSeconds: grace });
    expect(store.get(pods, "default", "p")).toBeUndefined();
  });

  it("namespaces go Terminating and are removed once both finalizer lists are empty", async () => {
    const { store } = setup();
    await store.create(makeNamespace("team").build());
    const t = await store.delete(namespaces, undefined, "team");
    expect(t.status).toEqual({ phase: "Terminating" });
    expect(t.metadata.deletionTimestamp).toBeDefined();
    expect(await store.delete(namespaces, undefined, "team")).toBe(store.get(namespaces, undefined, "team"));
    // A main update cannot touch spec.finalizers; the finalize subresource can.
    const main = structuredClone(t);
    main.spec = { finalizers: [] };
    await store.update(main);
    expect(store.get(namespaces, undefined, "team")!.spec).toEqual({ finalizers: ["kubernetes"] });
    await store.update({ ...structuredClone(t), spec: { finalizers: [] } }, { subresource: "finalize" });
    expect(store.get(namespaces, undefined, "team")).toBeUndefined();
  });

  it("dryRun delete keeps the object", async () => {
    const { store } = setup();
    await store.create(cm("a"));
    const out = await store.delete(configmaps, "default", "a", { dryRun: true });
    expect(out.metadata.name).toBe("a");
    expect(store.get(configmaps, "default", "a")).toBeDefined();
    expect(store.resourceVersion()).toBe("1");
  });
});

describe("metadata.generation is kept only for kinds whose strategy keeps it", () => {
  const other = (apiVersion: string, kind: string, name: string, body: Record<string, unknown>, namespace: string | undefined = "default"): KubeObject =>
    ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...body }) as KubeObject;
  const role = { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] };
  it.each([
    { kind: "Deployment", obj: () => makeDeployment("web").build(), change: (o: KubeObject): unknown => (o.spec!.replicas = 4), generation: true },
    { kind: "ReplicaSet", obj: () => other("apps/v1", "ReplicaSet", "rs", { spec: { replicas: 1, selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } } }), change: (o: KubeObject): unknown => (o.spec!.replicas = 2), generation: true },
    { kind: "Pod", obj: () => makePod("p").build(), change: (o: KubeObject): unknown => (o.spec!.activeDeadlineSeconds = 30), generation: false },
    { kind: "Namespace", obj: () => makeNamespace("team-a").build(), change: (o: KubeObject): unknown => (o.metadata.labels = { a: "b" }), generation: false },
    { kind: "Node", obj: () => makeNode("n1").build(), change: (o: KubeObject): unknown => (o.spec = { ...o.spec, unschedulable: true }), generation: false },
    { kind: "Service", obj: () => other("v1", "Service", "svc", { spec: { ports: [{ port: 80 }] } }), change: (o: KubeObject): unknown => (o.spec!.ports = [{ port: 81 }]), generation: false },
    { kind: "ConfigMap", obj: () => cm("c", { k: "v" }), change: (o: KubeObject): unknown => (o.data = { k: "w" }), generation: false },
    { kind: "Secret", obj: () => other("v1", "Secret", "s", { type: "Opaque", data: { k: "dg==" } }), change: (o: KubeObject): unknown => (o.data = { k: "dw==" }), generation: false },
    { kind: "ServiceAccount", obj: () => other("v1", "ServiceAccount", "sa", {}), change: (o: KubeObject): unknown => (o.automountServiceAccountToken = false), generation: false },
    { kind: "Endpoints", obj: () => other("v1", "Endpoints", "svc", { subsets: [] }), change: (o: KubeObject): unknown => (o.subsets = [{ addresses: [{ ip: "10.0.0.1" }] }]), generation: false },
    { kind: "Role", obj: () => other("rbac.authorization.k8s.io/v1", "Role", "r", role), change: (o: KubeObject): unknown => (o.rules = []), generation: false },
    { kind: "RoleBinding", obj: () => other("rbac.authorization.k8s.io/v1", "RoleBinding", "rb", { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "r" }, subjects: [] }), change: (o: KubeObject): unknown => (o.subjects = [{ kind: "User", name: "u" }]), generation: false },
    { kind: "ClusterRole", obj: () => other("rbac.authorization.k8s.io/v1", "ClusterRole", "cr", role, undefined), change: (o: KubeObject): unknown => (o.rules = []), generation: false },
  ])("$kind (generation: $generation)", async ({ obj, change, generation }) => {
    const { store } = setup();
    const created = await store.create(obj());
    const next = structuredClone(created);
    change(next);
    const updated = await store.update(next);
    expect(updated.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);
    if (generation) {
      expect(created.metadata.generation).toBe(1);
      expect(updated.metadata.generation).toBe(2);
    } else {
      expect(created.metadata).not.toHaveProperty("generation");
      expect(updated.metadata).not.toHaveProperty("generation");
    }
  });

  it("drops a generation sent on create for kinds that keep none, and ignores one sent on update", async () => {
    const { store } = setup();
    const created = await store.create(cm("c", {}, { generation: 7 }));
    expect(created.metadata).not.toHaveProperty("generation");
    const updated = await store.update({ ...structuredClone(created), data: { k: "v" }, metadata: { ...created.metadata, generation: 3 } });
    expect(updated.metadata).not.toHaveProperty("generation");
  });
});
