// Why: a strict field-validation failure on PATCH is Kubernetes' 422 on the field `patch`, not the create/update 400.
import { describe, expect, it } from "vitest";
import { ApiError, badRequest, notFound } from "@/core/api/errors";
import type { KubeObject } from "@/core/api/types";
import { strictPatchError } from "./patch-object";

const patched = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "d" }, data: { a: "1" }, bogus: 1 } as unknown as KubeObject;
const strict = badRequest('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');

describe("strictPatchError", () => {
  it.each([
    {
      type: "merge" as const,
      patch: { bogus: 1 },
      value: '{"apiVersion":"v1","bogus":1,"data":{"a":"1"},"kind":"ConfigMap","metadata":{"name":"c","namespace":"d"}}',
    },
    { type: "json" as const, patch: [{ op: "add", path: "/bogus", value: 1 }], value: '{"apiVersion":"v1","bogus":1,"data":{"a":"1"},"kind":"ConfigMap","metadata":{"name":"c","namespace":"d"}}' },
    { type: "strategic" as const, patch: { bogus: 1, data: { a: "1", list: ["x", "y"] } }, value: "map[bogus:1 data:map[a:1 list:[x y]]]" },
  ])("$type patch → 422 Invalid on `patch` quoting $value", ({ type, patch, value }) => {
    const err = strictPatchError(strict, type, patch, patched) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    const detail = `Invalid value: ${JSON.stringify(value)}: strict decoding error: unknown field "bogus"`;
    expect(err.status).toMatchObject({ code: 422, reason: "Invalid", message: ` "" is invalid: patch: ${detail}`, details: { causes: [{ reason: "FieldValueInvalid", field: "patch", message: detail }] } });
  });

  it("leaves other errors alone", () => {
    const other = notFound({ kind: "configmaps", name: "c" });
    expect(strictPatchError(other, "merge", {}, patched)).toBe(other);
    const plain = badRequest("something else");
    expect(strictPatchError(plain, "merge", {}, patched)).toBe(plain);
  });
});
