// Why: builds the graphql-yoga server (schema, context, error mapping, depth and cost limits) that the route handler and tests call.

import { createSchema, createYoga, type Plugin, type YogaServerInstance } from "graphql-yoga";
import type { UserInfo } from "@/core/apiserver/types";
import { CONSOLE_ADMIN, type ClusterRuntime } from "@/server/runtime/types";
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
  /** Who the request acts as. Default: CONSOLE_ADMIN (until authentication lands). */
  authenticate?: (request: Request) => UserInfo | Promise<UserInfo>;
  /** Default MAX_QUERY_DEPTH (10). */
  maxDepth?: number;
  /** The most an operation may cost (graphql/query-cost.ts). Default MAX_QUERY_COST (1 000 000). */
  maxCost?: number;
  /** List items one request may return in total. Default MAX_ITEMS_PER_REQUEST (50 000). */
  maxItemsPerRequest?: number;
  /** Serve GraphiQL on GET from a browser. Default true. */
  graphiql?: boolean;
}

function depthLimitPlugin(maxDepth: number): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimit(maxDepth));
    },
  };
}

/** The schema alone (for tooling, tests, schema printing). */
export const schema = createSchema<Record<string, unknown> & GraphQLContext>({ typeDefs, resolvers });

/** A yoga instance: `yoga.fetch(url, init)` in tests, `yoga.handleRequest` in the route handler. */
export function createGraphQLServer(config: GraphQLServerConfig): YogaServerInstance<Record<string, unknown>, GraphQLContext> {
  const authenticate = config.authenticate ?? (() => CONSOLE_ADMIN);
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    graphiql: config.graphiql ?? true,
    landingPage: false,
    maskedErrors: { maskError },
    plugins: [csrfGuard(), depthLimitPlugin(config.maxDepth ?? MAX_QUERY_DEPTH), costLimitPlugin(config.maxCost)],
    context: async ({ request }) => ({
      rt: await config.runtime(),
      user: await authenticate(request),
      budget: new ItemBudget(config.maxItemsPerRequest),
    }),
  });
}
