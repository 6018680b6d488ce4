// Why: `kubectl top` reads metrics.k8s.io/v1beta1; these paths are served from the metrics collector rather than the object store.

import type { AuthorizationAttributes } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { getNodeMetrics, getPodMetrics, listNodeMetrics, listPodMetrics, METRICS_API_RESOURCES, METRICS_GROUP, METRICS_VERSION } from "./metrics/metrics-api";
import { jsonResponse, notFoundStatus } from "./responses";
import { noRoute, type ResourceRequest } from "./router";

/** True for requests of the metrics API group-version. */
export function isMetricsRequest(group: string, version: string): boolean {
  return group === METRICS_GROUP && version === METRICS_VERSION;
}

/** The discovery document of metrics.k8s.io/v1beta1. */
export const metricsResources = METRICS_API_RESOURCES;

/**
 * Serves nodes and pods of metrics.k8s.io (get and list) to users the authorizer allows (`get`/`list`
 * on `nodes.metrics.k8s.io` or `pods.metrics.k8s.io`, as metrics-server checks). 404 when the runtime
 * exposes no metrics source (`rt.metrics`), as a cluster without metrics-server answers.
 */
export function metricsResponse(rt: ClusterRuntime, user: UserInfo, req: ResourceRequest): Response {
  const src = rt.metrics;
  if (!src || (req.resource !== "nodes" && req.resource !== "pods") || req.subresource) return jsonResponse(notFoundStatus(), 404);
  if (req.verb !== "get" && req.verb !== "list") throw noRoute();
  const server = rt.apiServer as ClusterRuntime["apiServer"] & { authorize?: (a: AuthorizationAttributes) => void };
  server.authorize?.({
    user,
    verb: req.verb,
    group: METRICS_GROUP,
    resource: req.resource,
    ...(req.resource === "pods" && req.namespace ? { namespace: req.namespace } : {}),
    ...(req.name ? { name: req.name } : {}),
  });
  const now = rt.clock.now();
  const opts = { labelSelector: req.query.labelSelector, fieldSelector: req.query.fieldSelector };
  if (req.resource === "nodes") return jsonResponse(req.name ? getNodeMetrics(src, req.name, now) : listNodeMetrics(src, opts, now));
  if (req.name) return jsonResponse(getPodMetrics(src, req.namespace ?? "default", req.name, now));
  return jsonResponse(listPodMetrics(src, req.namespace, opts, now));
}
