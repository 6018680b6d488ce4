// Why: the contract of the apiserver pipeline that REST, GraphQL and the console all call.

import type { KubeObject } from "../api/types";
import type { ObjectClient } from "../store/types";
import type { AuditOutcome } from "./audit";
import type { AuthorizationAttributes, Authorizer } from "./authorizer";
import type { ApplyRequestOptions, AuditRequest, ClientOptions } from "./api-server";

/** An authenticated Kubernetes user (user.Info): name plus groups, as authenticators produce it. */
export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What one document of an applied manifest did. */
export interface ApplyResult {
  /** 0-based index of the document in the YAML stream. */
  index: number;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  action: "created" | "configured" | "unchanged";
  object: KubeObject;
}

export interface ApplyOptions {
  /** Namespace for namespaced objects that name none (kubectl's -n). Default "default". */
  defaultNamespace?: string;
  dryRun?: boolean;
}

/**
 * The request pipeline: authenticated user → authorization → admission (defaulting,
 * validation, namespace lifecycle) → store. Errors are ApiError (Kubernetes Status).
 */
export interface ApiServerApi {
  /** The authorizer every request is decided by (RBAC in a cluster; allow-all in bare test servers). */
  readonly authorizer: Authorizer;
  /** Throws Kubernetes' 403 Forbidden unless the authorizer allows `attrs` (transports authorizing a request before its body is read). */
  authorize(attrs: AuthorizationAttributes): void;
  /** Reports a request the pipeline's clients do not see whole (a subresource write, an access review) to the audit sink. */
  recordAudit(req: AuditRequest, outcome: AuditOutcome): void;
  /** An ObjectClient that acts as `user`: every call is authorized and admitted (and audited when `opts.source` names the transport). */
  client(user: UserInfo, opts?: ClientOptions): ObjectClient;
  /**
   * Create-or-update every document of a multi-document YAML (or JSON) manifest. All
   * documents are parsed, defaulted and validated first; if any fails, nothing is stored
   * and the error names the document (`document 2 (Deployment "web"): spec.replicas: ...`).
   */
  apply(user: UserInfo, manifest: string, opts?: ApplyRequestOptions): Promise<ApplyResult[]>;
}
