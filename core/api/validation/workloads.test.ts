import { describe, it, expect } from "vitest";
import type { ResourceType } from "../resources";
import type { KubeObject } from "../types";
import { applyDefaults } from "../defaults/defaults";
import { validateCreate, validateUpdate } from "./validate";

/* eslint-disable @typescript-eslint/no-explicit-any */
// These kinds are not in RESOURCE_TYPES yet; their rules are keyed by group/kind and apply once they are served.
const t = (group: string, kind: string): ResourceType => ({ group, version: "v1", kind, plural: `${kind.toLowerCase()}s`, singular: kind.toLowerCase(), namespaced: true, shortNames: [], categories: [], hasStatus: true, tracksGeneration: true });
const TYPES: Record<string, ResourceType> = { StatefulSet: t("apps", "StatefulSet"), DaemonSet: t("apps", "DaemonSet"), Job: t("batch", "Job"), CronJob: t("batch", "CronJob") };
const template = (extra: any = {}) => ({ metadata: { labels: { app: "a" } }, spec: { containers: [{ name: "c", image: "busybox" }], ...extra } });

function obj(kind: string, spec: any): KubeObject {
  const o: any = { apiVersion: kind === "Job" || kind === "CronJob" ? "batch/v1" : "apps/v1", kind, metadata: { name: "x", namespace: "demo" }, spec };
  return applyDefaults(o, TYPES[kind]);
}
const causes = (o: KubeObject) => validateCreate(o, TYPES[o.kind]).map((c) => `${c.field}: ${c.message}`);

describe("workload defaults and validation", () => {
  it("defaults a StatefulSet, DaemonSet, Job and CronJob", () => {
    expect(obj("StatefulSet", { template: template() }).spec).toMatchObject({ replicas: 1, podManagementPolicy: "OrderedReady", updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } }, revisionHistoryLimit: 10 });
    expect(obj("DaemonSet", { template: template() }).spec.updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(obj("Job", { template: template({ restartPolicy: "Never" }) }).spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: "NonIndexed", suspend: false });
    const cj = obj("CronJob", { schedule: "*/5 * * * *", jobTemplate: { spec: { template: template({ restartPolicy: "OnFailure" }) } } });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.dnsPolicy).toBe("ClusterFirst");
  });

  it.each([
    { kind: "StatefulSet", spec: { selector: { matchLabels: { app: "a" } }, template: template() }, want: [] },
    { kind: "StatefulSet", spec: { selector: { matchLabels: { app: "b" } }, template: template() }, want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"a"}: `selector` does not match template `labels`'] },
    { kind: "DaemonSet", spec: { template: template() }, want: ["spec.selector: Required value"] },
    { kind: "Job", spec: { template: template() }, want: [`spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"`] },
    { kind: "Job", spec: { template: template({ restartPolicy: "Never" }) }, want: [] },
    { kind: "CronJob", spec: { jobTemplate: { spec: { template: template({ restartPolicy: "Never" }) } } }, want: ["spec.schedule: Required value"] },
  ])("$kind: $want", ({ kind, spec, want }) => {
    expect(causes(obj(kind, spec))).toEqual(want);
  });

  it("forbids StatefulSet spec changes other than the mutable fields", () => {
    const prev = obj("StatefulSet", { selector: { matchLabels: { app: "a" } }, template: template(), serviceName: "s" });
    const ok = structuredClone(prev);
    ok.spec.replicas = 3;
    expect(validateUpdate(ok, prev, TYPES.StatefulSet)).toEqual([]);
    const bad = structuredClone(prev);
    bad.spec.serviceName = "other";
    expect(validateUpdate(bad, prev, TYPES.StatefulSet).map((c) => c.field)).toEqual(["spec"]);
  });
});
