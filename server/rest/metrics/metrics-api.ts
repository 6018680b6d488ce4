// Why: `kubectl top` and the HPA read metrics.k8s.io/v1beta1; these pure builders turn the collector's latest scrape into the documents metrics-server serves.

import { badRequest, notFound } from "@/core/api/errors";
import { fieldsMatch, parseFieldSelector, type FieldRequirement } from "@/core/api/fields";
import { matches, parseLabelSelector } from "@/core/api/selectors";
import { rfc3339 } from "@/core/clock/clock";
import { goDuration } from "@/core/kubelet/images";
import type { NodeUsage, PodUsage } from "@/core/metrics/metrics-collector";
import { formatBinaryBytes, formatNanoCores } from "@/core/metrics/usage-quantity";

/** The API group and version metrics-server registers. */
export const METRICS_GROUP = "metrics.k8s.io";
export const METRICS_VERSION = "v1beta1";
export const METRICS_API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

/** The discovery document metrics-server serves at /apis/metrics.k8s.io/v1beta1 (get and list only). */
export const METRICS_API_RESOURCES = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: METRICS_API_VERSION,
  resources: [
    { name: "nodes", singularName: "", namespaced: false, kind: "NodeMetrics", verbs: ["get", "list"] },
    { name: "pods", singularName: "", namespaced: true, kind: "PodMetrics", verbs: ["get", "list"] },
  ],
} as const;

/** What these builders read: the collector's latest scrape (MetricsCollector satisfies it). */
export interface MetricsSource {
  nodeMetrics(name?: string): NodeUsage[];
  podMetrics(namespace?: string, name?: string): PodUsage[];
}

/** `usage` as metrics-server writes it: CPU in nanocores, memory in binary units. */
export interface ResourceUsage {
  cpu: string;
  memory: string;
}

interface MetricsMeta {
  name: string;
  namespace?: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
}

/** metrics.k8s.io/v1beta1 NodeMetrics. */
export interface NodeMetrics {
  kind: "NodeMetrics";
  apiVersion: typeof METRICS_API_VERSION;
  metadata: MetricsMeta;
  timestamp: string;
  window: string;
  usage: ResourceUsage;
}

/** metrics.k8s.io/v1beta1 PodMetrics. */
export interface PodMetrics {
  kind: "PodMetrics";
  apiVersion: typeof METRICS_API_VERSION;
  metadata: MetricsMeta;
  timestamp: string;
  window: string;
  containers: { name: string; usage: ResourceUsage }[];
}

export interface NodeMetricsList {
  kind: "NodeMetricsList";
  apiVersion: typeof METRICS_API_VERSION;
  metadata: Record<string, never>;
  items: Omit<NodeMetrics, "kind" | "apiVersion">[];
}

export interface PodMetricsList {
  kind: "PodMetricsList";
  apiVersion: typeof METRICS_API_VERSION;
  metadata: Record<string, never>;
  items: Omit<PodMetrics, "kind" | "apiVersion">[];
}

/** The list query parameters metrics-server honours. */
export interface MetricsListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

/** The fields metrics-server's field selectors may name, per resource. */
const NODE_FIELDS = new Set(["metadata.name"]);
const POD_FIELDS = new Set(["metadata.name", "metadata.namespace"]);

function compileFields(selector: string | undefined, supported: Set<string>): FieldRequirement[] {
  const reqs = parseFieldSelector(selector ?? "");
  for (const r of reqs) if (!supported.has(r.field)) throw badRequest(`field label not supported: ${r.field}`);
  return reqs;
}

function usage(u: { cpuNanoCores: number; memoryBytes: number }): ResourceUsage {
  return { cpu: formatNanoCores(u.cpuNanoCores), memory: formatBinaryBytes(u.memoryBytes) };
}

function nodeItem(n: NodeUsage, now: number): Omit<NodeMetrics, "kind" | "apiVersion"> {
  return {
    metadata: { name: n.name, creationTimestamp: rfc3339(now), labels: { ...n.labels } },
    timestamp: rfc3339(n.timestamp),
    window: goDuration(n.windowMs),
    usage: usage(n),
  };
}

function podItem(p: PodUsage, now: number): Omit<PodMetrics, "kind" | "apiVersion"> {
  return {
    metadata: { name: p.name, namespace: p.namespace, creationTimestamp: rfc3339(now), labels: { ...p.labels } },
    timestamp: rfc3339(p.timestamp),
    window: goDuration(p.windowMs),
    containers: p.containers.map((c) => ({ name: c.name, usage: usage(c) })),
  };
}

/**
 * GET /apis/metrics.k8s.io/v1beta1/nodes: every scraped node, filtered by label and field
 * selectors. `now` stamps metadata.creationTimestamp (metrics-server builds these objects
 * per request). Throws 400 BadRequest on a malformed selector.
 */
export function listNodeMetrics(src: MetricsSource, opts: MetricsListOptions, now: number): NodeMetricsList {
  const labels = parseLabelSelector(opts.labelSelector ?? "");
  const fields = compileFields(opts.fieldSelector, NODE_FIELDS);
  const items = src
    .nodeMetrics()
    .filter((n) => matches(labels, n.labels) && fieldsMatch(fields, { "metadata.name": n.name }))
    .map((n) => nodeItem(n, now));
  return { kind: "NodeMetricsList", apiVersion: METRICS_API_VERSION, metadata: {}, items };
}

/** GET /apis/metrics.k8s.io/v1beta1/nodes/{name}. Throws 404 `nodemetrics.metrics.k8s.io "n" not found`. */
export function getNodeMetrics(src: MetricsSource, name: string, now: number): NodeMetrics {
  const [n] = src.nodeMetrics(name);
  if (!n) throw notFound({ group: METRICS_GROUP, kind: "nodemetrics", name });
  return { kind: "NodeMetrics", apiVersion: METRICS_API_VERSION, ...nodeItem(n, now) };
}

/**
 * GET /apis/metrics.k8s.io/v1beta1/pods (namespace undefined: all namespaces) and
 * /apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods, filtered by label and field selectors.
 */
export function listPodMetrics(src: MetricsSource, namespace: string | undefined, opts: MetricsListOptions, now: number): PodMetricsList {
  const labels = parseLabelSelector(opts.labelSelector ?? "");
  const fields = compileFields(opts.fieldSelector, POD_FIELDS);
  const items = src
    .podMetrics(namespace)
    .filter((p) => matches(labels, p.labels) && fieldsMatch(fields, { "metadata.name": p.name, "metadata.namespace": p.namespace }))
    .map((p) => podItem(p, now));
  return { kind: "PodMetricsList", apiVersion: METRICS_API_VERSION, metadata: {}, items };
}

/** GET /apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods/{name}. Throws 404 `podmetrics.metrics.k8s.io "ns/name" not found`. */
export function getPodMetrics(src: MetricsSource, namespace: string, name: string, now: number): PodMetrics {
  const [p] = src.podMetrics(namespace, name);
  if (!p) throw notFound({ group: METRICS_GROUP, kind: "podmetrics", name: `${namespace}/${name}` });
  return { kind: "PodMetrics", apiVersion: METRICS_API_VERSION, ...podItem(p, now) };
}
