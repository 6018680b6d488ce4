// Why: builds the graphql-yoga server (schema, context, error mapping, depth and cost limits) that the route handler and tests call.

import { createSchema, createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import { ApiError, unauthorized } from "@/core/api/errors";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { csrfGuard } from "./csrf-guard";
import { ItemBudget, type GraphQLContext } from "./context";
import { depthLimit, MAX_QUERY_DEPTH } from "./depth-limit";
import { maskError } from "./errors";
import { costLimitPlugin } from "./query-cost";
import { resolvers } from "./resolvers";
import { typeDefs } from "./type-defs";

/** The path the API is served at. */
export const GRAPHQL_ENDPOINT = "/api/graphql";

export interface GraphQLServerConfig {
  /** The cluster (boots it on first use in production). */
  runtime: () => ClusterRuntime | Promise<ClusterRuntime>;
  /**
   * Who the request acts as; undefined answers 401 Unauthorized (CORS preflights excepted).
   * Default: nobody, so a server built without one serves no one. The route handler passes
   * the bearer-token-or-session authenticator; tests pass a fixed user.
   */
  authenticate?: (request: Request) => UserInfo | undefined | Promise<UserInfo | undefined>;
  /** Default MAX_QUERY_DEPTH (10). */
  maxDepth?: number;
  /** The most an operation may cost (graphql/query-cost.ts). Default MAX_QUERY_COST (1 000 000). */
  maxCost?: number;
  /** List items one request may return in total. Default MAX_ITEMS_PER_REQUEST (50 000). */
  maxItemsPerRequest?: number;
  /** Serve GraphiQL on GET from a browser. Default true. */
  graphiql?: boolean;
}

/**
 * Authenticates each request before anything is parsed: unknown callers get a 401 Status
 * (as the REST API answers), a refused impersonation its 403, known ones are remembered for
 * the context.
 */
function authenticationPlugin(authenticate: NonNullable<GraphQLServerConfig["authenticate"]>, users: WeakMap<Request, UserInfo>): Plugin {
  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (request.method === "OPTIONS") return;
      let refusal: ApiError;
      try {
        const user = await authenticate(request);
        if (user) {
          users.set(request, user);
          return;
        }
        refusal = unauthorized();
      } catch (err) {
        // A refused impersonation (403) or another Kubernetes error of authentication.
        if (!(err instanceof ApiError)) throw err;
        refusal = err;
      }
      const { status } = refusal;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: status.message, extensions: { code: status.reason, status } }] }), {
          status: status.code,
          headers: { "content-type": "application/json" },
        }),
      );
    },
  };
}

function depthLimitPlugin(maxDepth: number): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimit(maxDepth));
    },
  };
}

/** The user of a request the plugin did not see (yoga hands the context another Request object): authenticate again. */
async function authenticateOrThrow(authenticate: NonNullable<GraphQLServerConfig["authenticate"]>, request: Request): Promise<UserInfo> {
  const user = await authenticate(request);
  if (!user) throw unauthorized();
  return user;
}

/** The schema alone (for tooling, tests, schema printing). */
export const schema = createSchema<Record<string, unknown> & GraphQLContext>({ typeDefs, resolvers });

/** A yoga instance: `yoga.fetch(url, init)` in tests, `yoga.handleRequest` in the route handler. */
export function createGraphQLServer(config: GraphQLServerConfig): YogaServerInstance<Record<string, unknown>, GraphQLContext> {
  const authenticate = config.authenticate ?? (() => undefined);
  const users = new WeakMap<Request, UserInfo>();
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    graphiql: config.graphiql ?? true,
    landingPage: false,
    maskedErrors: { maskError },
    plugins: [authenticationPlugin(authenticate, users), csrfGuard(), depthLimitPlugin(config.maxDepth ?? MAX_QUERY_DEPTH), costLimitPlugin(config.maxCost)],
    context: async ({ request }) => ({
      rt: await config.runtime(),
      user: users.get(request) ?? (await authenticateOrThrow(authenticate, request)),
      budget: new ItemBudget(config.maxItemsPerRequest),
    }),
  });
}
