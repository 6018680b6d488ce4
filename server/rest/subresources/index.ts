// Why: the one import the REST router uses for subresources (scale, status, binding, eviction, log, token): pure handlers over the apiserver pipeline.

export { getScale, updateScale, patchScale, scaleOf, type Scale, type ScaleWriteOptions } from "./scale";
export { getStatus, updateStatus, patchStatus, type StatusWriteOptions } from "./status";
export { bind, type Binding, type BindOptions } from "./binding";
export { evict, type Eviction, type EvictOptions, type EvictionDeleteOptions } from "./eviction";
export { requestToken, type TokenRequest, type BoundObjectReference } from "./token-request";
export { podLogOptions, type PodLogRequest } from "./log-options";
export { streamPodLogs, type LogStreamConfig, type LogTimer } from "./log-stream";
export { successStatus, type SuccessStatus } from "./success-status";
export { applyPatchOfType, type SubresourcePatchType } from "./patch-body";
export type { TypeRef } from "./access";
