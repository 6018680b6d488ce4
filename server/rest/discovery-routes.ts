// Why: the discovery and OpenAPI documents served at /api, /apis, /api/v1, /apis/<g>/<v> and /openapi, with the aggregated-discovery media type when asked.

import { AGGREGATED_DISCOVERY_CONTENT_TYPE, aggregatedDiscovery, apiGroupList, apiResourceList, apiVersions, wantsAggregatedDiscovery } from "./discovery/discovery";
import { jsonResponse } from "./responses";

/** The APIResourceList of one group version, or undefined when not served. */
export function groupVersionDocument(group: string, version: string): object | undefined {
  return apiResourceList(group, version);
}

/** `GET /api` or `GET /apis`: the aggregated v2 document when the Accept header asks for it, else the legacy one. */
export function discoveryRootResponse(scope: "api" | "apis", accept: string | null): Response {
  if (wantsAggregatedDiscovery(accept)) return jsonResponse(aggregatedDiscovery(scope), 200, [], AGGREGATED_DISCOVERY_CONTENT_TYPE);
  return jsonResponse(scope === "api" ? apiVersions() : apiGroupList());
}
