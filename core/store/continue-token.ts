// Why: list paging hands clients an opaque token, as Kubernetes does (base64 JSON with the last key and the list's resourceVersion).

import { badRequest } from "../api/errors";

export interface ContinueState {
  /** The resourceVersion the first page was served at. */
  rv: number;
  /** The key of the last item returned. */
  start: string;
}

/** Encodes a continue token (`{"v":"meta.k8s.io/v1","rv":..,"start":..}` in base64, like the etcd3 store). */
export function encodeContinue(s: ContinueState): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: "meta.k8s.io/v1", rv: s.rv, start: s.start }));
  return btoa(String.fromCharCode(...bytes));
}

/** Decodes a continue token; 400 BadRequest when it is not one we issued. */
export function decodeContinue(token: string): ContinueState {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) throw new Error("illegal base64 data");
    parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0))));
  } catch (e) {
    throw badRequest(`continue key is not valid: ${(e as Error).message}`);
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (!p || p.v !== "meta.k8s.io/v1") throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  if (typeof p.rv !== "number" || typeof p.start !== "string" || p.start === "") throw badRequest("continue key is not valid: encoded start key is invalid");
  return { rv: p.rv, start: p.start };
}
