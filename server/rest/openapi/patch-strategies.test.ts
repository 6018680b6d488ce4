// Why: strategic merge patch looks up merge keys by kind and field path; pin the lookups H12's patcher relies on.
import { describe, expect, it } from "vitest";
import { patchStrategyFor } from "./patch-strategies";

describe("patchStrategyFor", () => {
  it.each([
    { apiVersion: "apps/v1", kind: "Deployment", path: "spec.template.spec.containers", key: "name", strategy: "merge" },
    { apiVersion: "apps/v1", kind: "Deployment", path: "spec.template.spec.containers.ports", key: "containerPort", strategy: "merge" },
    { apiVersion: "apps/v1", kind: "Deployment", path: "spec.template.spec.containers.env", key: "name", strategy: "merge" },
    { apiVersion: "apps/v1", kind: "Deployment", path: "spec.template.spec.volumes", key: "name", strategy: "merge,retainKeys" },
    { apiVersion: "apps/v1", kind: "ReplicaSet", path: "status.conditions", key: "type", strategy: "merge" },
    { apiVersion: "v1", kind: "Pod", path: "spec.initContainers.volumeMounts", key: "mountPath", strategy: "merge" },
    { apiVersion: "v1", kind: "Pod", path: "metadata.ownerReferences", key: "uid", strategy: "merge" },
    { apiVersion: "v1", kind: "Node", path: "status.addresses", key: "type", strategy: "merge" },
    { apiVersion: "v1", kind: "Service", path: "spec.ports", key: "port", strategy: "merge" },
  ])("$kind $path merges by $key", ({ apiVersion, kind, path, key, strategy }) => {
    expect(patchStrategyFor(apiVersion, kind, path.split("."))).toMatchObject({ patchMergeKey: key, patchStrategy: strategy, listType: "map" });
  });

  it.each([
    { apiVersion: "v1", kind: "Pod", path: "spec.tolerations", want: { listType: "atomic" } },
    { apiVersion: "v1", kind: "Pod", path: "metadata.finalizers", want: { patchStrategy: "merge", listType: "set" } },
    { apiVersion: "v1", kind: "Pod", path: "spec.containers.args", want: { listType: "atomic" } },
  ])("$kind $path → $want", ({ apiVersion, kind, path, want }) => {
    expect(patchStrategyFor(apiVersion, kind, path.split("."))).toEqual(want);
  });

  it.each([
    { apiVersion: "v1", kind: "Pod", path: "spec.nodeName" },
    { apiVersion: "v1", kind: "Pod", path: "metadata.labels.app" },
    { apiVersion: "v1", kind: "Pod", path: "spec.nosuchfield" },
    { apiVersion: "v1", kind: "Widget", path: "spec" },
    { apiVersion: "apps/v2", kind: "Deployment", path: "spec.template.spec.containers" },
  ])("has nothing for $kind $path", ({ apiVersion, kind, path }) => {
    expect(patchStrategyFor(apiVersion, kind, path.split("."))).toBeUndefined();
  });
});

describe("models.json", () => {
  it("covers the same kinds as core/api/schema/kinds.json (regenerate with npx tsx server/rest/openapi/gen-models.ts)", async () => {
    const models = (await import("./models.json")).default as { kinds: Record<string, string> };
    const kinds = (await import("../../../core/api/schema/kinds.json")).default as { kinds: Record<string, string> };
    expect(models.kinds).toEqual(kinds.kinds);
  });
});
