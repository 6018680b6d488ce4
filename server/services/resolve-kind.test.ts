import { describe, it, expect } from "vitest";
import { ApiError } from "@/core/api/errors";
import { resolveKind } from "./resolve-kind";

describe("resolveKind", () => {
  it.each([
    { input: "Pod", plural: "pods" },
    { input: "pods", plural: "pods" },
    { input: "pod", plural: "pods" },
    { input: "po", plural: "pods" },
    { input: "Deployment", plural: "deployments" },
    { input: "deploy", plural: "deployments" },
    { input: "deployments.apps", plural: "deployments" },
    { input: "rs", plural: "replicasets" },
    { input: "ns", plural: "namespaces" },
  ])("$input → $plural", ({ input, plural }) => {
    expect(resolveKind(input).plural).toBe(plural);
  });

  it("pins the version when an apiVersion is given", () => {
    expect(resolveKind("Deployment", "apps/v1").group).toBe("apps");
    expect(() => resolveKind("Deployment", "v1")).toThrow(ApiError);
  });

  it.each(["widgets", "deployments.batch"])("unknown %s is 404 NotFound with kubectl's message", (k) => {
    try {
      resolveKind(k);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).status).toMatchObject({ code: 404, reason: "NotFound", message: `the server doesn't have a resource type "${k}"` });
    }
  });
});
