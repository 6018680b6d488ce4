// Why: the console's editor, GraphQL and scripts apply multi-document manifests through one use case (kubectl apply semantics).

import { badRequest } from "@/core/api/errors";
import type { AuditSource } from "@/core/apiserver/audit";
import type { ApplyResult, UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";

export interface ApplyManifestOptions {
  /** Namespace for namespaced objects that name none (kubectl's -n). Default "default". */
  namespace?: string;
  /** Validate and default every document, store nothing. */
  dryRun?: boolean;
  /** The transport asking, recorded in the audit log. */
  source?: AuditSource;
}

/**
 * Create-or-update every document of a YAML or JSON manifest as `user`. All documents are
 * validated before anything is stored (the apiserver also refuses a manifest over 3 MiB with
 * 413 RequestEntityTooLarge); a bad one fails the whole apply with an ApiError
 * naming the document and field.
 */
export async function applyManifest(rt: ClusterRuntime, user: UserInfo, yaml: string, opts: ApplyManifestOptions = {}): Promise<ApplyResult[]> {
  if (yaml.trim() === "") throw badRequest("no objects passed to apply");
  return rt.apiServer.apply(user, yaml, { defaultNamespace: opts.namespace || undefined, dryRun: opts.dryRun, ...(opts.source ? { source: opts.source } : {}) });
}
