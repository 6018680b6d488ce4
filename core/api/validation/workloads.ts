// Why: StatefulSet, DaemonSet, Job and CronJob validation (apps/v1, batch/v1), ready for when those kinds are served.

import { FieldErrors, deepEqual } from "./field-errors";
import { validateSelectorAndTemplate, validateSelectorUpdate } from "./apps";
import { validatePodTemplateSpec } from "./pod";

/* eslint-disable @typescript-eslint/no-explicit-any -- objects arrive as decoded JSON */
type Json = any;

function nonNegative(errs: FieldErrors, path: string, v: unknown): void {
  if (typeof v === "number" && v < 0) errs.invalid(path, v, "must be greater than or equal to 0");
}

function oneOf(errs: FieldErrors, path: string, v: unknown, valid: string[]): void {
  if (v === undefined || v === "") errs.required(path);
  else if (!valid.includes(v as string)) errs.notSupported(path, v, valid);
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSet(o: Json, errs: FieldErrors): void {
  const spec = o.spec;
  if (!spec) return errs.required("spec");
  nonNegative(errs, "spec.replicas", spec.replicas);
  oneOf(errs, "spec.podManagementPolicy", spec.podManagementPolicy, ["OrderedReady", "Parallel"]);
  oneOf(errs, "spec.updateStrategy.type", spec.updateStrategy?.type, ["OnDelete", "RollingUpdate"]);
  if (spec.updateStrategy?.type === "OnDelete" && spec.updateStrategy.rollingUpdate)
    errs.invalid("spec.updateStrategy.rollingUpdate", "", "only allowed for updateStrategy 'RollingUpdate'");
  nonNegative(errs, "spec.updateStrategy.rollingUpdate.partition", spec.updateStrategy?.rollingUpdate?.partition);
  validateSelectorAndTemplate(spec, errs, "statefulset");
}

const STATEFULSET_MUTABLE = ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

/** ValidateStatefulSetUpdate: only a few spec fields may change. */
export function validateStatefulSetUpdate(next: Json, prev: Json, errs: FieldErrors): void {
  const strip = (s: Json) => Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !STATEFULSET_MUTABLE.includes(k)));
  if (!deepEqual(strip(next.spec), strip(prev.spec)))
    errs.forbidden(
      "spec",
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
}

/** ValidateDaemonSetSpec. */
export function validateDaemonSet(o: Json, errs: FieldErrors): void {
  const spec = o.spec;
  if (!spec) return errs.required("spec");
  oneOf(errs, "spec.updateStrategy.type", spec.updateStrategy?.type, ["OnDelete", "RollingUpdate"]);
  validateSelectorAndTemplate(spec, errs, "daemonset");
}

/** DaemonSets: the selector is immutable. */
export function validateDaemonSetUpdate(next: Json, prev: Json, errs: FieldErrors): void {
  validateSelectorUpdate(next.spec, prev.spec, errs);
}

function validateJobSpec(spec: Json, path: string, errs: FieldErrors): void {
  nonNegative(errs, `${path}.parallelism`, spec.parallelism);
  nonNegative(errs, `${path}.completions`, spec.completions);
  nonNegative(errs, `${path}.backoffLimit`, spec.backoffLimit);
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds <= 0)
    errs.invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, "must be greater than 0");
  if (spec.completionMode) oneOf(errs, `${path}.completionMode`, spec.completionMode, ["NonIndexed", "Indexed"]);
  if (spec.completionMode === "Indexed" && spec.completions === undefined) errs.required(`${path}.completions`, "when completion mode is Indexed");
  if (spec.manualSelector && !spec.selector) errs.required(`${path}.selector`);
  if (!spec.template) return errs.required(`${path}.template`);
  validatePodTemplateSpec(spec.template, `${path}.template`, errs);
  const rp = spec.template.spec?.restartPolicy;
  if (rp !== "OnFailure" && rp !== "Never") errs.notSupported(`${path}.template.spec.restartPolicy`, rp ?? "", ["OnFailure", "Never"]);
}

/** ValidateJob. */
export function validateJob(o: Json, errs: FieldErrors): void {
  if (!o.spec) return errs.required("spec");
  validateJobSpec(o.spec, "spec", errs);
}

/** Jobs: selector, template (outside suspended jobs' scheduling fields) and completions are immutable. */
export function validateJobUpdate(next: Json, prev: Json, errs: FieldErrors): void {
  errs.immutable("spec.selector", next.spec?.selector, prev.spec?.selector, "");
  errs.immutable("spec.completions", next.spec?.completions, prev.spec?.completions);
  if (!deepEqual(next.spec?.template, prev.spec?.template)) errs.invalid("spec.template", "", "field is immutable");
}

/** ValidateCronJob: schedule required, concurrency policy, history limits, the job template. */
export function validateCronJob(o: Json, errs: FieldErrors): void {
  const spec = o.spec;
  if (!spec) return errs.required("spec");
  if (!spec.schedule) errs.required("spec.schedule");
  else if (String(spec.schedule).trim().split(/\s+/).length !== 5 && !String(spec.schedule).startsWith("@"))
    errs.invalid("spec.schedule", spec.schedule, `Expected exactly 5 fields, found ${String(spec.schedule).trim().split(/\s+/).length}: ${spec.schedule}`);
  oneOf(errs, "spec.concurrencyPolicy", spec.concurrencyPolicy, ["Allow", "Forbid", "Replace"]);
  nonNegative(errs, "spec.successfulJobsHistoryLimit", spec.successfulJobsHistoryLimit);
  nonNegative(errs, "spec.failedJobsHistoryLimit", spec.failedJobsHistoryLimit);
  if (spec.startingDeadlineSeconds !== undefined) nonNegative(errs, "spec.startingDeadlineSeconds", spec.startingDeadlineSeconds);
  if (!spec.jobTemplate?.spec) errs.required("spec.jobTemplate.spec");
  else validateJobSpec(spec.jobTemplate.spec, "spec.jobTemplate.spec", errs);
}
