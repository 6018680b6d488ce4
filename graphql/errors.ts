// Why: every GraphQL error carries the Kubernetes Status behind it, so clients branch on `extensions.code` (NotFound, Invalid, Forbidden...) as REST clients do on reason.

import { GraphQLError } from "graphql";
import { maskError as yogaMaskError } from "graphql-yoga";
import { ZodError } from "zod";
import { ApiError, badRequest, CauseType } from "@/core/api/errors";

/** A zod failure as a 400 BadRequest whose causes name the argument paths. */
export function zodToApiError(e: ZodError): ApiError {
  const causes = e.issues.map((i) => ({ reason: CauseType.Invalid, field: i.path.join("."), message: i.message }));
  const text = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join("; ");
  return badRequest(`invalid arguments: ${text}`, causes);
}

/**
 * The one mapping from an ApiError (or zod error) to a GraphQLError:
 * `extensions: { code: status.reason, status }`. Keeps the path and locations of `at`.
 */
export function toGraphQLError(err: ApiError | ZodError, at?: GraphQLError): GraphQLError {
  const api = err instanceof ZodError ? zodToApiError(err) : err;
  return new GraphQLError(api.status.message, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    originalError: api,
    extensions: { code: api.status.reason, status: api.status },
  });
}

/**
 * Yoga's error mask: ApiErrors and zod errors become coded GraphQLErrors; anything else
 * unexpected is masked as yoga does by default (no internals leak in production).
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof ApiError || original instanceof ZodError) {
    return toGraphQLError(original, error instanceof GraphQLError ? error : undefined);
  }
  return yogaMaskError(error, message, isDev);
}
