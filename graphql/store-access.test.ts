// Why: resolvers must act as the user; a trusted store read is allowed only in the few audited places that ask the authorizer first, and this test keeps it that way.

import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "testing" ? [] : sources(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/**
 * Each file allowed to read `rt.store`, and what it checks before (docs/designs/graphql.md, "Authorization").
 * The filtered lists and watches (namespace names only, to ask the authorizer) live in
 * server/services/visible-list.ts and visible-watch.ts, shared with the console.
 */
const AUDITED: Record<string, string> = {
  "resolvers/direct-reads.ts": "get pods/log; get namespaces by name",
  "resolvers/mutation.ts": "delete's pending check, after the delete's own authorization",
};

describe("store access in graphql/", () => {
  it("only the audited files read the trusted store; everything else goes through client(user)", () => {
    const readers = sources(ROOT)
      .filter((f) => /\brt\.store\b|\bstore\.(get|list|watch)\(/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f))
      .sort();
    expect(readers).toEqual(Object.keys(AUDITED).sort());
  });
});
