// Why: Service validation must accept what kubectl generates (port names like 80-8080) and refuse bad cluster IPs with Kubernetes' field paths and words.

import { describe, expect, it } from "vitest";
import { applyDefaults } from "../defaults/defaults";
import { resourceTypeFor } from "../resources";
import type { KubeObject } from "../types";
import { isValidIP, isValidPortName } from "./names";
import { validateCreate, validateUpdate } from "./validate";

/* eslint-disable @typescript-eslint/no-explicit-any */
const SVC = resourceTypeFor("v1", "Service")!;

function service(spec: any): KubeObject {
  return applyDefaults({ apiVersion: "v1", kind: "Service", metadata: { name: "x", namespace: "demo" }, spec }, SVC);
}
const messages = (o: KubeObject) => validateCreate(o, SVC).map((c) => `${c.field}: ${c.message}`);

describe("Service validation", () => {
  it.each([
    { name: "kubectl create service clusterip x --tcp=80:8080", ports: [{ name: "80-8080", port: 80, targetPort: 8080 }] },
    { name: "named target port", ports: [{ name: "http", port: 80, targetPort: "http-alt" }] },
    { name: "two named ports", ports: [{ name: "443-8443", port: 443 }, { name: "80", port: 80 }] },
  ])("accepts $name", ({ ports }) => {
    expect(messages(service({ selector: { app: "x" }, ports }))).toEqual([]);
  });

  it.each([
    { ports: [{ name: "Http", port: 80 }], want: "spec.ports[0].name: Invalid value: \"Http\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')" },
    { ports: [{ port: 80, targetPort: "8080" }], want: 'spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)' },
    { ports: [{ port: 80 }, { port: 81 }], want: "spec.ports[0].name: Required value" },
    { ports: [{ port: 80 }], clusterIP: "10.96.0.300", want: 'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
    { ports: [{ port: 80 }], clusterIPs: ["10.96.0.3"], want: 'spec.clusterIPs: Invalid value: []string{"10.96.0.3"}: must be empty when `clusterIP` is not specified' },
    { ports: [{ port: 80 }], ipFamilyPolicy: "Dual", want: 'spec.ipFamilyPolicy: Unsupported value: "Dual": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"' },
    { type: "ExternalName", externalName: "example.com", clusterIP: "10.96.0.3", want: "spec.clusterIPs: Forbidden: may not be set for ExternalName services" },
  ])("refuses with $want", ({ want, ...spec }) => {
    expect(messages(service(spec))).toContain(want);
  });

  it("fills clusterIPs from a lone clusterIP (an old client)", () => {
    expect(service({ clusterIP: "10.96.0.10", ports: [{ port: 53 }] }).spec.clusterIPs).toEqual(["10.96.0.10"]);
  });

  it.each([
    { from: ["10.96.0.10"], to: ["10.96.0.11"], want: 'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set' },
    { from: ["10.96.0.10"], to: [], want: "spec.clusterIPs[0]: Invalid value: []string{}: primary clusterIP can not be unset" },
  ])("cluster IPs may not change: $want", ({ from, to, want }) => {
    const prev = service({ clusterIP: from[0], ports: [{ port: 80 }] });
    const next = service({ ports: [{ port: 80 }], ...(to.length ? { clusterIP: to[0], clusterIPs: to } : {}) });
    expect(validateUpdate(next, prev, SVC).map((c) => `${c.field}: ${c.message}`)).toContain(want);
  });
});

describe("names", () => {
  it.each([
    ["10.0.0.1", true],
    ["::1", true],
    ["2001:db8::ffff", true],
    ["::ffff:10.0.0.1", true],
    ["1:2:3:4:5:6:7:8", true],
    ["1:2:3:4:5:6:7:8:9", false],
    ["010.0.0.1", false],
    ["10.0.0", false],
    ["fe80::1%eth0", false],
    ["", false],
  ])("isValidIP(%s) is %s", (ip, ok) => {
    expect(isValidIP(ip).length === 0).toBe(ok);
  });

  it.each([
    ["http", []],
    ["80-8080", ["must contain at least one letter (a-z)"]], // fine as a Service port name (an RFC 1123 label), not as a container port name
    ["8080", ["must contain at least one letter (a-z)"]],
    ["a--b", ["must not contain consecutive hyphens"]],
    ["-ab", ["must not begin or end with a hyphen"]],
    ["this-is-too-long-1", ["must be no more than 15 characters"]],
  ])("isValidPortName(%s)", (name, errs) => {
    expect(isValidPortName(name)).toEqual(errs);
  });
});
