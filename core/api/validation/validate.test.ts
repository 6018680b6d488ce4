import { describe, it, expect } from "vitest";
import { resourceTypeFor } from "../resources";
import type { KubeObject } from "../types";
import { applyDefaults } from "../defaults/defaults";
import { ApiError } from "../errors";
import { throwIfInvalid, validateCreate, validateUpdate } from "./validate";

/* eslint-disable @typescript-eslint/no-explicit-any */
const typeOf = (o: KubeObject) => resourceTypeFor(o.apiVersion, o.kind)!;

function deployment(mut: (d: any) => void = () => {}): KubeObject {
  const d: any = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "demo", labels: { app: "web" } },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } },
    },
  };
  mut(d);
  return applyDefaults(d, typeOf(d));
}

function pod(mut: (p: any) => void = () => {}): KubeObject {
  const p: any = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "demo" }, spec: { containers: [{ name: "c", image: "busybox" }] } };
  mut(p);
  return applyDefaults(p, typeOf(p));
}

const causesOf = (o: KubeObject) => validateCreate(o, typeOf(o)).map((c) => `${c.field}: ${c.message}`);

describe("validateCreate", () => {
  it("accepts a well-formed deployment and pod", () => {
    expect(causesOf(deployment())).toEqual([]);
    expect(causesOf(pod())).toEqual([]);
  });

  it.each([
    { name: "missing name", obj: () => pod((p) => delete p.metadata.name), want: "metadata.name: Required value: name or generateName is required" },
    {
      name: "name not a DNS subdomain",
      obj: () => pod((p) => (p.metadata.name = "Web_1")),
      want: `metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    },
    { name: "namespace required", obj: () => pod((p) => delete p.metadata.namespace), want: "metadata.namespace: Required value" },
    {
      name: "bad label value",
      obj: () => pod((p) => (p.metadata.labels = { app: "-x" })),
      want: `metadata.labels: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    },
    {
      name: "bad label key",
      obj: () => pod((p) => (p.metadata.labels = { "a/b/c": "x" })),
      want: `metadata.labels: Invalid value: "a/b/c": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    },
    { name: "annotations too large", obj: () => pod((p) => (p.metadata.annotations = { big: "x".repeat(256 * 1024) })), want: "metadata.annotations: Too long: must have at most 262144 bytes" },
    { name: "no containers", obj: () => pod((p) => (p.spec.containers = [])), want: "spec.containers: Required value" },
    { name: "image required", obj: () => pod((p) => delete p.spec.containers[0].image), want: "spec.containers[0].image: Required value" },
    {
      name: "duplicate container names",
      obj: () => pod((p) => p.spec.containers.push({ name: "c", image: "x" })),
      want: `spec.containers[1].name: Duplicate value: "c"`,
    },
    {
      name: "container name not a DNS label",
      obj: () => pod((p) => (p.spec.containers[0].name = "My_C")),
      want: `spec.containers[0].name: Invalid value: "My_C": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    },
    {
      name: "port out of range",
      obj: () => pod((p) => (p.spec.containers[0].ports = [{ containerPort: 70000 }])),
      want: "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    },
    {
      name: "restartPolicy not supported",
      obj: () => pod((p) => (p.spec.restartPolicy = "Sometimes")),
      want: `spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`,
    },
    {
      name: "requests above limits",
      obj: () => pod((p) => (p.spec.containers[0].resources = { requests: { cpu: "2" }, limits: { cpu: "1" } })),
      want: `spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`,
    },
    {
      name: "non-standard resource",
      obj: () => pod((p) => (p.spec.containers[0].resources = { limits: { gpu: "1" } })),
      want: `spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers`,
    },
    {
      name: "env name with '='",
      obj: () => pod((p) => (p.spec.containers[0].env = [{ name: "A=B", value: "x" }])),
      want: `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    },
    { name: "volume mount without volume", obj: () => pod((p) => (p.spec.containers[0].volumeMounts = [{ name: "data", mountPath: "/d" }])), want: `spec.containers[0].volumeMounts[0].name: Not found: "data"` },
    { name: "deployment selector required", obj: () => deployment((d) => delete d.spec.selector), want: "spec.selector: Required value" },
    {
      name: "deployment selector does not match",
      obj: () => deployment((d) => (d.spec.template.metadata.labels = { app: "other" })),
      want: 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    },
    { name: "negative replicas", obj: () => deployment((d) => (d.spec.replicas = -1)), want: "spec.replicas: Invalid value: -1: must be greater than or equal to 0" },
    {
      name: "maxSurge and maxUnavailable both 0",
      obj: () => deployment((d) => (d.spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } })),
      want: "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    },
    {
      name: "Recreate with rollingUpdate",
      obj: () => deployment((d) => (d.spec.strategy = { type: "Recreate", rollingUpdate: { maxSurge: 1 } })),
      want: "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    },
    {
      name: "template restartPolicy must be Always",
      obj: () => deployment((d) => (d.spec.template.spec.restartPolicy = "Never")),
      want: `spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`,
    },
    {
      name: "template image required, with the template path",
      obj: () => deployment((d) => delete d.spec.template.spec.containers[0].image),
      want: "spec.template.spec.containers[0].image: Required value",
    },
    {
      name: "Service name must be a DNS-1035 label",
      obj: () => applyDefaults({ apiVersion: "v1", kind: "Service", metadata: { name: "1web", namespace: "demo" }, spec: { ports: [{ port: 80 }] } } as KubeObject, typeOf({ apiVersion: "v1", kind: "Service" } as KubeObject)),
      want: `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    },
    {
      name: "Service ports required",
      obj: () => applyDefaults({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "demo" }, spec: {} } as KubeObject, typeOf({ apiVersion: "v1", kind: "Service" } as KubeObject)),
      want: "spec.ports: Required value",
    },
    {
      name: "Namespace name must be a DNS label",
      obj: () => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a.b" } }) as KubeObject,
      want: `metadata.name: Invalid value: "a.b": must not contain dots`,
    },
    { name: "Namespace has no namespace", obj: () => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: "a", namespace: "x" } }) as KubeObject, want: "metadata.namespace: Forbidden: not allowed on this type" },
    {
      name: "ConfigMap key",
      obj: () => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "demo" }, data: { "bad key": "v" } }) as KubeObject,
      want: `data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    },
    {
      name: "Node taint effect",
      obj: () => ({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" }, spec: { taints: [{ key: "k", effect: "Sometimes" }] } }) as KubeObject,
      want: `spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"`,
    },
    {
      name: "Event namespace mismatch",
      obj: () => ({ apiVersion: "v1", kind: "Event", metadata: { name: "e", namespace: "demo" }, involvedObject: { kind: "Pod", namespace: "other", name: "p" } }) as KubeObject,
      want: `involvedObject.namespace: Invalid value: "other": does not match event.namespace`,
    },
    {
      name: "Lease duration",
      obj: () => ({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "l", namespace: "demo" }, spec: { leaseDurationSeconds: 0 } }) as KubeObject,
      want: "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
    },
  ])("$name", ({ obj, want }) => {
    expect(causesOf(obj())).toContain(want);
  });

  it("reports reasons as Kubernetes' CauseTypes", () => {
    const causes = validateCreate(pod((p) => delete p.spec.containers[0].image), typeOf(pod()));
    expect(causes).toEqual([{ reason: "FieldValueRequired", field: "spec.containers[0].image", message: "Required value" }]);
  });

  it("throws 422 Invalid with Kubernetes' message", () => {
    const d = deployment((d) => (d.spec.replicas = -1));
    let err: unknown;
    try {
      throwIfInvalid(d, typeOf(d), validateCreate(d, typeOf(d)));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(422);
    expect((err as ApiError).message).toBe(`Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`);
  });
});

