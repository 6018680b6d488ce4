// Why: StatefulSet, DaemonSet, Job and CronJob defaults (apps/v1, batch/v1 SetDefaults_*), ready for when those kinds are served.

import { defaultPodTemplateSpec } from "./pod";

/* eslint-disable @typescript-eslint/no-explicit-any -- objects arrive as decoded JSON */
type Json = any;

/** SetDefaults_StatefulSet (apps/v1). */
export function defaultStatefulSet(o: Json): void {
  const spec = (o.spec ??= {});
  spec.replicas ??= 1;
  spec.podManagementPolicy ||= "OrderedReady";
  const us = (spec.updateStrategy ??= {});
  us.type ||= "RollingUpdate";
  if (us.type === "RollingUpdate") {
    us.rollingUpdate ??= {};
    us.rollingUpdate.partition ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= "Retain";
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= "Retain";
  for (const pvc of spec.volumeClaimTemplates ?? []) {
    if (pvc?.spec) pvc.spec.volumeMode ||= "Filesystem";
    if (pvc && typeof pvc === "object") {
      pvc.apiVersion ||= "v1";
      pvc.kind ||= "PersistentVolumeClaim";
    }
  }
  defaultPodTemplateSpec(spec.template);
}

/** SetDefaults_DaemonSet (apps/v1). */
export function defaultDaemonSet(o: Json): void {
  const spec = (o.spec ??= {});
  const us = (spec.updateStrategy ??= {});
  us.type ||= "RollingUpdate";
  if (us.type === "RollingUpdate") {
    us.rollingUpdate ??= {};
    us.rollingUpdate.maxUnavailable ??= 1;
    us.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec(spec.template);
}

/** SetDefaults_Job (batch/v1): completions and parallelism 1 when both unset, backoffLimit 6. */
export function defaultJob(o: Json): void {
  const spec = (o.spec ??= {});
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ||= "NonIndexed";
  spec.suspend ??= false;
  spec.podReplacementPolicy ||= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
  defaultPodTemplateSpec(spec.template);
}

/** SetDefaults_CronJob (batch/v1). */
export function defaultCronJob(o: Json): void {
  const spec = (o.spec ??= {});
  spec.concurrencyPolicy ||= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  // Only the pod template of a job template is defaulted (SetDefaults_Job takes a Job, not a JobSpec).
  defaultPodTemplateSpec(spec.jobTemplate?.spec?.template);
}
