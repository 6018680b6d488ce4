import { describe, it, expect } from "vitest";
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from "graphql";
import { depthLimit } from "./depth-limit";

const schema = buildSchema(`
  type Node { name: String, child: Node }
  type Query { node: Node }
`);

function errors(query: string, max = 3) {
  return validate(schema, parse(query), [...specifiedRules, depthLimit(max)]).map((e) => e.message);
}

describe("depthLimit", () => {
  it.each([
    { name: "leaf at root", query: "{ __typename }", ok: true },
    { name: "depth 3", query: "{ node { child { name } } }", ok: true },
    { name: "depth 4", query: "{ node { child { child { name } } } }", ok: false },
    { name: "depth 4 through a fragment", query: "query Q { node { ...F } } fragment F on Node { child { child { name } } }", ok: false },
    { name: "depth 4 through an inline fragment", query: "{ node { ... on Node { child { child { name } } } } }", ok: false },
  ])("$name → ok=$ok", ({ query, ok }) => {
    const errs = errors(query);
    if (ok) expect(errs).toEqual([]);
    else expect(errs.some((m) => m.includes("exceeds the maximum depth of 3"))).toBe(true);
  });

  it("names the operation and depth", () => {
    expect(errors("query Deep { node { child { child { name } } } }")).toContain("'Deep' has depth 4, which exceeds the maximum depth of 3");
  });

  it("lets the standard introspection query through at the default limits", () => {
    expect(validate(schema, parse(getIntrospectionQuery()), [depthLimit()])).toEqual([]);
  });
});
