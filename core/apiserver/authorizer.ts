// Why: every request is authorized before admission; RBAC plugs in behind this interface and refusals read as Kubernetes writes them.

import { forbidden, type ApiError } from "../api/errors";
import type { UserInfo } from "./types";

/** What is being asked (authorizer.Attributes for a resource request). `name` is absent for create, list and watch. */
export interface AuthorizationAttributes {
  user: UserInfo;
  /** get, list, watch, create, update, patch, delete, deletecollection. */
  verb: string;
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

/** Decides whether a request may proceed. Synchronous: reads are synchronous in ObjectClient. */
export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): AuthorizationDecision;
}

/** The default authorizer: everyone may do everything (until RBAC is configured). */
export const allowAllAuthorizer: Authorizer = { authorize: () => ({ allowed: true }) };

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
  return forbidden(`${subject} is forbidden: ${why}${reason ? `: ${reason}` : ""}`, {
    ...(attrs.group ? { group: attrs.group } : {}),
    kind: attrs.resource,
    name: attrs.name,
  });
}
