// Why: every resolver acts as the request's user; one module says who that is, which authorizer decides for them, and how a refusal reads.

import { createGraphQLError } from "graphql-yoga";
import type { GraphQLError } from "graphql";
import { unauthorized } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import { forbiddenError, type AuthorizationAttributes } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import type { ObjectClient } from "@/core/store/types";
import type { GraphQLContext } from "./context";

/** What a resolver asks about, without the user (taken from the context). */
export type AccessRequest = Omit<AuthorizationAttributes, "user">;

/**
 * The GraphQL error for an anonymous operation: Kubernetes' 401 Status with `extensions.code`
 * its reason, `Unauthorized` (as the yoga authentication plugin answers), and HTTP 401.
 */
export function unauthenticatedError(): GraphQLError {
  const status = unauthorized().status;
  return createGraphQLError(status.message, { extensions: { code: status.reason, status, http: { status: 401 } } });
}

/** The user the request acts as; an anonymous context (which the plugin should have refused) throws UNAUTHENTICATED. */
export function actingUser(ctx: GraphQLContext): UserInfo {
  if (!ctx.user) throw unauthenticatedError();
  return ctx.user;
}

/** The apiserver pipeline as the request's user: every call is authorized and admitted. */
export function clientOf(ctx: GraphQLContext): ObjectClient {
  return ctx.rt.apiServer.client(actingUser(ctx), { source: "graphql" });
}

/** Whether the request's user may do `req` (no error either way). */
export function isAllowed(ctx: GraphQLContext, req: AccessRequest): boolean {
  return ctx.rt.apiServer.authorizer.authorize({ ...req, user: actingUser(ctx) }).allowed;
}

/** Throws Kubernetes' 403 Forbidden (with the authorizer's reason) unless the user may do `req`. */
export function requireAllowed(ctx: GraphQLContext, req: AccessRequest): void {
  const attrs = { ...req, user: actingUser(ctx) };
  const d = ctx.rt.apiServer.authorizer.authorize(attrs);
  if (!d.allowed) throw forbiddenError(attrs, d.reason);
}

/** The attributes of `verb` on a type (namespace only for namespaced types, as the apiserver's RequestInfo). */
export function accessTo(verb: string, type: ResourceType, namespace?: string, name?: string, subresource?: string): AccessRequest {
  return {
    verb,
    group: type.group,
    resource: type.plural,
    ...(subresource ? { subresource } : {}),
    ...(type.namespaced && namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}
