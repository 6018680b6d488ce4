// Why: every GraphQL error carries the Kubernetes Status behind it, so clients branch on `extensions.code` (NotFound, Invalid, Forbidden...) as REST clients do on reason.

import type { GraphQLError } from "graphql";
import { createGraphQLError, maskError as yogaMaskError } from "graphql-yoga";
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
  return createGraphQLError(api.status.message, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    // No originalError: yoga treats an error whose chain ends in a non-GraphQL error as unexpected and masks it.
    extensions: { code: api.status.reason, status: api.status },
  });
}

function isGraphQLErrorLike(e: unknown): e is GraphQLError {
  return e instanceof Error && e.name === "GraphQLError" && "extensions" in e;
}

/**
 * Yoga's error mask: ApiErrors and zod errors become coded GraphQLErrors; anything else
 * unexpected is masked as yoga does by default (no internals leak in production).
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  // Duck-typed: under vitest, yoga's `graphql` (CJS) and ours (ESM) are two copies, so instanceof GraphQLError fails.
  const wrapper = isGraphQLErrorLike(error) ? error : undefined;
  const original = wrapper ? wrapper.originalError : error;
  if (original instanceof ApiError || original instanceof ZodError) return toGraphQLError(original, wrapper);
  return yogaMaskError(error, message, isDev);
}

function mapThrown(e: unknown): unknown {
  return e instanceof ApiError || e instanceof ZodError ? toGraphQLError(e) : e;
}

type AnyFn = (...args: unknown[]) => unknown;

/** Wraps a resolver so ApiError and zod errors leave it as coded GraphQLErrors (sync throws and rejections alike). */
export function mapErrors<F extends AnyFn>(fn: F): F {
  return function (this: unknown, ...args: unknown[]) {
    try {
      const r = fn.apply(this, args);
      return r instanceof Promise ? r.catch((e) => Promise.reject(mapThrown(e))) : r;
    } catch (e) {
      throw mapThrown(e);
    }
  } as F;
}

/**
 * Applies {@link mapErrors} to every resolver function of a type's resolver map (and to
 * `subscribe`/`resolve` of subscription fields). Errors are then ordinary GraphQL errors
 * by the time yoga sees them, so expected failures (404, 422) are not logged as crashes.
 */
export function mapTypeErrors<T extends Record<string, unknown>>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "function") out[k] = mapErrors(v as AnyFn);
    else if (v && typeof v === "object" && ("subscribe" in v || "resolve" in v)) {
      const f = v as { subscribe?: AnyFn; resolve?: AnyFn };
      out[k] = { ...f, ...(f.subscribe ? { subscribe: mapErrors(f.subscribe) } : {}), ...(f.resolve ? { resolve: mapErrors(f.resolve) } : {}) };
    } else out[k] = v;
  }
  return out as T;
}
