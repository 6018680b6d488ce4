// Why: server-side apply ownership, conflicts and force as Kubernetes documents them (kubectl scale then apply, client-side apply upgrade).

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import type { ManagedFieldsEntry } from "./managed-fields";
import { updateManagedFields } from "./managed-fields";
import { applyConflictError, serverSideApply } from "./server-side-apply";

const T0 = "2026-01-01T00:00:00Z";
const T1 = "2026-01-01T00:01:00Z";
const T2 = "2026-01-01T00:02:00Z";

function nginx(over: { replicas?: number; labels?: Record<string, string>; containers?: object[] } = {}): KubeObject {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: "nginx" } },
    template: { metadata: { labels: { app: "nginx" } }, spec: { containers: over.containers ?? [{ name: "nginx", image: "nginx:1.14.2" }] } },
  };
  if (over.replicas !== undefined) spec.replicas = over.replicas;
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "nginx-deployment", namespace: "default", ...(over.labels ? { labels: over.labels } : {}) }, spec };
}

const names = (list: { name: string }[]) => list.map((c) => c.name);
const managed = (o: KubeObject) => (o.metadata.managedFields ?? []) as unknown as ManagedFieldsEntry[];
const entry = (o: KubeObject, manager: string) => managed(o).find((e) => e.manager === manager);
const apply = (live: KubeObject | undefined, applied: KubeObject, manager = "kubectl", force = false, now = T1) => serverSideApply(live, applied, { manager, force, now });

/** A stored object: what the store returns after a create (uid, resourceVersion set). */
const stored = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, uid: "u-1", resourceVersion: "10" } });

