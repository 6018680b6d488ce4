// Why: kubectl learns what the server serves from discovery (legacy /api, /apis, /api/v1 and the aggregated v2 document); these build them from the one RESOURCE_TYPES table.

import { RESOURCE_TYPES, subresourcesOf, verbsOf, type ResourceType } from "../../../core/api/resources";

/** The media type of aggregated discovery that kubectl 1.32 asks for first. */
export const AGGREGATED_DISCOVERY_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/** True when an Accept header asks for aggregated discovery v2 (kubectl lists it first, with legacy JSON as fallback). */
export function wantsAggregatedDiscovery(accept: string | null | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((part) => {
    const params = part.split(";").map((p) => p.trim().replace(/\s+/g, ""));
    return params.includes("g=apidiscovery.k8s.io") && params.includes("v=v2") && params.includes("as=APIGroupDiscoveryList");
  });
}

/** A resource in discovery: the served kinds plus the access reviews and the metrics API (computed per request, not stored). */
interface DiscoveredResource {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: ReturnType<typeof subresourcesOf>;
}

/** metrics.k8s.io/v1beta1, as metrics-server registers it (`kubectl top` checks for the group, then lists). */
const METRICS: DiscoveredResource[] = [
  { group: "metrics.k8s.io", version: "v1beta1", plural: "nodes", singular: "", kind: "NodeMetrics", namespaced: false, verbs: ["get", "list"], shortNames: [], categories: [], subresources: [] },
  { group: "metrics.k8s.io", version: "v1beta1", plural: "pods", singular: "", kind: "PodMetrics", namespaced: true, verbs: ["get", "list"], shortNames: [], categories: [], subresources: [] },
];

/** authorization.k8s.io/v1 reviews (`kubectl auth can-i`) and authentication.k8s.io/v1 SelfSubjectReview (`kubectl auth whoami`): create-only, never stored. */
const review = (group: string, plural: string, kind: string, namespaced: boolean): DiscoveredResource => ({
  group,
  version: "v1",
  plural,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  verbs: ["create"],
  shortNames: [],
  categories: [],
  subresources: [],
});
const REVIEWS: DiscoveredResource[] = [
  review("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", false),
  review("authorization.k8s.io", "localsubjectaccessreviews", "LocalSubjectAccessReview", true),
  review("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false),
  review("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false),
  review("authorization.k8s.io", "subjectaccessreviews", "SubjectAccessReview", false),
];

function discovered(t: ResourceType): DiscoveredResource {
  return {
    group: t.group,
    version: t.version,
    plural: t.plural,
    singular: t.singular,
    kind: t.kind,
    namespaced: t.namespaced,
    verbs: verbsOf(t),
    shortNames: t.shortNames,
    categories: t.categories,
    subresources: subresourcesOf(t),
  };
}

function allResources(): DiscoveredResource[] {
  return [...RESOURCE_TYPES.map(discovered), ...REVIEWS, ...METRICS];
}

/** Group → versions, in first-seen order (the order of RESOURCE_TYPES, then the reviews, metrics last). */
function groups(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of allResources()) {
    const versions = out.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    out.set(r.group, versions);
  }
  return out;
}

const gv = (group: string, version: string) => (group ? `${group}/${version}` : version);

/** `GET /api`: the core group's versions. */
export function apiVersions(): object {
  return { kind: "APIVersions", versions: groups().get("") ?? [], serverAddressByClientCIDRs: [] };
}

/** `GET /apis`: every named group with its versions and preferred version. */
export function apiGroupList(): object {
  const list = [...groups()].filter(([g]) => g !== "");
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: list.map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: gv(name, version), version })),
      preferredVersion: { groupVersion: gv(name, versions[0]), version: versions[0] },
    })),
  };
}

/** `GET /api/v1` or `GET /apis/<group>/<version>`: the resources and subresources of one group-version; undefined when not served (a 404). */
export function apiResourceList(group: string, version: string): object | undefined {
  const here = allResources().filter((r) => r.group === group && r.version === version);
  if (here.length === 0) return undefined;
  const resources: object[] = [];
  for (const r of here) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const s of r.subresources) {
      const sameGv = s.responseKind.group === group && s.responseKind.version === version;
      resources.push({
        name: `${r.plural}/${s.name}`,
        singularName: "",
        namespaced: r.namespaced,
        ...(sameGv ? {} : { group: s.responseKind.group, version: s.responseKind.version }),
        kind: s.responseKind.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: gv(group, version), resources };
}

/**
 * `GET /api` or `GET /apis` with the aggregated discovery Accept header: one document with every
 * group, version, resource and subresource (apidiscovery.k8s.io/v2 APIGroupDiscoveryList).
 * Scope "api" holds the core group only; "apis" every named group, metrics.k8s.io included.
 */
export function aggregatedDiscovery(scope: "api" | "apis"): object {
  const items = [...groups()]
    .filter(([g]) => (scope === "api" ? g === "" : g !== ""))
    .map(([group, versions]) => ({
      metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
      versions: versions.map((version) => ({
        version,
        resources: allResources()
          .filter((r) => r.group === group && r.version === version)
          .map((r) => ({
            resource: r.plural,
            responseKind: { group: r.group, version: r.version, kind: r.kind },
            scope: r.namespaced ? "Namespaced" : "Cluster",
            singularResource: r.singular || r.kind.toLowerCase(),
            verbs: r.verbs,
            ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
            ...(r.categories.length ? { categories: r.categories } : {}),
            ...(r.subresources.length
              ? { subresources: r.subresources.map((s) => ({ subresource: s.name, responseKind: s.responseKind, verbs: s.verbs })) }
              : {}),
          })),
        freshness: "Current",
      })),
    }));
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}
