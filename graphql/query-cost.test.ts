// Why: the cost model is a contract (clients size their pages by it); each case pins the figure and the refusal.

import { describe, it, expect } from "vitest";
import { parse } from "graphql";
import { makePod } from "@/core/testing/builders";
import { queryCost } from "./query-cost";
import { makeTestGraphQL } from "./testing/client";
import { schema } from "./yoga";

describe("queryCost", () => {
  it.each([
    { name: "a list without limit counts the 5000-item cap", query: `{ pods { items { name } } }`, cost: 1 + (1 + 5000 * 1) },
    { name: "limit sizes the items below it", query: `{ pods(limit: 10) { items { name namespace } } }`, cost: 1 + (1 + 10 * 2) },
    { name: "limit from a variable", query: `query($n: Int) { pods(limit: $n) { items { name } } }`, variables: { n: 3 }, cost: 1 + (1 + 3) },
    { name: "a list field with its own limit", query: `{ events(limit: 5) { reason } }`, cost: 1 + 5 },
    { name: "nested lists without limit count 10", query: `{ pod(name: "x") { name containers { name } } }`, cost: 1 + (1 + (1 + 10)) },
    { name: "schema default of a limit argument", query: `{ pod(name: "x") { events { reason } } }`, cost: 1 + (1 + 50) },
    { name: "fragments count where they are spread", query: `{ pods(limit: 2) { items { ...F } } } fragment F on Pod { name age }`, cost: 1 + (1 + 2 * 2) },
    { name: "aliases add up", query: `{ a: pods(limit: 1) { items { name } } b: pods(limit: 1) { items { name } } }`, cost: 2 * (1 + (1 + 1)) },
    { name: "introspection is free", query: `{ __schema { types { name fields { name } } } }`, cost: 0 },
    { name: "mutations", query: `mutation { scaleDeployment(name: "w", replicas: 1) { name } }`, cost: 2 },
    { name: "subscriptions", query: `subscription { watch(kind: "pods") { type object } }`, cost: 3 },
  ])("$name: $cost", ({ query, variables, cost }) => {
    expect(queryCost(schema, parse(query), variables)).toBe(cost);
  });

  it("picks the named operation", () => {
    const doc = parse(`query A { pods(limit: 1) { items { name } } } query B { pods(limit: 100) { items { name } } }`);
    expect(queryCost(schema, doc, {}, "B")).toBe(1 + (1 + 100));
  });
});

describe("cost limit", () => {
  it("refuses an operation over the limit before any resolver runs, and serves one under it", async () => {
    const t = await makeTestGraphQL({ maxCost: 100 });
    await t.seed(makePod("web").build());
    const over = await t.gql(`{ pods { items { name } } }`);
    expect(over.data ?? undefined).toBeUndefined();
    expect(over.errors?.[0]).toMatchObject({ message: "query cost 5002 exceeds the limit 100", extensions: { code: "BadRequest", cost: 5002, maxCost: 100 } });
    const under = await t.gql(`query($n: Int) { pods(limit: $n) { items { name } } }`, { n: 50 });
    expect(under).toMatchObject({ data: { pods: { items: [{ name: "web" }] } } });
  });

  it("applies to subscriptions and mutations too", async () => {
    const t = await makeTestGraphQL({ maxCost: 2 });
    const sub = await t.subscribe(`subscription { watch(kind: "pods") { type name namespace } }`);
    expect((await sub.next())?.errors?.[0].message).toBe("query cost 4 exceeds the limit 2");
    const m = await t.gql(`mutation { scaleDeployment(name: "w", replicas: 1) { name ready } }`);
    expect(m.errors?.[0].message).toBe("query cost 3 exceeds the limit 2");
  });
});
