// Why: merge patch follows RFC 7386; the RFC's own examples are the table.

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import { applyMergePatch, mergePatchValue } from "./merge-patch";

describe("mergePatchValue (RFC 7386 appendix A)", () => {
  it.each([
    { target: { a: "b" }, patch: { a: "c" }, result: { a: "c" } },
    { target: { a: "b" }, patch: { b: "c" }, result: { a: "b", b: "c" } },
    { target: { a: "b" }, patch: { a: null }, result: {} },
    { target: { a: "b", b: "c" }, patch: { a: null }, result: { b: "c" } },
    { target: { a: ["b"] }, patch: { a: "c" }, result: { a: "c" } },
    { target: { a: "c" }, patch: { a: ["b"] }, result: { a: ["b"] } },
    { target: { a: { b: "c" } }, patch: { a: { b: "d", c: null } }, result: { a: { b: "d" } } },
    { target: { a: [{ b: "c" }] }, patch: { a: [1] }, result: { a: [1] } },
    { target: ["a", "b"], patch: ["c", "d"], result: ["c", "d"] },
    { target: { a: "b" }, patch: ["c"], result: ["c"] },
    { target: { a: "foo" }, patch: null, result: null },
    { target: { a: "foo" }, patch: "bar", result: "bar" },
    { target: { e: null }, patch: { a: 1 }, result: { e: null, a: 1 } },
    { target: [1, 2], patch: { a: "b", c: null }, result: { a: "b" } },
    { target: {}, patch: { a: { bb: { ccc: null } } }, result: { a: { bb: {} } } },
  ])("$target + $patch", ({ target, patch, result }) => {
    expect(mergePatchValue(target, patch)).toEqual(result);
  });
});

describe("applyMergePatch", () => {
  const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", labels: { a: "1", b: "2" } }, spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }] } };

  it("replaces lists whole and deletes with null, leaving the input alone", () => {
    const out = applyMergePatch(pod, { metadata: { labels: { a: null, c: "3" } }, spec: { containers: [{ name: "b", image: "z" }] } });
    expect(out.metadata.labels).toEqual({ b: "2", c: "3" });
    expect(out.spec.containers).toEqual([{ name: "b", image: "z" }]);
    expect(pod.metadata.labels).toEqual({ a: "1", b: "2" });
  });

  it("refuses a patch that is not an object", () => {
    expect(() => applyMergePatch(pod, [1])).toThrow(expect.objectContaining({ code: 400 }));
  });
});
