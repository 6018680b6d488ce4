// Why: integration tests talk to a running Wheelhouse over GraphQL (queries, mutations, and SSE subscriptions) like any client would, with a bearer token.
import { readFileSync } from "node:fs";
import path from "node:path";

/** Bearer tokens by server URL (see {@link authorizeAsAdmin}). */
const tokens = new Map<string, string>();

/** The admin's bearer token from `$DATA_DIR/admin.kubeconfig`, which the server writes at start. */
export function adminToken(dataDir: string): string {
  const m = /^\s*token:\s*(\S+)\s*$/m.exec(readFileSync(path.join(dataDir, "admin.kubeconfig"), "utf8"));
  if (!m) throw new Error(`no token in ${dataDir}/admin.kubeconfig`);
  return m[1];
}

/** From now on, requests to `server.url` carry the admin token of its data directory (GraphQL refuses anonymous callers with 401). */
export function authorizeAsAdmin(server: { url: string; dataDir: string }): void {
  tokens.set(server.url, adminToken(server.dataDir));
}

function authHeader(url: string): Record<string, string> {
  const token = tokens.get(url);
  return token ? { authorization: `Bearer ${token}` } : {};
}

export interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; status?: { code: number; reason: string } } }[];
}

/** POST one operation; returns the parsed response (HTTP errors included as `errors`). */
export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...authHeader(url) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  try {
    return JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 300)}` }] };
  }
}

/** POST one operation with `token` as the bearer token (a user's personal access token); the HTTP status too (401 for a token that no longer authenticates). */
export async function gqlWithToken<T = Record<string, unknown>>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T> & { httpStatus: number }> {
  const res = await fetch(`${url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  try {
    return { ...(JSON.parse(text) as GraphQLResponse<T>), httpStatus: res.status };
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 300)}` }], httpStatus: res.status };
  }
}

/** Like {@link gql} but throws on errors. */
export async function gqlOk<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await gql<T>(url, query, variables);
  if (r.errors?.length || !r.data) throw new Error(`GraphQL error: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** A subscription over server-sent events; `onData` gets each payload's `data`. */
export function subscribe(url: string, query: string, variables: Record<string, unknown>, onData: (data: Record<string, unknown>) => void): { close(): void; ready: Promise<void> } {
  const abort = new AbortController();
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  void (async () => {
    const res = await fetch(`${url}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...authHeader(url) },
      body: JSON.stringify({ query, variables }),
      signal: abort.signal,
    });
    markReady();
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let idx: number;
      while ((idx = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const data = frame
          .split("\n")
          .filter((l) => l.startsWith("data:"))
          .map((l) => l.slice(5).trim())
          .join("\n");
        if (!data) continue;
        const payload = JSON.parse(data) as { data?: Record<string, unknown> };
        if (payload.data) onData(payload.data);
      }
    }
  })().catch((e) => {
    markReady();
    if ((e as Error).name !== "AbortError") console.error("subscription failed:", e);
  });
  return { close: () => abort.abort(), ready };
}

/** Poll `fn` until it returns a truthy value; throws with the last value after `timeoutMs`. */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined | false | null>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}
