import { describe, it, expect } from "vitest";
import { ApiError } from "../errors";
import type { KubeObject } from "../types";
import { decodeObject, type FieldValidation } from "./decode";

/* eslint-disable @typescript-eslint/no-explicit-any */
const deployment = (spec: any): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", creationTimestamp: null as any },
  spec: { selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [{ name: "c", image: "nginx" }] } }, ...spec },
});

function failure(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error("expected a failure");
}

describe("decodeObject", () => {
  it.each<{ mode: FieldValidation; error?: string; warnings: string[] }>([
    { mode: "Strict", error: `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePolicy", unknown field "spec.replica"`, warnings: [] },
    { mode: "Warn", warnings: [`unknown field "spec.template.spec.containers[0].imagePolicy"`, `unknown field "spec.replica"`] },
    { mode: "Ignore", warnings: [] },
  ])("unknown fields in $mode mode (reported in document order)", ({ mode, error, warnings }) => {
    const obj = deployment({ replica: 3 });
    (obj.spec.template.spec.containers[0] as any).imagePolicy = "x";
    if (error) {
      const e = failure(() => decodeObject(obj, { fieldValidation: mode }));
      expect(e.code).toBe(400);
      expect(e.reason).toBe("BadRequest");
      expect(e.message).toBe(error);
      return;
    }
    const r = decodeObject(obj, { fieldValidation: mode });
    expect(r.warnings).toEqual(warnings);
    expect(r.object.spec.replica).toBeUndefined();
    expect(r.object.spec.template.spec.containers[0].imagePolicy).toBeUndefined();
    expect(r.object.metadata.creationTimestamp).toBeUndefined();
  });

  it("defaults to Warn", () => {
    expect(decodeObject(deployment({ replica: 3 })).warnings).toEqual([`unknown field "spec.replica"`]);
  });

  it.each([
    { name: "string into int32", spec: { replicas: "3" }, want: "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32" },
    { name: "fraction into int32", spec: { replicas: 1.5 }, want: "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32" },
    { name: "object into bool", spec: { paused: {} }, want: "json: cannot unmarshal object into Go struct field DeploymentSpec.spec.paused of type bool" },
    { name: "map into a list", spec: { template: { spec: { containers: { name: "c" } } } }, want: "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container" },
    {
      name: "number into an env value",
      spec: { template: { spec: { containers: [{ name: "c", image: "x", env: [{ name: "A", value: 5 }] }] } } },
      want: "json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string",
    },
    {
      name: "bad quantity",
      spec: { template: { spec: { containers: [{ name: "c", image: "x", resources: { limits: { cpu: "lots" } } }] } } },
      want: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    },
  ])("rejects wrong types: $name", ({ spec, want }) => {
    const e = failure(() => decodeObject(deployment(spec), { fieldValidation: "Ignore" }));
    expect(e.code).toBe(400);
    expect(e.message).toBe(`Deployment in version "v1" cannot be handled as a Deployment: ${want}`);
  });

  it("turns quantities into canonical strings and accepts int-or-string", () => {
    const r = decodeObject(deployment({ strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: "10%" } }, template: { spec: { containers: [{ name: "c", image: "x", resources: { limits: { cpu: 1, memory: "1024Mi" }, requests: { cpu: "0.5" } } }] } } }));
    expect(r.object.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: "1", memory: "1Gi" }, requests: { cpu: "500m" } });
    expect(r.object.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: "10%" });
  });

  it("checks Secret data is base64", () => {
    const e = failure(() => decodeObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { k: "not base64!" } }));
    expect(e.message).toBe(`Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3`);
    expect(decodeObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { k: "aGVsbG8=" } }).object.data).toEqual({ k: "aGVsbG8=" });
  });

  it("passes kinds without a schema through", () => {
    const obj = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, anything: 1 } as KubeObject;
    expect(decodeObject(obj, { fieldValidation: "Strict" }).object).toEqual(obj);
  });
});
