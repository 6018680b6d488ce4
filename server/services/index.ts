// Why: one import for the use cases shared by GraphQL, REST and the console's server components.

export { resolveKind } from "./resolve-kind";
export { listObjects, checkLimit, MAX_LIST_LIMIT, type ListObjectsOptions } from "./list-objects";
export { getObject, DEFAULT_NAMESPACE } from "./get-object";
export { applyManifest, type ApplyManifestOptions } from "./apply-manifest";
export { deleteObject, type DeleteObjectOptions } from "./delete-object";
export { scaleDeployment } from "./scale-deployment";
export { podLogs, type PodLogOptions } from "./pod-logs";
export { watchObjects, type WatchObjectsOptions, type WatchStream } from "./watch-objects";
export { listVisible, canSeeNamespace, namespacesWhere } from "./visible-list";
export { watchVisible } from "./visible-watch";
export { listEvents, type ListEventsOptions } from "./list-events";
export { clusterOverview, POD_PHASES, type ClusterOverview, type ClusterOverviewOptions, type PodPhase } from "./cluster-overview";
export { toYaml } from "./to-yaml";
export { podSummary, podContainers, type PodSummary, type ContainerSummary } from "./summaries/pod-summary";
export { nodeSummary, type NodeSummary } from "./summaries/node-summary";
export { deploymentSummary, replicaSetSummary, selectorString, type DeploymentSummary, type ReplicaSetSummary } from "./summaries/workload-summary";
export { eventObject, eventCount, eventFirstSeen, eventLastSeen, compareEventsNewestFirst } from "./summaries/event-summary";
export { humanDuration, ageOf } from "@/core/api/human-duration";
