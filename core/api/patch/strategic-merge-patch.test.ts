// Why: strategic merge patch semantics (merge keys, directives) from Kubernetes' documented examples.

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import { applyStrategicMergePatch, supportsStrategicMergePatch } from "./strategic-merge-patch";

const deployment = (spec: object): KubeObject => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "patch-demo", namespace: "default" }, spec });
const podSpec = (o: KubeObject) => o.spec.template.spec;
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe("applyStrategicMergePatch", () => {
  it("merges containers by name (Kubernetes docs: update-api-object-kubectl-patch, patch-file.yaml)", () => {
    const live = deployment({ replicas: 2, template: { spec: { containers: [{ name: "patch-demo-ctr", image: "nginx" }], tolerations: [{ effect: "NoSchedule", key: "dedicated", value: "test-team" }] } } });
    const out = applyStrategicMergePatch(live, { spec: { template: { spec: { containers: [{ name: "patch-demo-ctr-2", image: "redis" }] } } } });
    expect(podSpec(out).containers).toEqual([
      { name: "patch-demo-ctr-2", image: "redis" },
      { name: "patch-demo-ctr", image: "nginx" },
    ]);
    // tolerations have no patch strategy: the docs' second example replaces the list.
    const out2 = applyStrategicMergePatch(live, { spec: { template: { spec: { tolerations: [{ effect: "NoSchedule", key: "disktype", value: "ssd" }] } } } });
    expect(podSpec(out2).tolerations).toEqual([{ effect: "NoSchedule", key: "disktype", value: "ssd" }]);
    expect(podSpec(live).containers).toHaveLength(1);
  });

  it("merges fields of a matched element and keeps the rest", () => {
    const live = deployment({ template: { spec: { containers: [{ name: "a", image: "nginx:1", ports: [{ containerPort: 80 }], env: [{ name: "X", value: "1" }, { name: "Y", value: "2" }] }] } } });
    const out = applyStrategicMergePatch(live, { spec: { template: { spec: { containers: [{ name: "a", image: "nginx:2", ports: [{ containerPort: 443 }], env: [{ name: "Y", value: "3" }, { name: "X", $patch: "delete" }] }] } } } });
    expect(podSpec(out).containers).toEqual([{ name: "a", image: "nginx:2", ports: [{ containerPort: 443 }, { containerPort: 80 }], env: [{ name: "Y", value: "3" }] }]);
  });

  it.each([
    {
      name: "$patch: delete removes a list element by merge key",
      patch: { spec: { template: { spec: { containers: [{ name: "b", $patch: "delete" }] } } } },
      want: ["a", "c"],
    },
    {
      name: "$patch: replace on a list replaces it",
      patch: { spec: { template: { spec: { containers: [{ name: "z", image: "busybox" }, { $patch: "replace" }] } } } },
      want: ["z"],
    },
    {
      name: "$setElementOrder orders merged elements",
      patch: { spec: { template: { spec: { "$setElementOrder/containers": [{ name: "c" }, { name: "a" }, { name: "b" }], containers: [{ name: "a", image: "x" }] } } } },
      want: ["c", "a", "b"],
    },
    {
      name: "$setElementOrder alone reorders",
      patch: { spec: { template: { spec: { "$setElementOrder/containers": [{ name: "b" }, { name: "c" }, { name: "a" }] } } } },
      want: ["b", "c", "a"],
    },
    {
      name: "new elements go before server-only ones",
      patch: { spec: { template: { spec: { containers: [{ name: "d" }] } } } },
      want: ["d", "a", "b", "c"],
    },
  ])("$name", ({ patch, want }) => {
    const live = deployment({ template: { spec: { containers: [{ name: "a" }, { name: "b" }, { name: "c" }] } } });
    expect(names(podSpec(applyStrategicMergePatch(live, patch)).containers)).toEqual(want);
  });

  it.each([
    { name: "null deletes a field", patch: { spec: { replicas: null } }, check: (o: KubeObject) => expect(o.spec).not.toHaveProperty("replicas") },
    { name: "$patch: replace on a map", patch: { spec: { selector: { $patch: "replace", matchLabels: { b: "2" } } } }, check: (o: KubeObject) => expect(o.spec.selector).toEqual({ matchLabels: { b: "2" } }) },
    { name: "$patch: delete on a map", patch: { spec: { selector: { $patch: "delete" } } }, check: (o: KubeObject) => expect(o.spec).not.toHaveProperty("selector") },
    { name: "labels merge", patch: { metadata: { labels: { b: "2", a: null } } }, check: (o: KubeObject) => expect(o.metadata.labels).toEqual({ c: "3", b: "2" }) },
    {
      name: "$retainKeys clears the other union member (strategy)",
      patch: { spec: { strategy: { $retainKeys: ["type"], type: "Recreate" } } },
      check: (o: KubeObject) => expect(o.spec.strategy).toEqual({ type: "Recreate" }),
    },
    { name: "finalizers merge as a set", patch: { metadata: { finalizers: ["b", "c"] } }, check: (o: KubeObject) => expect(o.metadata.finalizers).toEqual(["a", "b", "c"]) },
    { name: "$deleteFromPrimitiveList", patch: { metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] } }, check: (o: KubeObject) => expect(o.metadata.finalizers).toEqual(["b"]) },
    { name: "primitive lists without strategy are replaced", patch: { spec: { template: { spec: { containers: [{ name: "a", args: ["-v"] }] } } } }, check: (o: KubeObject) => expect(podSpec(o).containers[0].args).toEqual(["-v"]) },
  ])("$name", ({ patch, check }) => {
    const live = deployment({
      replicas: 3,
      selector: { matchLabels: { a: "1" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } },
      template: { spec: { containers: [{ name: "a", args: ["-x", "-y"] }] } },
    });
    live.metadata.labels = { a: "1", c: "3" };
    live.metadata.finalizers = ["a", "b"];
    check(applyStrategicMergePatch(live, patch));
  });

  it.each([
    { name: "ports by containerPort", field: "ports", live: [{ containerPort: 80, name: "http" }], patch: [{ containerPort: 80, name: "web" }], want: [{ containerPort: 80, name: "web" }] },
    { name: "volumeMounts by mountPath", field: "volumeMounts", live: [{ mountPath: "/a", name: "x" }], patch: [{ mountPath: "/a", readOnly: true }], want: [{ mountPath: "/a", name: "x", readOnly: true }] },
  ])("container $name", ({ field, live, patch, want }) => {
    const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", [field]: live }] } };
    expect(applyStrategicMergePatch(pod, { spec: { containers: [{ name: "c", [field]: patch }] } }).spec.containers[0][field]).toEqual(want);
  });

  it("merges service ports by port and status conditions by type", () => {
    const svc: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    expect(applyStrategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }).spec.ports).toEqual([{ port: 80, targetPort: 9090 }, { port: 443 }]);
    const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, status: { conditions: [{ type: "Ready", status: "False" }, { type: "PodScheduled", status: "True" }] } };
    expect(applyStrategicMergePatch(pod, { status: { conditions: [{ type: "Ready", status: "True" }] } }).status.conditions).toEqual([
      { type: "Ready", status: "True" },
      { type: "PodScheduled", status: "True" },
    ]);
  });

  it.each([
    { name: "missing merge key", patch: { spec: { template: { spec: { containers: [{ image: "x" }] } } } } },
    { name: "unknown $patch", patch: { spec: { $patch: "frobnicate" } } },
    { name: "not an object", patch: [1] },
  ])("400 for $name", ({ patch }) => {
    expect(() => applyStrategicMergePatch(deployment({ template: { spec: { containers: [] } } }), patch)).toThrow(expect.objectContaining({ code: 400 }));
  });

  it("replaces lists of kinds without a schema", () => {
    const cr: KubeObject = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: { items: [{ name: "a" }], size: 1 } };
    expect(applyStrategicMergePatch(cr, { spec: { items: [{ name: "b" }] } }).spec).toEqual({ items: [{ name: "b" }], size: 1 });
  });

  it("retains only the named keys of a volume (kubectl apply switching emptyDir to configMap)", () => {
    const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { volumes: [{ name: "v", emptyDir: {} }, { name: "w", emptyDir: {} }] } };
    const out = applyStrategicMergePatch(pod, { spec: { volumes: [{ name: "v", configMap: { name: "cm" }, $retainKeys: ["configMap", "name"] }] } });
    expect(out.spec.volumes).toEqual([{ name: "v", configMap: { name: "cm" } }, { name: "w", emptyDir: {} }]);
  });

  it.each([
    { apiVersion: "apps/v1", kind: "Deployment", want: true },
    { apiVersion: "v1", kind: "Pod", want: true },
    { apiVersion: "example.com/v1", kind: "Widget", want: false },
  ])("supportsStrategicMergePatch($apiVersion, $kind) = $want", ({ apiVersion, kind, want }) => {
    expect(supportsStrategicMergePatch(apiVersion, kind)).toBe(want);
  });
});