describe("validateUpdate", () => {
  const live = (o: KubeObject) => ({ ...structuredClone(o), metadata: { ...o.metadata, uid: "u1", resourceVersion: "5", creationTimestamp: "2026-01-01T00:00:00Z", generation: 1 } });
  const upd = (next: KubeObject, prev: KubeObject) => validateUpdate({ ...next, metadata: { ...next.metadata, uid: "u1", creationTimestamp: "2026-01-01T00:00:00Z", generation: 1 } }, prev, typeOf(next)).map((c) => `${c.field}: ${c.message}`);

  it("makes a Deployment's selector immutable", () => {
    const prev = live(deployment());
    const next = deployment((d) => {
      d.spec.selector = { matchLabels: { app: "web2" } };
      d.spec.template.metadata.labels = { app: "web2" };
    });
    expect(upd(next, prev)).toEqual([
      `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`,
    ]);
  });

  it("allows changing a Deployment's image and replicas", () => {
    const prev = live(deployment());
    const next = deployment((d) => {
      d.spec.replicas = 5;
      d.spec.template.spec.containers[0].image = "nginx:1.28";
    });
    expect(upd(next, prev)).toEqual([]);
  });

  it.each([
    { name: "image change allowed", mut: (p: any) => (p.spec.containers[0].image = "busybox:latest"), ok: true },
    { name: "activeDeadlineSeconds set allowed", mut: (p: any) => (p.spec.activeDeadlineSeconds = 30), ok: true },
    { name: "adding a toleration allowed", mut: (p: any) => (p.spec.tolerations = [{ key: "k", operator: "Exists" }]), ok: true },
    { name: "restartPolicy change forbidden", mut: (p: any) => (p.spec.restartPolicy = "Never"), ok: false },
    { name: "adding a container forbidden", mut: (p: any) => p.spec.containers.push({ name: "d", image: "x" }), ok: false },
  ])("pod spec update: $name", ({ mut, ok }) => {
    const causes = upd(pod(mut), live(pod()));
    if (ok) expect(causes).toEqual([]);
    else expect(causes[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });

  it("makes metadata.name immutable", () => {
    const prev = live(pod());
    expect(upd(pod((p) => (p.metadata.name = "q")), prev)).toContain(`metadata.name: Invalid value: "q": field is immutable`);
  });
});
