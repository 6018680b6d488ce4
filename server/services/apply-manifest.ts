// Why: the console's editor, GraphQL and scripts apply multi-document manifests through one use case (kubectl apply semantics).

import { badRequest } from "@/core/api/errors";
import type { ApplyResult, UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";

export interface ApplyManifestOptions {
  /** Namespace for namespaced objects that name none (kubectl's -n). Default "default". */
  namespace?: string;
  /** Validate and default every document, store nothing. */
  dryRun?: boolean;
}

/** The largest manifest accepted (Kubernetes' request body limit is 3 MiB). */
export const MAX_MANIFEST_BYTES = 3 * 1024 * 1024;

/**
 * Create-or-update every document of a YAML or JSON manifest as `user`. All documents are
 * validated before anything is stored; a bad one fails the whole apply with an ApiError
 * naming the document and field.
 */
export async function applyManifest(rt: ClusterRuntime, user: UserInfo, yaml: string, opts: ApplyManifestOptions = {}): Promise<ApplyResult[]> {
  if (yaml.trim() === "") throw badRequest("no objects passed to apply");
  if (Buffer.byteLength(yaml, "utf8") > MAX_MANIFEST_BYTES) throw badRequest(`manifest is larger than ${MAX_MANIFEST_BYTES} bytes`);
  return rt.apiServer.apply(user, yaml, { defaultNamespace: opts.namespace || undefined, dryRun: opts.dryRun });
}
