// Why: JSON patch must apply and fail exactly as Kubernetes' apiserver does (422 wording, 400 for malformed patches).

import { describe, expect, it } from "vitest";
import { ApiError } from "../errors";
import type { KubeObject } from "../types";
import { applyJsonPatch } from "./json-patch";

const deploy = (): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default", labels: { app: "web" } },
  spec: { replicas: 2, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.25" }] } } },
});

describe("applyJsonPatch", () => {
  it.each([
    { name: "replace", ops: [{ op: "replace", path: "/spec/replicas", value: 5 }], check: (o: KubeObject) => expect(o.spec.replicas).toBe(5) },
    { name: "add to list end", ops: [{ op: "add", path: "/spec/template/spec/containers/-", value: { name: "side", image: "busybox" } }], check: (o: KubeObject) => expect(o.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["nginx", "side"]) },
    { name: "remove a label", ops: [{ op: "remove", path: "/metadata/labels/app" }], check: (o: KubeObject) => expect(o.metadata.labels).toEqual({}) },
    { name: "test then replace", ops: [{ op: "test", path: "/metadata/labels/app", value: "web" }, { op: "replace", path: "/metadata/labels/app", value: "api" }], check: (o: KubeObject) => expect(o.metadata.labels).toEqual({ app: "api" }) },
    { name: "escaped key", ops: [{ op: "add", path: "/metadata/annotations", value: {} }, { op: "add", path: "/metadata/annotations/example.com~1team", value: "a" }], check: (o: KubeObject) => expect(o.metadata.annotations).toEqual({ "example.com/team": "a" }) },
    { name: "replace of a missing key adds it (as the apiserver's library does)", ops: [{ op: "replace", path: "/spec/paused", value: true }], check: (o: KubeObject) => expect(o.spec.paused).toBe(true) },
    { name: "negative index (add -1 appends, as kubectl does)", ops: [{ op: "add", path: "/spec/template/spec/containers/-1", value: { name: "last" } }, { op: "add", path: "/spec/template/spec/containers/-3", value: { name: "first" } }, { op: "remove", path: "/spec/template/spec/containers/-1" }], check: (o: KubeObject) => expect(o.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["first", "nginx"]) },
    { name: "copy and move", ops: [{ op: "copy", from: "/spec/replicas", path: "/spec/minReadySeconds" }, { op: "move", from: "/spec/minReadySeconds", path: "/spec/revisionHistoryLimit" }], check: (o: KubeObject) => expect([o.spec.minReadySeconds, o.spec.revisionHistoryLimit]).toEqual([undefined, 2]) },
  ])("$name", ({ ops, check }) => {
    const original = deploy();
    check(applyJsonPatch(original, ops));
    expect(original).toEqual(deploy());
  });

  // Causes as kubectl v1.32 words them for the same patches (kubectl patch --local runs the apiserver's library).
  it.each([
    { name: "failed test", ops: [{ op: "test", path: "/spec/replicas", value: 3 }], cause: "testing value /spec/replicas failed: test failed" },
    { name: "test of a missing field", ops: [{ op: "test", path: "/spec/paused", value: 1 }], cause: "testing value /spec/paused failed: test failed" },
    { name: "remove missing key", ops: [{ op: "remove", path: "/spec/paused" }], cause: "error in remove for path: '/spec/paused': Unable to remove nonexistent key: paused: missing value" },
    { name: "remove under missing parent", ops: [{ op: "remove", path: "/spec/nope/x" }], cause: 'remove operation does not apply: doc is missing path: "/spec/nope/x": missing value' },
    { name: "replace under missing parent", ops: [{ op: "replace", path: "/status/replicas", value: 1 }], cause: "replace operation does not apply: doc is missing path: /status/replicas: missing value" },
    { name: "replace at a bad index", ops: [{ op: "replace", path: "/spec/template/spec/containers/9", value: 1 }], cause: "Object to be patched is missing field (/spec/template/spec/containers/9: missing value)" },
    { name: "add under missing parent", ops: [{ op: "add", path: "/spec/x/y", value: 1 }], cause: 'add operation does not apply: doc is missing path: "/spec/x/y": missing value' },
    { name: "add at a bad index", ops: [{ op: "add", path: "/spec/template/spec/containers/9", value: {} }], cause: "error in add for path: '/spec/template/spec/containers/9': Unable to access invalid index: 9: invalid index referenced" },
    { name: "move from a missing key", ops: [{ op: "move", from: "/spec/nope", path: "/spec/x" }], cause: "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value" },
    { name: "move from a missing parent", ops: [{ op: "move", from: "/nope/x", path: "/spec/x" }], cause: "move operation does not apply: doc is missing from path: /nope/x: missing value" },
    { name: "an unknown operation", ops: [{ op: "replace", path: "/spec/replicas", value: 9 }, { op: "frobnicate", path: "/spec" }], cause: "Unexpected kind: frobnicate" },
    { name: "an operation without op", ops: [{ path: "/spec" }], cause: "Unexpected kind: unknown" },
  ])("422 Invalid when the patch does not apply: $name", ({ ops, cause }) => {
    const err = (() => {
      try {
        applyJsonPatch(deploy(), ops);
      } catch (e) {
        return e;
      }
    })() as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe(422);
    expect(err.reason).toBe("Invalid");
    expect(err.message).toBe("the server rejected our request due to an error in our request");
    expect(err.status.details?.causes?.[0]?.message).toBe(cause);
  });

  it.each([
    { name: "not a list", ops: { op: "add" } },
  ])("400 BadRequest for a malformed patch: $name", ({ ops }) => {
    expect(() => applyJsonPatch(deploy(), ops)).toThrow(expect.objectContaining({ code: 400 }));
  });
});
