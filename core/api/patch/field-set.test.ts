// Why: fieldsV1 encoding and conflict paths must read exactly as Kubernetes writes them.

import { describe, expect, it } from "vitest";
import { fieldSetOf, fromFieldsV1, memberOf, pathString, toFieldsV1, valueAt } from "./field-set";

describe("field sets", () => {
  it.each([
    { path: ["f:spec", "f:replicas"], text: ".spec.replicas" },
    { path: ["f:spec", "f:template", "f:spec", "f:containers", 'k:{"name":"nginx"}', "f:image"], text: '.spec.template.spec.containers[name="nginx"].image' },
    { path: ["f:spec", "f:ports", 'k:{"port":80,"protocol":"TCP"}'], text: '.spec.ports[port=80,protocol="TCP"]' },
    { path: ["f:metadata", "f:finalizers", 'v:"example.com/x"'], text: '.metadata.finalizers[="example.com/x"]' },
  ])("pathString $text", ({ path, text }) => {
    expect(pathString(memberOf(path))).toBe(text);
  });

  it("round-trips fieldsV1, marking members with children by '.'", () => {
    const tree = {
      "f:metadata": { "f:finalizers": { 'v:"a"': {} }, "f:labels": { "f:app": {} } },
      "f:spec": { "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:image": {}, "f:name": {} } }, "f:replicas": {} },
    };
    expect(toFieldsV1(fromFieldsV1(tree))).toEqual(tree);
  });

  it("collects the owned paths of a service, excluding apiserver-managed metadata and status", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", namespace: "d", uid: "u", resourceVersion: "1", labels: { app: "a" } },
      spec: { selector: { app: "a" }, ports: [{ port: 80, targetPort: 8080 }] },
      status: { loadBalancer: {} },
    };
    expect(toFieldsV1(fieldSetOf(svc, "V1Service"))).toEqual({
      "f:metadata": { "f:labels": { "f:app": {} } },
      "f:spec": { "f:ports": { 'k:{"port":80,"protocol":"TCP"}': { ".": {}, "f:port": {}, "f:targetPort": {} } }, "f:selector": { "f:app": {} } },
    });
  });

  it.each([
    { path: ["f:spec", "f:ports", 'k:{"port":80,"protocol":"TCP"}', "f:targetPort"], want: { found: true, value: 8080 } },
    { path: ["f:spec", "f:ports", 'k:{"port":81,"protocol":"TCP"}', "f:targetPort"], want: { found: false } },
    { path: ["f:metadata", "f:finalizers", 'v:"a"'], want: { found: true, value: "a" } },
  ])("valueAt $path", ({ path, want }) => {
    const obj = { metadata: { finalizers: ["a"] }, spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    expect(valueAt(obj, memberOf(path))).toEqual(want);
  });
});
