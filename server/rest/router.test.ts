// Why: the REST path grammar decides what every kubectl request means; each shape kubectl sends is pinned here.

import { describe, expect, it } from "vitest";
import { ApiError } from "@/core/api/errors";
import { parseQuery, parseRestPath } from "./router";

const parse = (method: string, path: string) => {
  const url = new URL(`http://x${path}`);
  return parseRestPath(method, url.pathname.split("/").filter(Boolean), url.searchParams);
};

describe("parseRestPath", () => {
  it.each([
    { method: "GET", path: "/api/v1/pods", want: { verb: "list", group: "", resource: "pods", namespace: undefined, name: undefined } },
    { method: "GET", path: "/api/v1/namespaces/default/pods", want: { verb: "list", resource: "pods", namespace: "default" } },
    { method: "GET", path: "/api/v1/namespaces/default/pods?watch=true", want: { verb: "watch", resource: "pods", namespace: "default" } },
    { method: "GET", path: "/api/v1/namespaces/default/pods?watch=1", want: { verb: "watch" } },
    { method: "GET", path: "/api/v1/watch/namespaces/default/pods/web", want: { verb: "watch", name: "web", namespace: "default" } },
    { method: "GET", path: "/api/v1/namespaces/default/pods/web", want: { verb: "get", name: "web", namespace: "default" } },
    { method: "GET", path: "/api/v1/namespaces/default/pods/web/log", want: { verb: "get", name: "web", subresource: "log" } },
    { method: "POST", path: "/api/v1/namespaces/default/pods/web/eviction", want: { verb: "create", subresource: "eviction" } },
    { method: "POST", path: "/api/v1/namespaces/default/pods", want: { verb: "create", resource: "pods" } },
    { method: "PUT", path: "/apis/apps/v1/namespaces/ns1/deployments/web/scale", want: { verb: "update", group: "apps", resource: "deployments", name: "web", subresource: "scale" } },
    { method: "PATCH", path: "/apis/apps/v1/namespaces/ns1/deployments/web", want: { verb: "patch", group: "apps", name: "web" } },
    { method: "DELETE", path: "/apis/apps/v1/namespaces/ns1/deployments/web", want: { verb: "delete", name: "web" } },
    { method: "DELETE", path: "/apis/apps/v1/namespaces/ns1/deployments", want: { verb: "deletecollection", name: undefined } },
    { method: "GET", path: "/api/v1/namespaces", want: { verb: "list", resource: "namespaces", namespace: undefined } },
    { method: "GET", path: "/api/v1/namespaces/kube-system", want: { verb: "get", resource: "namespaces", name: "kube-system", namespace: undefined } },
    { method: "PUT", path: "/api/v1/namespaces/x/finalize", want: { verb: "update", resource: "namespaces", name: "x", subresource: "finalize" } },
    { method: "GET", path: "/api/v1/nodes/n1/status", want: { verb: "get", resource: "nodes", name: "n1", subresource: "status" } },
  ])("$method $path", ({ method, path, want }) => {
    const got = parse(method, path);
    expect(got?.kind).toBe("resource");
    expect(got).toMatchObject(Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined)));
    for (const [k, v] of Object.entries(want)) if (v === undefined) expect(got).not.toHaveProperty(k);
  });

  it("resolves served types and leaves unknown ones untyped", () => {
    expect(parse("GET", "/apis/apps/v1/deployments")).toMatchObject({ type: { kind: "Deployment" } });
    expect(parse("GET", "/apis/apps/v1/frobs")).not.toHaveProperty("type");
    expect(parse("GET", "/apis/apps/v2/deployments")).not.toHaveProperty("type");
  });

  it.each([["/api/v1"], ["/apis/apps/v1"]])("%s is a group-version document", (path) => {
    expect(parse("GET", path)?.kind).toBe("groupVersion");
  });

  it.each([["/api"], ["/apis"], ["/apis/apps"], ["/other/v1/pods"], ["/api/v1/namespaces/a/pods/b/log/extra"]])("%s is not a resource path", (path) => {
    expect(parse("GET", path)).toBeUndefined();
  });

  it("refuses unknown methods with 405", () => {
    expect(() => parse("OPTIONS", "/api/v1/pods")).toThrow(ApiError);
  });

  it.each([
    ["PUT", "/api/v1/namespaces/default/configmaps"],
    ["PATCH", "/api/v1/namespaces/default/configmaps"],
    ["POST", "/api/v1/namespaces/default/configmaps/x"],
    ["PUT", "/apis/apps/v1/deployments"],
  ])("%s %s has no route: 405 MethodNotAllowed", (method, path) => {
    expect(() => parse(method, path)).toThrow(expect.objectContaining({ status: expect.objectContaining({ code: 405, reason: "MethodNotAllowed", details: {} }) }));
  });

  it.each([
    ["POST", "/api/v1/namespaces/default/pods/web/binding", "create"],
    ["POST", "/api/v1/namespaces/default/pods/web/eviction", "create"],
    ["PUT", "/api/v1/namespaces/x/finalize", "update"],
    ["PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", "patch"],
  ])("%s %s is %s", (method, path, verb) => {
    expect(parse(method, path)).toMatchObject({ verb });
  });
});

describe("parseQuery", () => {
  it("parses the parameters kubectl sends", () => {
    const q = parseQuery(new URLSearchParams("labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn1&limit=500&continue=abc&resourceVersion=12&timeoutSeconds=30&allowWatchBookmarks=true&dryRun=All&fieldValidation=Strict&propagationPolicy=Foreground&gracePeriodSeconds=0&fieldManager=kubectl&force=true"));
    expect(q).toMatchObject({
      labelSelector: "app=web",
      fieldSelector: "spec.nodeName=n1",
      limit: 500,
      continue: "abc",
      resourceVersion: "12",
      timeoutSeconds: 30,
      allowWatchBookmarks: true,
      dryRun: true,
      fieldValidation: "Strict",
      propagationPolicy: "Foreground",
      gracePeriodSeconds: 0,
      fieldManager: "kubectl",
      force: true,
    });
  });

  it.each([["dryRun=Some"], ["fieldValidation=Loud"], ["propagationPolicy=Now"], ["limit=-1"], ["timeoutSeconds=abc"]])("%s is a 400", (qs) => {
    expect(() => parseQuery(new URLSearchParams(qs))).toThrow(expect.objectContaining({ code: 400 }));
  });
});
