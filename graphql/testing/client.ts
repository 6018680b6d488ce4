// Why: GraphQL tests drive the real yoga instance over its fetch API, so the HTTP layer is part of what they check.

import type { GraphQLFormattedError } from "graphql";
import type { UserInfo } from "@/core/apiserver/types";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime, type TestRuntimeOptions } from "@/server/services/testing/test-runtime";
import { createGraphQLServer, GRAPHQL_ENDPOINT } from "../yoga";

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: (GraphQLFormattedError & { extensions?: { code?: string; status?: { code: number; reason: string; message: string; details?: { causes?: { field?: string; message: string }[] } } } })[];
}

export interface TestGraphQL extends TestRuntime {
  yoga: ReturnType<typeof createGraphQLServer>;
  /** POSTs an operation and returns the parsed body with the HTTP status. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Opens a subscription over SSE (GET, Accept: text/event-stream), as a browser EventSource does. */
  subscribe(query: string, variables?: Record<string, unknown>): Promise<SseStream>;
}

/** Reads `event: next` payloads from an SSE response. */
export class SseStream {
  private buffered = "";
  private readonly decoder = new TextDecoder();
  constructor(
    readonly response: Response,
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
  ) {}

  /** The next `event: next` data payload (pings are skipped); undefined when the stream completes. */
  async next(): Promise<GqlResult | undefined> {
    for (;;) {
      const end = this.buffered.indexOf("\n\n");
      if (end >= 0) {
        const block = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 2);
        const lines = block.split("\n");
        const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
        const data = lines.find((l) => l.startsWith("data:"))?.slice(5).trim();
        if (event === "complete") return undefined;
        if (event === "next" && data) return JSON.parse(data) as GqlResult;
        continue;
      }
      const { value, done } = await this.reader.read();
      if (done) return undefined;
      this.buffered += this.decoder.decode(value, { stream: true });
    }
  }

  /** Closes the connection, as a browser tab going away. */
  async close(): Promise<void> {
    await this.reader.cancel();
  }
}

export interface TestGraphQLOptions extends TestRuntimeOptions {
  maxDepth?: number;
  maxCost?: number;
  maxItemsPerRequest?: number;
  /** Who every request acts as. Default CONSOLE_ADMIN. */
  user?: UserInfo;
}

/** A test cluster plus the yoga instance serving it. */
export async function makeTestGraphQL(opts: TestGraphQLOptions = {}): Promise<TestGraphQL> {
  const t = await makeTestRuntime(opts);
  const yoga = createGraphQLServer({
    runtime: () => t.rt,
    maxDepth: opts.maxDepth,
    maxCost: opts.maxCost,
    maxItemsPerRequest: opts.maxItemsPerRequest,
    authenticate: () => opts.user ?? CONSOLE_ADMIN,
    graphiql: false,
  });
  const url = `http://wheelhouse.test${GRAPHQL_ENDPOINT}`;
  return {
    ...t,
    yoga,
    async gql(query, variables) {
      const res = await yoga.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...(await res.json()) };
    },
    async subscribe(query, variables) {
      const params = new URLSearchParams({ query });
      if (variables) params.set("variables", JSON.stringify(variables));
      const res = await yoga.fetch(`${url}?${params}`, { method: "GET", headers: { accept: "text/event-stream" } });
      return new SseStream(res, res.body!.getReader());
    },
  };
}
