// Why: a list filtered to what the user may see is paged over several store lists; its continue token says where to resume, opaque to clients like Kubernetes' own.

import { badRequest } from "@/core/api/errors";

/** Where a filtered list resumes: the list's resourceVersion plus a namespace and its inner token, or the last name served. */
export interface PageState {
  rv: string;
  /** Namespace-by-namespace lists: the namespace to resume in. */
  ns?: string;
  /** The store's continue token inside `ns` (absent: start of `ns`). */
  c?: string;
  /** Name-ordered lists (namespaces): the last name served. */
  after?: string;
}

const VERSION = "wheelhouse.graphql/v1";

/** Encodes a page state as base64 JSON (a different `v` from the store's tokens, so neither is mistaken for the other). */
export function encodePageToken(s: PageState): string {
  return Buffer.from(JSON.stringify({ v: VERSION, ...s }), "utf8").toString("base64");
}

/** Decodes a token of {@link encodePageToken}; 400 BadRequest as the apiserver answers a bad continue key. */
export function decodePageToken(token: string): PageState {
  let p: unknown;
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) throw new Error("illegal base64 data");
    p = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch (e) {
    throw badRequest(`continue key is not valid: ${(e as Error).message}`);
  }
  const s = p as Partial<PageState> & { v?: unknown };
  if (!s || s.v !== VERSION || typeof s.rv !== "string") throw badRequest(`continue key is not valid: not a token of this list (version ${VERSION})`);
  const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  return { rv: s.rv, ns: str(s.ns), c: str(s.c), after: str(s.after) };
}
