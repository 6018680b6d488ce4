// Why: kubectl explain, apply and validation depend on definition names, GVK extensions, merge keys and int-or-string types; pin them.
import { describe, expect, it } from "vitest";
import { openApiV2, openApiV3Document, openApiV3Hash, openApiV3Index } from "./openapi";

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema; allOf?: Schema[]; $ref?: string };
const v2 = openApiV2() as { swagger: string; definitions: Record<string, Schema>; paths: Record<string, Record<string, Schema>> };
const def = (name: string) => v2.definitions[name];
const prop = (name: string, field: string) => def(name).properties?.[field] as Schema;

describe("openApiV2", () => {
  it("is swagger 2.0 with Kubernetes definition names and GVK extensions", () => {
    expect(v2.swagger).toBe("2.0");
    expect(def("io.k8s.api.apps.v1.Deployment")["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", kind: "Deployment", version: "v1" }]);
    expect(def("io.k8s.api.core.v1.Pod")["x-kubernetes-group-version-kind"]).toEqual([{ group: "", kind: "Pod", version: "v1" }]);
    expect(def("io.k8s.api.autoscaling.v1.Scale")["x-kubernetes-group-version-kind"]).toEqual([{ group: "autoscaling", kind: "Scale", version: "v1" }]);
    expect(def("io.k8s.api.apps.v1.DeploymentList")["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", kind: "DeploymentList", version: "v1" }]);
    expect(prop("io.k8s.api.apps.v1.Deployment", "metadata").$ref).toBe("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    expect(prop("io.k8s.api.apps.v1.DeploymentSpec", "template").$ref).toBe("#/definitions/io.k8s.api.core.v1.PodTemplateSpec");
    expect(def("io.k8s.api.apps.v1.DeploymentSpec").required).toEqual(["selector", "template"]);
    expect(def("io.k8s.api.core.v1.Container").required).toEqual(["name"]);
  });

  it("has no dangling references", () => {
    const refs = [...JSON.stringify(v2).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((r) => !v2.definitions[r])).toEqual([]);
  });

  it.each([
    { model: "io.k8s.api.core.v1.PodSpec", field: "containers", key: "name", strategy: "merge" },
    { model: "io.k8s.api.core.v1.PodSpec", field: "initContainers", key: "name", strategy: "merge" },
    { model: "io.k8s.api.core.v1.PodSpec", field: "volumes", key: "name", strategy: "merge,retainKeys" },
    { model: "io.k8s.api.core.v1.PodSpec", field: "imagePullSecrets", key: "name", strategy: "merge" },
    { model: "io.k8s.api.core.v1.Container", field: "ports", key: "containerPort", strategy: "merge" },
    { model: "io.k8s.api.core.v1.Container", field: "env", key: "name", strategy: "merge" },
    { model: "io.k8s.api.core.v1.Container", field: "volumeMounts", key: "mountPath", strategy: "merge" },
    { model: "io.k8s.api.core.v1.PodStatus", field: "conditions", key: "type", strategy: "merge" },
    { model: "io.k8s.api.apps.v1.DeploymentStatus", field: "conditions", key: "type", strategy: "merge" },
    { model: "io.k8s.api.core.v1.ServiceSpec", field: "ports", key: "port", strategy: "merge" },
    { model: "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", field: "ownerReferences", key: "uid", strategy: "merge" },
  ])("$model.$field merges by $key", ({ model, field, key, strategy }) => {
    const p = prop(model, field);
    expect(p.type).toBe("array");
    expect(p["x-kubernetes-patch-merge-key"]).toBe(key);
    expect(p["x-kubernetes-patch-strategy"]).toBe(strategy);
    expect(p["x-kubernetes-list-type"]).toBe("map");
    expect(p["x-kubernetes-list-map-keys"]).toContain(key);
  });

  it("keeps tolerations atomic and finalizers a merged set", () => {
    expect(prop("io.k8s.api.core.v1.PodSpec", "tolerations")).toMatchObject({ "x-kubernetes-list-type": "atomic" });
    expect(prop("io.k8s.api.core.v1.PodSpec", "tolerations")["x-kubernetes-patch-strategy"]).toBeUndefined();
    expect(prop("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "finalizers")).toMatchObject({ "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge" });
  });

  it.each([
    { model: "io.k8s.api.apps.v1.RollingUpdateDeployment", field: "maxSurge" },
    { model: "io.k8s.api.apps.v1.RollingUpdateDeployment", field: "maxUnavailable" },
    { model: "io.k8s.api.core.v1.ServicePort", field: "targetPort" },
    { model: "io.k8s.api.core.v1.HTTPGetAction", field: "port" },
    { model: "io.k8s.api.core.v1.TCPSocketAction", field: "port" },
  ])("$model.$field is int-or-string", ({ model, field }) => {
    expect(prop(model, field)).toMatchObject({ $ref: "#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString", "x-kubernetes-int-or-string": true });
    expect(def("io.k8s.apimachinery.pkg.util.intstr.IntOrString")).toMatchObject({ type: "string", format: "int-or-string", "x-kubernetes-int-or-string": true });
  });

  it("types quantities, maps, times and integers as Kubernetes does", () => {
    const limits = prop("io.k8s.api.core.v1.ResourceRequirements", "limits");
    expect(limits.type).toBe("object");
    expect(limits.additionalProperties?.$ref).toBe("#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity");
    expect(def("io.k8s.apimachinery.pkg.api.resource.Quantity")).toMatchObject({ "x-kubernetes-int-or-string": true });
    expect(prop("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "labels")).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
    expect(prop("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp").$ref).toBe("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time");
    expect(prop("io.k8s.api.apps.v1.DeploymentSpec", "replicas")).toMatchObject({ type: "integer", format: "int32" });
    expect(prop("io.k8s.api.core.v1.Secret", "data")).toMatchObject({ type: "object", additionalProperties: { type: "string", format: "byte" } });
  });

  it("declares fieldValidation on PATCH operations with the GVK, so kubectl leaves validation to the server", () => {
    const patch = v2.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"].patch;
    expect(patch["x-kubernetes-group-version-kind"]).toEqual({ group: "apps", kind: "Deployment", version: "v1" });
    expect((patch.parameters as { name: string }[]).map((p) => p.name)).toEqual(expect.arrayContaining(["fieldValidation", "dryRun", "fieldManager", "force"]));
    expect(v2.paths["/api/v1/nodes/{name}/status"].patch["x-kubernetes-group-version-kind"]).toEqual({ group: "", kind: "Node", version: "v1" });
    expect(v2.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"].put["x-kubernetes-group-version-kind"]).toEqual({ group: "autoscaling", kind: "Scale", version: "v1" });
  });
});

describe("openApiV3", () => {
  it("indexes one document per served group-version with a content hash", () => {
    const index = openApiV3Index() as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toEqual(expect.arrayContaining(["api/v1", "apis/apps/v1", "apis/coordination.k8s.io/v1"]));
    expect(index.paths["apis/apps/v1"].serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${openApiV3Hash("apis/apps/v1")}`);
    expect(openApiV3Hash("apis/apps/v1")).toMatch(/^[0-9A-F]{128}$/);
  });

  it("builds apps/v1 with components, allOf-wrapped refs and oneOf int-or-string", () => {
    const doc = openApiV3Document("apis/apps/v1") as { openapi: string; components: { schemas: Record<string, Schema> }; paths: Record<string, Record<string, Schema>> };
    expect(doc.openapi).toBe("3.0.0");
    const schemas = doc.components.schemas;
    expect(schemas["io.k8s.api.apps.v1.Deployment"]["x-kubernetes-group-version-kind"]).toEqual([{ group: "apps", kind: "Deployment", version: "v1" }]);
    expect(schemas["io.k8s.api.apps.v1.DeploymentSpec"].properties?.strategy.allOf).toEqual([{ $ref: "#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy" }]);
    expect(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toMatchObject({ oneOf: [{ type: "integer" }, { type: "string" }], "x-kubernetes-int-or-string": true });
    expect(schemas["io.k8s.api.core.v1.PodSpec"].properties?.containers["x-kubernetes-patch-merge-key"]).toBe("name");
    expect(schemas["io.k8s.api.autoscaling.v1.Scale"]).toBeDefined();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !schemas[r])).toEqual([]);
    const patch = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"].patch as { parameters: { name: string; in: string }[]; requestBody: { content: Record<string, unknown> } };
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
    expect(Object.keys(patch.requestBody.content)).toContain("application/strategic-merge-patch+json");
  });

  it.each(["api/v1", "/openapi/v3/api/v1", "apis/coordination.k8s.io/v1"])("serves %s", (p) => {
    expect(openApiV3Document(p)).toBeDefined();
  });

  it.each(["apis/apps/v2", "apis/batch/v1", "api", ""])("has no document for %s", (p) => {
    expect(openApiV3Document(p)).toBeUndefined();
  });
});
