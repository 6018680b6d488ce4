// Why: access reviews must answer exactly what the authorizer decides, refuse malformed specs as Kubernetes does, and survive authorizers that cannot list rules.

import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { selfSubjectAccessReview, selfSubjectRulesReview, subjectAccessReview, attributesOf } from "./access-review";
import { allowAllAuthorizer, type AuthorizationAttributes, type Authorizer } from "./authorizer";
import type { UserInfo } from "./types";

const BOB: UserInfo = { name: "bob", groups: ["system:authenticated", "team-a"] };

/** Allows bob to get/list pods in "demo" and GET /healthz; denies the rest, saying why. */
const teamAuthorizer: Authorizer = {
  authorize(a: AuthorizationAttributes) {
    if (a.user.name !== "bob") return { allowed: false, reason: `no rules for user ${a.user.name}` };
    if (a.path !== undefined) return a.path === "/healthz" && a.verb === "get" ? { allowed: true } : { allowed: false, reason: "no non-resource rule" };
    const ok = a.group === "" && a.resource === "pods" && !a.subresource && a.namespace === "demo" && ["get", "list"].includes(a.verb);
    return ok ? { allowed: true, reason: 'RBAC: allowed by RoleBinding "readers/demo"' } : { allowed: false, reason: "RBAC: no matching rule" };
  },
  rulesFor: (_user, namespace) => ({
    resourceRules: namespace === "demo" ? [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }] : [],
    nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }],
    incomplete: false,
  }),
};

const ssar = (spec: object) => ({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", metadata: {}, spec });
const sar = (spec: object) => ({ apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", metadata: {}, spec });

function statusOfError(fn: () => unknown): { code: number; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.status.code, message: e.status.message };
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("selfSubjectAccessReview", () => {
  it.each([
    { name: "allowed in the namespace", attrs: { namespace: "demo", verb: "list", resource: "pods" }, allowed: true, reason: 'RBAC: allowed by RoleBinding "readers/demo"' },
    { name: "denied elsewhere, with the reason", attrs: { namespace: "prod", verb: "list", resource: "pods" }, allowed: false, reason: "RBAC: no matching rule" },
    { name: "denied for another verb", attrs: { namespace: "demo", verb: "delete", resource: "pods", name: "web" }, allowed: false, reason: "RBAC: no matching rule" },
    { name: "denied for a subresource", attrs: { namespace: "demo", verb: "get", resource: "pods", subresource: "log" }, allowed: false, reason: "RBAC: no matching rule" },
  ])("resource request: $name", ({ attrs, allowed, reason }) => {
    const out = selfSubjectAccessReview(teamAuthorizer, BOB, ssar({ resourceAttributes: attrs }));
    expect(out.kind).toBe("SelfSubjectAccessReview");
    expect(out.spec).toEqual({ resourceAttributes: attrs });
    expect(out.status).toEqual({ allowed, reason });
  });

  it.each([
    { path: "/healthz", allowed: true },
    { path: "/metrics", allowed: false },
  ])("non-resource request $path", ({ path, allowed }) => {
    const out = selfSubjectAccessReview(teamAuthorizer, BOB, ssar({ nonResourceAttributes: { path, verb: "get" } }));
    expect(out.status).toMatchObject({ allowed });
  });

  it("asks the authorizer with the path and no resource for non-resource requests", () => {
    expect(attributesOf(BOB, { nonResourceAttributes: { path: "/version", verb: "get" } })).toEqual({ user: BOB, verb: "get", path: "/version", group: "", resource: "" });
  });

  it("leaves the namespace out when the review names none (all namespaces)", () => {
    expect(attributesOf(BOB, { resourceAttributes: { verb: "list", group: "apps", resource: "deployments", namespace: "" } })).toEqual({ user: BOB, verb: "list", group: "apps", resource: "deployments" });
  });

  it.each([
    { name: "neither attribute set", spec: {}, message: 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified' },
    { name: "both set", spec: { resourceAttributes: { verb: "get" }, nonResourceAttributes: { path: "/x", verb: "get" } }, message: "cannot be specified in combination with resourceAttributes" },
  ])("422 when $name", ({ spec, message }) => {
    const err = statusOfError(() => selfSubjectAccessReview(allowAllAuthorizer, BOB, ssar(spec)));
    expect(err.code).toBe(422);
    expect(err.message).toContain(message);
  });

  it("an authorizer that throws gives allowed=false with the evaluation error", () => {
    const broken: Authorizer = {
      authorize: () => {
        throw new Error("rbac cache not synced");
      },
    };
    expect(selfSubjectAccessReview(broken, BOB, ssar({ resourceAttributes: { verb: "get", resource: "pods" } })).status).toEqual({ allowed: false, evaluationError: "rbac cache not synced" });
  });
});

describe("subjectAccessReview", () => {
  it("reviews the user named in the spec, not the caller", () => {
    const out = subjectAccessReview(teamAuthorizer, sar({ user: "bob", groups: ["team-a"], resourceAttributes: { namespace: "demo", verb: "get", resource: "pods" } }));
    expect(out.status).toMatchObject({ allowed: true });
    const alice = subjectAccessReview(teamAuthorizer, sar({ user: "alice", resourceAttributes: { namespace: "demo", verb: "get", resource: "pods" } }));
    expect(alice.status).toEqual({ allowed: false, reason: "no rules for user alice" });
  });

  it("422 without a user or a group", () => {
    const err = statusOfError(() => subjectAccessReview(allowAllAuthorizer, sar({ resourceAttributes: { verb: "get", resource: "pods" } })));
    expect(err).toEqual({ code: 422, message: 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified' });
  });

  it("LocalSubjectAccessReview requires the URL's namespace in the attributes", () => {
    const body = { apiVersion: "authorization.k8s.io/v1", kind: "LocalSubjectAccessReview", metadata: { namespace: "demo" }, spec: { user: "bob", resourceAttributes: { namespace: "prod", verb: "get", resource: "pods" } } };
    expect(statusOfError(() => subjectAccessReview(teamAuthorizer, body, "demo")).message).toContain("spec.resourceAttributes.namespace: Invalid value: \"prod\": must match metadata.namespace");
    body.spec.resourceAttributes.namespace = "demo";
    expect(subjectAccessReview(teamAuthorizer, body, "demo").status).toMatchObject({ allowed: true });
  });
});

describe("selfSubjectRulesReview", () => {
  const ssrr = (namespace?: string) => ({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: namespace === undefined ? {} : { namespace } });

  it("lists the rules the authorizer holds for the user in the namespace", () => {
    expect(selfSubjectRulesReview(teamAuthorizer, BOB, ssrr("demo")).status).toEqual({
      resourceRules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/healthz"] }],
      incomplete: false,
    });
  });

  it("is an empty, incomplete list when the authorizer cannot enumerate rules", () => {
    const opaque: Authorizer = { authorize: () => ({ allowed: true }) };
    expect(selfSubjectRulesReview(opaque, BOB, ssrr("demo")).status).toEqual({ resourceRules: [], nonResourceRules: [], incomplete: true });
  });

  it("400 without a namespace", () => {
    expect(statusOfError(() => selfSubjectRulesReview(teamAuthorizer, BOB, ssrr()))).toEqual({ code: 400, message: "no namespace on request" });
  });
});
