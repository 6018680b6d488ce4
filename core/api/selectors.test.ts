// Why: selectors decide what every list, watch and controller sees; parsing and matching must agree with Kubernetes.
import { describe, it, expect } from "vitest";
import { matches, parseLabelSelector, selectorFromLabelSelector, selectorFromSet, selectorToString } from "./selectors";
import { ApiError } from "./errors";

describe("parseLabelSelector", () => {
  it.each([
    { sel: "", str: "" },
    { sel: "a=b", str: "a=b" },
    { sel: "a==b", str: "a=b" },
    { sel: "a!=b", str: "a!=b" },
    { sel: "a in (y,x)", str: "a in (x,y)" },
    { sel: "a in ()", str: "a in ()" },
    { sel: "a in (x,,y)", str: "a in (,x,y)" },
    { sel: "a notin (x,)", str: "a notin (,x)" },
    { sel: "a notin (x)", str: "a notin (x)" },
    { sel: "a", str: "a" },
    { sel: "!a", str: "!a" },
    { sel: " b = c , a in ( x , y ),!d ", str: "a in (x,y),b=c,!d" },
    { sel: "example.com/tier=fe", str: "example.com/tier=fe" },
    { sel: "a=", str: "a=" },
  ])("$sel parses to $str", ({ sel, str }) => {
    expect(selectorToString(parseLabelSelector(sel))).toBe(str);
  });

  it.each([
    { sel: "a in b", msg: "unable to parse requirement: found 'b' expected: '('" },
    { sel: "a in (x", msg: "found '', expected: ',' or ')'" },
    { sel: "a in (x y)", msg: "found 'y', expected: ',' or ')'" },
    { sel: "a in (=)", msg: "found '=', expected: ',', ')' or identifier" },
    { sel: "a=b c", msg: "found 'c', expected: ',' or 'end of string'" },
    { sel: "a=b,", msg: "expected: identifier after ','" },
    { sel: "=b", msg: "found '=', expected: !, identifier, or 'end of string'" },
    { sel: "a b", msg: "found 'b', expected: in, notin, =, ==, !=" },
    { sel: "a b=c", msg: "found 'b'" },
    { sel: "-a=b", msg: "key: Invalid value: \"-a\"" },
    { sel: "a=-b", msg: "values[0][a]: Invalid value: \"-b\"" },
    { sel: "a>1", msg: "found '>'" },
  ])("$sel is a 400 BadRequest ($msg)", ({ sel, msg }) => {
    let err: unknown;
    try {
      parseLabelSelector(sel);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).reason).toBe("BadRequest");
    expect((err as ApiError).message).toContain(msg);
  });
});

describe("matches", () => {
  const labels = { app: "web", tier: "fe", env: "prod" };
  it.each([
    ["", true],
    ["app=web", true],
    ["app=db", false],
    ["app!=db", true],
    ["app!=web", false],
    ["missing!=x", true],
    ["env in (prod,staging)", true],
    ["env in (dev)", false],
    ["env notin (dev)", true],
    ["missing notin (dev)", true],
    ["env notin (prod)", false],
    ["tier", true],
    ["missing", false],
    ["!missing", true],
    ["!tier", false],
    ["app=web,tier=fe", true],
    ["app=web,tier=be", false],
  ] as const)("%s → %s", (sel, want) => {
    expect(matches(parseLabelSelector(sel), labels)).toBe(want);
  });

  it("matches undefined labels like empty ones", () => {
    expect(matches(parseLabelSelector("!a,b!=c"), undefined)).toBe(true);
    expect(matches(parseLabelSelector("a"), undefined)).toBe(false);
  });
});

describe("selectorFromLabelSelector", () => {
  it("converts matchLabels and matchExpressions", () => {
    const reqs = selectorFromLabelSelector({
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "env", operator: "In", values: ["b", "a"] },
        { key: "tier", operator: "NotIn", values: ["db"] },
        { key: "x", operator: "Exists" },
        { key: "y", operator: "DoesNotExist" },
      ],
    });
    expect(selectorToString(reqs)).toBe("app=web,env in (a,b),tier notin (db),x,!y");
    expect(matches(reqs, { app: "web", env: "a", x: "" })).toBe(true);
    expect(matches(reqs, { app: "web", env: "a", x: "", y: "1" })).toBe(false);
  });
  it("nil selects nothing, empty selects everything", () => {
    expect(matches(selectorFromLabelSelector(undefined), { a: "b" })).toBe(false);
    expect(matches(selectorFromLabelSelector({}), { a: "b" })).toBe(true);
  });
  it.each([
    { name: "bad operator", sel: { matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] } },
    { name: "In without values", sel: { matchExpressions: [{ key: "a", operator: "In", values: [] }] } },
    { name: "bad key", sel: { matchLabels: { "a b": "c" } } },
  ])("$name → 400", ({ sel }) => {
    expect(() => selectorFromLabelSelector(sel)).toThrow(ApiError);
  });
  it("selectorFromSet", () => {
    expect(selectorToString(selectorFromSet({ b: "2", a: "1" }))).toBe("a=1,b=2");
  });
});
