// Why: surge/unavailable rounding and the pod-template-hash are user-visible numbers and names; pin them.

import { describe, it, expect } from "vitest";
import type { PodTemplateSpec } from "../../api/types";
import { makeDeployment, makeReplicaSet } from "../../testing/builders";
import * as u from "./deployment-util";
import { maxSurge, maxUnavailable, scaledValue } from "./deployment-util";
import { computeHash, fnv32a, safeEncode, templatesEqualIgnoringHash } from "./pod-template-hash";

describe("fenceposts", () => {
  it.each([
    { replicas: 10, surge: "25%", unavailable: "25%", wantSurge: 3, wantUnavailable: 2 },
    { replicas: 3, surge: "25%", unavailable: "25%", wantSurge: 1, wantUnavailable: 0 },
    { replicas: 1, surge: 0, unavailable: "10%", wantSurge: 0, wantUnavailable: 1 },
    { replicas: 4, surge: 2, unavailable: 0, wantSurge: 2, wantUnavailable: 0 },
    { replicas: 2, surge: 0, unavailable: 5, wantSurge: 0, wantUnavailable: 2 },
    { replicas: 0, surge: 1, unavailable: 1, wantSurge: 1, wantUnavailable: 0 },
  ])("$replicas replicas, surge $surge, unavailable $unavailable", ({ replicas, surge, unavailable, wantSurge, wantUnavailable }) => {
    const d = makeDeployment("d").replicas(replicas).strategy({ maxSurge: surge, maxUnavailable: unavailable }).build();
    expect(maxSurge(d)).toBe(wantSurge);
    expect(maxUnavailable(d)).toBe(wantUnavailable);
  });

  it("Recreate has no surge and no unavailability budget", () => {
    const d = makeDeployment("d").replicas(4).strategy("Recreate").build();
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([0, 0]);
  });

  it.each([
    { v: "50%", total: 3, up: true, want: 2 },
    { v: "50%", total: 3, up: false, want: 1 },
    { v: 7, total: 3, up: false, want: 7 },
  ])("scaledValue($v of $total, roundUp $up) = $want", ({ v, total, up, want }) => {
    expect(scaledValue(v, total, up)).toBe(want);
  });
});

describe("pod-template-hash", () => {
  it("FNV-32a matches the reference vectors", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(fnv32a(enc(""))).toBe(0x811c9dc5);
    expect(fnv32a(enc("a"))).toBe(0xe40c292c);
    expect(fnv32a(enc("foobar"))).toBe(0xbf9cf968);
  });

  it("encodes digits like Kubernetes' SafeEncodeString", () => {
    expect(safeEncode("0123456789")).toBe("456789bcdf");
  });

  it("is stable for equal templates, whatever the key order, and changes with the template or collision count", () => {
    const a = makeDeployment("d").build().spec!.template;
    const b = JSON.parse(JSON.stringify({ spec: a.spec, metadata: a.metadata }));
    expect(computeHash(a)).toBe(computeHash(b));
    const c = structuredClone(a);
    c.spec!.containers[0].image = "nginx:2";
    expect(computeHash(c)).not.toBe(computeHash(a));
    expect(computeHash(a, 1)).not.toBe(computeHash(a));
  });

  it("compares templates ignoring the pod-template-hash label", () => {
    const a = makeDeployment("d").build().spec!.template;
    const withHash = structuredClone(a);
    withHash.metadata!.labels!["pod-template-hash"] = "abc";
    expect(templatesEqualIgnoringHash(a, withHash)).toBe(true);
    withHash.spec!.containers[0].image = "x";
    expect(templatesEqualIgnoringHash(a, withHash)).toBe(false);
  });

  it.each([
    { name: "resources: {} as a Go client sends it", edit: (t: PodTemplateSpec) => (t.spec!.containers[0].resources = {}), equal: true },
    { name: "creationTimestamp: null in the template metadata", edit: (t: PodTemplateSpec) => ((t.metadata as Record<string, unknown>).creationTimestamp = null), equal: true },
    { name: "an empty annotations map", edit: (t: PodTemplateSpec) => (t.metadata!.annotations = {}), equal: true },
    { name: "an empty env list", edit: (t: PodTemplateSpec) => (t.spec!.containers[0].env = []), equal: true },
    { name: "an emptyDir volume is not the same as none", edit: (t: PodTemplateSpec) => (t.spec!.volumes = [{ name: "v", emptyDir: {} }]), equal: false },
    { name: "a resource request", edit: (t: PodTemplateSpec) => (t.spec!.containers[0].resources = { requests: { cpu: "1" } }), equal: false },
  ])("semantic equality: $name → $equal, and the same hash when equal", ({ edit, equal }) => {
    const a = makeDeployment("d").build().spec!.template;
    const b = structuredClone(a);
    edit(b);
    expect(templatesEqualIgnoringHash(a, b)).toBe(equal);
    expect(computeHash(a) === computeHash(b)).toBe(equal);
  });
});

describe("sumAvailableForScaleDown", () => {
  const rs = (replicas: number, available: number) => makeReplicaSet("x").replicas(replicas).with((r) => (r.status = { replicas: available, availableReplicas: available })).build();

  it.each([
    { name: "counts what each set reports when it is in step", sets: [rs(4, 4), rs(2, 1)], want: 5 },
    { name: "caps a set just scaled down at its desired replicas (status still counts the pod being deleted)", sets: [rs(4, 5), rs(2, 1)], want: 5 },
    { name: "counts nothing for a set scaled to zero whose pods are still reported", sets: [rs(0, 3), rs(5, 5)], want: 5 },
  ])("$name", ({ sets, want }) => {
    expect(u.sumAvailableForScaleDown(sets)).toBe(want);
    expect(u.sumAvailableForScaleDown(sets)).toBeLessThanOrEqual(u.sumAvailable(sets));
  });
});