describe("serverSideApply", () => {
  it("creates with an Apply entry owning exactly the applied fields, in Kubernetes' fieldsV1 format", () => {
    const { object, conflicts } = apply(undefined, nginx({ replicas: 3 }), "kubectl", false, T0);
    expect(conflicts).toBeUndefined();
    expect(object.spec.replicas).toBe(3);
    expect(managed(object)).toEqual([
      {
        manager: "kubectl",
        operation: "Apply",
        apiVersion: "apps/v1",
        time: T0,
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:spec": {
            "f:replicas": {},
            "f:selector": {},
            "f:template": {
              "f:metadata": { "f:labels": { "f:app": {} } },
              "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { ".": {}, "f:image": {}, "f:name": {} } } },
            },
          },
        },
      },
    ]);
  });

  it("keys ports by containerPort and protocol (defaulted to TCP)", () => {
    const { object } = apply(undefined, nginx({ containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 80 }] }] }));
    const containers = entry(object, "kubectl")!.fieldsV1["f:spec"]["f:template"]["f:spec"]["f:containers"];
    expect(containers['k:{"name":"nginx"}']["f:ports"]).toEqual({ 'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} } });
  });

  it("conflicts on replicas after kubectl scale; --force-conflicts takes ownership", () => {
    const created = stored(apply(undefined, nginx({ replicas: 3 }), "kubectl", false, T0).object);
    const scaled = updateManagedFields(created, { ...structuredClone(created), spec: { ...created.spec, replicas: 5 } }, "kubectl-scale", "Update", T1);
    expect(entry(scaled, "kubectl-scale")!.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(entry(scaled, "kubectl")!.fieldsV1["f:spec"]).not.toHaveProperty("f:replicas");

    const refused = apply(scaled, nginx({ replicas: 3 }), "kubectl", false, T2);
    expect(refused.conflicts).toEqual([{ manager: "kubectl-scale", field: ".spec.replicas", operation: "Update", apiVersion: "apps/v1" }]);
    expect(refused.object).toBe(scaled);
    const err = applyConflictError(refused.conflicts!);
    expect(err.code).toBe(409);
    expect(err.reason).toBe("Conflict");
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas');
    expect(err.status.details?.causes).toEqual([{ reason: "FieldManagerConflict", message: 'conflict with "kubectl-scale" using apps/v1', field: ".spec.replicas" }]);

    const forced = apply(scaled, nginx({ replicas: 3 }), "kubectl", true, T2);
    expect(forced.conflicts).toBeUndefined();
    expect(forced.object.spec.replicas).toBe(3);
    expect(entry(forced.object, "kubectl-scale")).toBeUndefined();
    expect(entry(forced.object, "kubectl")!.fieldsV1["f:spec"]).toHaveProperty("f:replicas");
    expect(forced.object.metadata.uid).toBe("u-1");
  });

  it.each([
    { name: "omitting the field leaves the scaled value", applied: nginx(), replicas: 5, owners: ["kubectl-scale"] },
    { name: "applying the same value shares ownership", applied: nginx({ replicas: 5 }), replicas: 5, owners: ["kubectl", "kubectl-scale"] },
  ])("after kubectl scale: $name", ({ applied, replicas, owners }) => {
    const created = stored(apply(undefined, nginx({ replicas: 3 }), "kubectl", false, T0).object);
    const scaled = updateManagedFields(created, { ...structuredClone(created), spec: { ...created.spec, replicas: 5 } }, "kubectl-scale", "Update", T1);
    const { object, conflicts } = apply(scaled, applied);
    expect(conflicts).toBeUndefined();
    expect(object.spec.replicas).toBe(replicas);
    expect(managed(object).filter((e) => e.fieldsV1["f:spec"]?.["f:replicas"]).map((e) => e.manager).sort()).toEqual(owners);
  });

  it("reports conflicts with a client-side-applied object as Kubernetes words them", () => {
    const csa = stored(updateManagedFields(undefined, nginx({ replicas: 3 }), "kubectl-client-side-apply", "Update", T0));
    const { conflicts } = apply(csa, nginx({ replicas: 2, containers: [{ name: "nginx", image: "nginx:1.16" }] }));
    expect(conflicts?.map((c) => c.field)).toEqual([".spec.replicas", '.spec.template.spec.containers[name="nginx"].image']);
    expect(applyConflictError(conflicts!).message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it("treats an object without managedFields as owned by before-first-apply", () => {
    const { conflicts } = apply(stored(nginx({ replicas: 3 })), nginx({ replicas: 4 }));
    expect(conflicts).toEqual([{ manager: "before-first-apply", field: ".spec.replicas", operation: "Update", apiVersion: "apps/v1" }]);
  });

  it("conflicts between two appliers name the other applier without a version", () => {
    const a = stored(apply(undefined, nginx({ replicas: 3 }), "team-a").object);
    const { conflicts } = apply(a, nginx({ replicas: 4 }), "team-b");
    expect(applyConflictError(conflicts!).message).toBe('Apply failed with 1 conflict: conflict with "team-a": .spec.replicas');
  });

  it.each([
    {
      name: "a label it no longer applies is removed",
      first: nginx({ labels: { app: "nginx", tier: "web" } }),
      second: nginx({ labels: { app: "nginx" } }),
      check: (o: KubeObject) => expect(o.metadata.labels).toEqual({ app: "nginx" }),
    },
    {
      name: "the last label removed drops the map",
      first: nginx({ labels: { tier: "web" } }),
      second: nginx(),
      check: (o: KubeObject) => expect(o.metadata).not.toHaveProperty("labels"),
    },
    {
      name: "a container it no longer applies is removed",
      first: nginx({ containers: [{ name: "nginx", image: "nginx" }, { name: "sidecar", image: "busybox" }] }),
      second: nginx({ containers: [{ name: "nginx", image: "nginx" }] }),
      check: (o: KubeObject) => expect(o.spec.template.spec.containers).toEqual([{ name: "nginx", image: "nginx" }]),
    },
  ])("$name", ({ first, second, check }) => {
    const live = stored(apply(undefined, first, "kubectl", false, T0).object);
    const { object, conflicts } = apply(live, second);
    expect(conflicts).toBeUndefined();
    check(object);
  });

  it("keeps a field it stops applying when another manager also owns it", () => {
    const live = stored(apply(undefined, nginx({ labels: { tier: "web" } }), "kubectl", false, T0).object);
    const shared = apply(live, nginx({ labels: { tier: "web" } }), "other").object;
    const { object } = apply(shared, nginx());
    expect(object.metadata.labels).toEqual({ tier: "web" });
    expect(entry(object, "kubectl")!.fieldsV1).not.toHaveProperty("f:metadata");
  });

  it("merges into fields other managers set and leaves them theirs", () => {
    const live = stored(apply(undefined, nginx(), "kubectl", false, T0).object);
    const edited = updateManagedFields(live, { ...structuredClone(live), spec: { ...live.spec, paused: true } }, "kubectl-edit", "Update", T1);
    const { object } = apply(edited, nginx({ containers: [{ name: "nginx", image: "nginx:1.16" }] }), "kubectl", false, T2);
    expect(object.spec.paused).toBe(true);
    expect(object.spec.template.spec.containers[0].image).toBe("nginx:1.16");
    expect(entry(object, "kubectl-edit")!.fieldsV1).toEqual({ "f:spec": { "f:paused": {} } });
  });

  it("keeps the time of a no-op apply", () => {
    const live = stored(apply(undefined, nginx(), "kubectl", false, T0).object);
    expect(entry(apply(live, nginx(), "kubectl", false, T2).object, "kubectl")!.time).toBe(T0);
  });
});

describe("serverSideApply edge cases", () => {
  it("refuses an applied config that carries managedFields", () => {
    const bad = nginx();
    bad.metadata.managedFields = [];
    expect(() => apply(undefined, bad)).toThrow(expect.objectContaining({ code: 400, message: "metadata.managedFields must be nil" }));
  });

  it("applies to the status subresource: status fields only, in a status entry", () => {
    const live = stored(apply(undefined, nginx({ replicas: 3 }), "kubectl", false, T0).object);
    const applied = { ...nginx({ replicas: 9 }), status: { readyReplicas: 2 } };
    const { object } = serverSideApply(live, applied, { manager: "ctrl", force: false, now: T1, subresource: "status" });
    expect(object.spec.replicas).toBe(3);
    expect(object.status).toEqual({ readyReplicas: 2 });
    expect(entry(object, "ctrl")).toMatchObject({ operation: "Apply", subresource: "status", fieldsV1: { "f:status": { "f:readyReplicas": {} } } });
  });
});

describe("serverSideApply list ownership", () => {
  const withFinalizers = (finalizers: string[]) => ({ ...nginx(), metadata: { ...nginx().metadata, finalizers } });

  it("finalizers are a set: each applier owns its own values, and dropping one removes only it", () => {
    const a = stored(apply(undefined, withFinalizers(["example.com/a"]), "a").object);
    const both = apply(a, withFinalizers(["example.com/b"]), "b").object;
    expect(both.metadata.finalizers).toEqual(["example.com/a", "example.com/b"]);
    expect(entry(both, "b")!.fieldsV1["f:metadata"]).toEqual({ "f:finalizers": { 'v:"example.com/b"': {} } });
    const dropped = apply(both, nginx(), "a").object;
    expect(dropped.metadata.finalizers).toEqual(["example.com/b"]);
  });

  it("an atomic list is one field: changing tolerations another manager set conflicts", () => {
    const live = stored(apply(undefined, nginx(), "kubectl", false, T0).object);
    const next = structuredClone(live);
    next.spec.template.spec.tolerations = [{ key: "a", operator: "Exists" }];
    const edited = updateManagedFields(live, next, "kubectl-edit", "Update", T1);
    const applied = nginx();
    applied.spec.template.spec.tolerations = [{ key: "b", operator: "Exists" }];
    expect(apply(edited, applied).conflicts).toEqual([{ manager: "kubectl-edit", field: ".spec.template.spec.tolerations", operation: "Update", apiVersion: "apps/v1" }]);
  });

  it("another applier's container survives when this applier stops applying its own", () => {
    const a = stored(apply(undefined, nginx(), "a").object);
    const b = apply(a, nginx({ containers: [{ name: "sidecar", image: "busybox" }] }), "b").object;
    expect(names(b.spec.template.spec.containers)).toEqual(["nginx", "sidecar"]);
    const bGone = apply(b, { ...nginx(), spec: { selector: { matchLabels: { app: "nginx" } } } }, "b").object;
    expect(names(bGone.spec.template.spec.containers)).toEqual(["nginx"]);
  });
});

describe("serverSideApply quantities", () => {
  it("compares quantities in canonical form, so 1000m against a stored 1 is no change", () => {
    const live = stored(apply(undefined, nginx({ containers: [{ name: "nginx", image: "nginx", resources: { limits: { cpu: "1" } } }] }), "kubectl-create").object);
    const { object, conflicts } = apply(live, nginx({ containers: [{ name: "nginx", image: "nginx", resources: { limits: { cpu: "1000m" } } }] }));
    expect(conflicts).toBeUndefined();
    expect(object.spec.template.spec.containers[0].resources.limits.cpu).toBe("1");
  });
});

describe("updateManagedFields", () => {
  it("gives an updater the fields it changed, taking them from others, and drops removed fields", () => {
    const live = stored(apply(undefined, nginx({ labels: { app: "nginx", tier: "web" }, replicas: 3 }), "kubectl", false, T0).object);
    const next = structuredClone(live);
    next.spec.template.spec.containers[0].image = "nginx:1.16";
    delete next.metadata.labels!.tier;
    const out = updateManagedFields(live, next, "kubectl-set", "Update", T1);
    expect(entry(out, "kubectl-set")).toEqual({
      manager: "kubectl-set",
      operation: "Update",
      apiVersion: "apps/v1",
      time: T1,
      fieldsType: "FieldsV1",
      fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"nginx"}': { "f:image": {} } } } } } },
    });
    const mine = entry(out, "kubectl")!.fieldsV1;
    expect(mine["f:metadata"]).toEqual({ "f:labels": { "f:app": {} } });
    expect(mine["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']).toEqual({ ".": {}, "f:name": {} });
  });

  it("records status writes under the status subresource only", () => {
    const live = stored(apply(undefined, nginx(), "kubectl", false, T0).object);
    const next = { ...structuredClone(live), status: { replicas: 1, conditions: [{ type: "Available", status: "True" }] } };
    const out = updateManagedFields(live, next, "kube-controller-manager", "Update", T1, { subresource: "status" });
    expect(entry(out, "kube-controller-manager")).toMatchObject({
      subresource: "status",
      fieldsV1: { "f:status": { "f:replicas": {}, "f:conditions": { 'k:{"type":"Available"}': { ".": {}, "f:type": {}, "f:status": {} } } } },
    });
  });

  it.each([
    { name: "no change adds no entry", mutate: () => {}, managers: ["kubectl"] },
    { name: "managedFields: [{}] clears them", mutate: (o: KubeObject) => (o.metadata.managedFields = [{}]), managers: [] },
  ])("$name", ({ mutate, managers }) => {
    const live = stored(apply(undefined, nginx(), "kubectl", false, T0).object);
    const next = structuredClone(live);
    mutate(next);
    expect(managed(updateManagedFields(live, next, "someone", "Update", T1)).map((e) => e.manager)).toEqual(managers);
  });
});
