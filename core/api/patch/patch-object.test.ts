// Why: Content-Type to patch type mapping, and the 415s Kubernetes returns.

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import { patchObject, patchTypeOf } from "./patch-object";
import type { PatchKind } from "./strategic-merge-patch";

const deploy: PatchKind = { apiVersion: "apps/v1", kind: "Deployment" };
const widget: PatchKind = { apiVersion: "example.com/v1", kind: "Widget" };

describe("patchTypeOf", () => {
  it.each([
    { contentType: "application/json-patch+json", kind: deploy, want: "json" },
    { contentType: "application/merge-patch+json; charset=utf-8", kind: deploy, want: "merge" },
    { contentType: "application/strategic-merge-patch+json", kind: deploy, want: "strategic" },
    { contentType: "application/apply-patch+yaml", kind: deploy, want: "apply" },
    { contentType: "application/merge-patch+json", kind: widget, want: "merge" },
  ])("$contentType for $kind.kind → $want", ({ contentType, kind, want }) => {
    expect(patchTypeOf(contentType, kind)).toBe(want);
  });

  it.each([
    { contentType: "application/json", kind: deploy },
    { contentType: undefined, kind: deploy },
    { contentType: "application/strategic-merge-patch+json", kind: widget },
  ])("415 for $contentType on $kind.kind", ({ contentType, kind }) => {
    expect(() => patchTypeOf(contentType, kind)).toThrow(expect.objectContaining({ code: 415, reason: "UnsupportedMediaType" }));
  });
});

describe("patchObject", () => {
  const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "a", image: "x" }, { name: "b", image: "y" }] } };
  it.each([
    { type: "json" as const, patch: [{ op: "replace", path: "/spec/containers/1/image", value: "z" }], want: ["x", "z"] },
    { type: "merge" as const, patch: { spec: { containers: [{ name: "b", image: "z" }] } }, want: ["z"] },
    { type: "strategic" as const, patch: { spec: { containers: [{ name: "b", image: "z" }] } }, want: ["x", "z"] },
  ])("$type", ({ type, patch, want }) => {
    expect(patchObject(pod, type, patch).spec.containers.map((c: { image: string }) => c.image)).toEqual(want);
  });
});
