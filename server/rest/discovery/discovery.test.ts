// Why: kubectl builds its REST mapping, short names and `get all` from these documents; pin their shapes.
import { describe, expect, it } from "vitest";
import { aggregatedDiscovery, apiGroupList, apiResourceList, apiVersions, wantsAggregatedDiscovery } from "./discovery";

interface LegacyResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  group?: string;
  version?: string;
}
interface AggResource {
  resource: string;
  responseKind: { group: string; version: string; kind: string };
  scope: string;
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: { subresource: string; responseKind: { group: string; version: string; kind: string }; verbs: string[] }[];
}
interface AggList {
  kind: string;
  apiVersion: string;
  items: { metadata: { name?: string }; versions: { version: string; freshness: string; resources: AggResource[] }[] }[];
}

const legacy = (group: string, version: string) => apiResourceList(group, version) as { kind: string; groupVersion: string; resources: LegacyResource[] };
const find = (group: string, version: string, name: string) => legacy(group, version).resources.find((r) => r.name === name);
const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

describe("legacy discovery", () => {
  it("lists v1 under /api", () => {
    expect(apiVersions()).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
  });

  it("lists named groups with preferred versions under /apis, metrics included, core excluded", () => {
    const list = apiGroupList() as { kind: string; groups: { name: string; versions: { groupVersion: string }[]; preferredVersion: { groupVersion: string } }[] };
    expect(list.kind).toBe("APIGroupList");
    const names = list.groups.map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(["apps", "coordination.k8s.io", "metrics.k8s.io"]));
    expect(names).not.toContain("");
    expect(list.groups.find((g) => g.name === "apps")).toMatchObject({ versions: [{ groupVersion: "apps/v1", version: "v1" }], preferredVersion: { groupVersion: "apps/v1", version: "v1" } });
  });

  it.each([
    { group: "apps", name: "deployments", kind: "Deployment", shortNames: ["deploy"], categories: ["all"], namespaced: true },
    { group: "apps", name: "replicasets", kind: "ReplicaSet", shortNames: ["rs"], categories: ["all"], namespaced: true },
    { group: "", name: "pods", kind: "Pod", shortNames: ["po"], categories: ["all"], namespaced: true },
    { group: "", name: "services", kind: "Service", shortNames: ["svc"], categories: ["all"], namespaced: true },
    { group: "", name: "nodes", kind: "Node", shortNames: ["no"], categories: undefined, namespaced: false },
  ])("describes $name with kind, short names, categories and verbs", ({ group, name, kind, shortNames, categories, namespaced }) => {
    const r = find(group, "v1", name);
    expect(r).toEqual({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: ALL_VERBS, shortNames, ...(categories ? { categories } : {}) });
  });

  it("leaves deletecollection out for namespaces, as Kubernetes does", () => {
    expect(find("", "v1", "namespaces")?.verbs).toEqual(["create", "delete", "get", "list", "patch", "update", "watch"]);
  });

  it.each([
    { group: "", res: "pods/log", kind: "Pod", verbs: ["get"], other: undefined },
    { group: "", res: "pods/status", kind: "Pod", verbs: ["get", "patch", "update"], other: undefined },
    { group: "", res: "pods/binding", kind: "Binding", verbs: ["create"], other: undefined },
    { group: "", res: "pods/eviction", kind: "Eviction", verbs: ["create"], other: { group: "policy", version: "v1" } },
    { group: "apps", res: "deployments/scale", kind: "Scale", verbs: ["get", "patch", "update"], other: { group: "autoscaling", version: "v1" } },
    { group: "apps", res: "deployments/status", kind: "Deployment", verbs: ["get", "patch", "update"], other: undefined },
    { group: "apps", res: "replicasets/scale", kind: "Scale", verbs: ["get", "patch", "update"], other: { group: "autoscaling", version: "v1" } },
  ])("lists subresource $res", ({ group, res, kind, verbs, other }) => {
    const r = find(group, "v1", res);
    expect(r).toMatchObject({ name: res, singularName: "", namespaced: true, kind, verbs });
    expect(r?.group).toBe(other?.group);
    expect(r?.version).toBe(other?.version);
  });

  it("serves metrics.k8s.io/v1beta1 nodes and pods with get and list", () => {
    expect(find("metrics.k8s.io", "v1beta1", "nodes")).toMatchObject({ kind: "NodeMetrics", namespaced: false, verbs: ["get", "list"] });
    expect(find("metrics.k8s.io", "v1beta1", "pods")).toMatchObject({ kind: "PodMetrics", namespaced: true, verbs: ["get", "list"] });
  });

  it.each([
    ["apps", "v2"],
    ["batch.example", "v1"],
    ["", "v2"],
  ])("has no list for %s/%s", (group, version) => {
    expect(apiResourceList(group, version)).toBeUndefined();
  });
});

describe("aggregated discovery v2", () => {
  const apis = aggregatedDiscovery("apis") as AggList;
  const core = aggregatedDiscovery("api") as AggList;
  const resource = (doc: AggList, group: string, name: string) =>
    doc.items.find((i) => (i.metadata.name ?? "") === group)?.versions[0].resources.find((r) => r.resource === name);

  it("is an APIGroupDiscoveryList; /api holds the core group only, /apis the named groups", () => {
    expect(apis).toMatchObject({ kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2" });
    expect(core.items).toHaveLength(1);
    expect(core.items[0].metadata.name).toBeUndefined();
    expect(core.items[0].versions).toMatchObject([{ version: "v1", freshness: "Current" }]);
    expect(apis.items.map((i) => i.metadata.name)).toEqual(expect.arrayContaining(["apps", "coordination.k8s.io", "metrics.k8s.io"]));
  });

  it("describes deployments with scope, short names, categories and scale/status subresources", () => {
    expect(resource(apis, "apps", "deployments")).toEqual({
      resource: "deployments",
      responseKind: { group: "apps", version: "v1", kind: "Deployment" },
      scope: "Namespaced",
      singularResource: "deployment",
      verbs: ALL_VERBS,
      shortNames: ["deploy"],
      categories: ["all"],
      subresources: [
        { subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] },
        { subresource: "status", responseKind: { group: "apps", version: "v1", kind: "Deployment" }, verbs: ["get", "patch", "update"] },
      ],
    });
  });

  it("lists the pod subresources", () => {
    expect(resource(core, "", "pods")?.subresources?.map((s) => s.subresource)).toEqual(["binding", "eviction", "log", "status"]);
    expect(resource(core, "", "nodes")?.scope).toBe("Cluster");
  });

  it("includes the metrics API", () => {
    expect(resource(apis, "metrics.k8s.io", "pods")).toMatchObject({ responseKind: { group: "metrics.k8s.io", version: "v1beta1", kind: "PodMetrics" }, scope: "Namespaced", verbs: ["get", "list"] });
    expect(resource(apis, "metrics.k8s.io", "nodes")).toMatchObject({ scope: "Cluster" });
  });
});

describe("wantsAggregatedDiscovery", () => {
  it.each([
    { accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", want: true },
    { accept: "application/json; g=apidiscovery.k8s.io; v=v2; as=APIGroupDiscoveryList", want: true },
    { accept: "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", want: false },
    { accept: "application/json, */*", want: false },
    { accept: undefined, want: false },
  ])("$accept → $want", ({ accept, want }) => {
    expect(wantsAggregatedDiscovery(accept)).toBe(want);
  });
});
