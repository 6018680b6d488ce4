// Why: every request is authorized before admission; RBAC plugs in behind this interface and refusals read as Kubernetes writes them.

import { forbidden, type ApiError } from "../api/errors";
import { markAuthorizationDenied } from "./audit";
import type { ResourceType } from "../api/resources";
import type { UserInfo } from "./types";

/**
 * What is being asked (authorizer.Attributes). A resource request names group/resource (and
 * `name`, absent for create, list and watch); a non-resource request (`/version`, `/healthz`)
 * sets `path` and leaves `resource` empty.
 */
export interface AuthorizationAttributes {
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection (or impersonate, bind, escalate, use…); lower-cased HTTP verb for non-resource requests. */
  verb: string;
  /** Set for a non-resource request: the URL path. */
  path?: string;
  /** API group, "" for the core group. */
  group: string;
  /** Plural resource name (`deployments`). */
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface AuthorizationDecision {
  allowed: boolean;
  /** Appended to the Forbidden message when set. */
  reason?: string;
}

/** One rule of a rules review (authorization.k8s.io ResourceRule). */
export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

/** One non-resource rule of a rules review (NonResourceRule). */
export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs: string[];
}

/** What a user may do in a namespace (SelfSubjectRulesReview's status). */
export interface RulesInfo {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  /** True when the list may be missing rules (an authorizer could not enumerate them). */
  incomplete: boolean;
  evaluationError?: string;
}

/** Decides whether a request may proceed. Synchronous: reads are synchronous in ObjectClient. */
export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): AuthorizationDecision;
  /** The rules that apply to `user` in `namespace` (SelfSubjectRulesReview); authorizers that cannot list rules omit this. */
  rulesFor?(user: UserInfo, namespace: string): RulesInfo;
}

/** The default authorizer: everyone may do everything (until RBAC is configured). */
export const allowAllAuthorizer: Authorizer = {
  authorize: () => ({ allowed: true }),
  rulesFor: () => ({
    resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }],
    nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
    incomplete: false,
  }),
};

/**
 * The 403 Kubernetes returns for a denied request:
 * `deployments.apps "web" is forbidden: User "bob" cannot delete resource "deployments" in API group "apps" in the namespace "demo"`.
 */
export function forbiddenError(attrs: AuthorizationAttributes, reason?: string): ApiError {
  const qualified = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : "at the cluster scope";
  const why = `User "${attrs.user.name}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.group}" ${scope}`;
  const subject = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  return markAuthorizationDenied(
    forbidden(`${subject} is forbidden: ${why}${reason ? `: ${reason}` : ""}`, {
      ...(attrs.group ? { group: attrs.group } : {}),
      kind: attrs.resource,
      name: attrs.name,
    }),
  );
}

/**
 * The namespace a request is authorized in: a namespaced type's own; for a request naming a
 * Namespace, that Namespace (kube-apiserver's RequestInfo makes `/api/v1/namespaces/{n}`
 * namespace `n`, so a RoleBinding in `n` granting `get namespaces` lets its subjects get `n`);
 * none otherwise (cluster-scoped, or listing namespaces).
 */
export function requestNamespace(type: ResourceType, namespace: string | undefined, name: string | undefined): string | undefined {
  if (type.namespaced) return namespace || undefined;
  return type.group === "" && type.kind === "Namespace" ? name || undefined : undefined;
}
