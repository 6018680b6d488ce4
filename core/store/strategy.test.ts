// Why: the store's fast deep copy and freeze must behave as structuredClone and a full freeze do for every value the store accepts.
import { describe, expect, it } from "vitest";
import { cloneValue, deepFreeze, frozenClone, frozenFields } from "./strategy";

describe("cloneValue", () => {
  it.each([
    ["a pod-like object", { apiVersion: "v1", kind: "Pod", metadata: { name: "p", labels: { a: "b" } }, spec: { containers: [{ name: "c", ports: [{ containerPort: 80 }] }] } }],
    ["nulls, numbers, booleans and empty containers", { a: null, b: 0, c: false, d: [], e: {}, f: [null, 1, "x", [2]] }],
    ["an explicit undefined property", { a: undefined, b: 1 }],
    ["a Date (structuredClone fallback)", { at: new Date(0) }],
  ])("copies %s like structuredClone", (_name, value) => {
    const copy = cloneValue(value);
    expect(copy).toStrictEqual(structuredClone(value));
    expect(copy).not.toBe(value);
  });

  it("shares nothing mutable with the source, even a frozen one", () => {
    const src = deepFreeze({ metadata: { labels: { a: "b" } }, list: [{ x: 1 }] });
    const copy = cloneValue(src);
    copy.metadata.labels.a = "c";
    copy.list[0].x = 2;
    expect(src.metadata.labels.a).toBe("b");
    expect(src.list[0].x).toBe(1);
    expect(Object.isFrozen(copy)).toBe(false);
  });

  it("keeps an own __proto__ key as data without changing the prototype", () => {
    const src = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = cloneValue(src);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("rejects functions as structuredClone does", () => {
    expect(() => cloneValue({ f: () => 1 })).toThrow();
  });
});

describe("deepFreeze", () => {
  it("freezes nested objects and arrays", () => {
    const o = deepFreeze({ a: { b: [{ c: 1 }] } });
    expect(Object.isFrozen(o.a)).toBe(true);
    expect(Object.isFrozen(o.a.b)).toBe(true);
    expect(Object.isFrozen(o.a.b[0])).toBe(true);
  });
});

describe("frozenClone and frozenFields", () => {
  const src = { apiVersion: "v1", metadata: { name: "a", labels: { x: "y" } }, spec: { list: [{ n: 1 }] }, at: new Date(0) };

  it("frozenClone equals structuredClone and is frozen throughout", () => {
    const c = frozenClone(src);
    expect(c).toStrictEqual(structuredClone(src));
    expect(Object.isFrozen(c) && Object.isFrozen(c.spec.list) && Object.isFrozen(c.spec.list[0]) && Object.isFrozen(c.at)).toBe(true);
    expect(c.spec).not.toBe(src.spec);
  });

  it("frozenFields leaves the top level open, freezes the fields and skips the open one", () => {
    const c = frozenFields(src, "metadata");
    expect(Object.keys(c)).toEqual(["apiVersion", "spec", "at"]);
    expect(Object.isFrozen(c)).toBe(false);
    expect(Object.isFrozen(c.spec)).toBe(true);
    expect(c.spec).toStrictEqual(src.spec);
    expect(frozenFields(undefined)).toEqual({});
  });
});
