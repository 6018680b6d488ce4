// Why: Deployments and ReplicaSets are validated as apps/v1 does: selector required and matching the template, strategy rules, immutable selector.

import { matches, selectorFromLabelSelector } from "../selectors";
import type { LabelSelector } from "../types";
import { FieldErrors, GoValue, goStringMap, intOrStringValue } from "./field-errors";
import { isDNS1123Subdomain, isLabelValue, isQualifiedName, isValidPercent } from "./names";
import { validatePodTemplateSpec } from "./pod";

/* eslint-disable @typescript-eslint/no-explicit-any -- specs arrive as decoded JSON */
type Json = any;

/** How Go prints a v1.LabelSelector with %#v, as in Kubernetes' `field is immutable` message. */
export function goLabelSelector(sel: LabelSelector | undefined): GoValue {
  if (!sel) return new GoValue("(*v1.LabelSelector)(nil)");
  const exprs = sel.matchExpressions;
  const e = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((x) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(x.key)}, Operator:${JSON.stringify(x.operator)}, Values:[]string{${(x.values ?? []).map((v) => JSON.stringify(v)).join(", ")}}}`)
        .join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${e}}`);
}

/** ValidateLabelSelector (metav1validation): keys, operators and values. */
export function validateLabelSelector(sel: LabelSelector, path: string, errs: FieldErrors): void {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    errs.invalidEach(`${path}.matchLabels`, k, isQualifiedName(k));
    errs.invalidEach(`${path}.matchLabels`, v, isLabelValue(String(v)));
  }
  (sel.matchExpressions ?? []).forEach((x, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    errs.invalidEach(`${p}.key`, x.key, isQualifiedName(x.key ?? ""));
    const values = x.values ?? [];
    if (x.operator === "In" || x.operator === "NotIn") {
      if (values.length === 0) errs.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'");
    } else if (x.operator === "Exists" || x.operator === "DoesNotExist") {
      if (values.length > 0) errs.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    } else {
      errs.invalid(`${p}.operator`, x.operator, "not a valid selector operator");
    }
  });
}

function nonNegative(errs: FieldErrors, path: string, v: unknown): void {
  if (typeof v === "number" && v < 0) errs.invalid(path, v, "must be greater than or equal to 0");
}

/** The replicated-pods part shared by ReplicaSet, Deployment, StatefulSet and DaemonSet: selector, template match, restartPolicy Always. */
export function validateSelectorAndTemplate(spec: Json, errs: FieldErrors, what: string): void {
  const sel: LabelSelector | undefined = spec.selector;
  if (!sel) {
    errs.required("spec.selector");
  } else {
    validateLabelSelector(sel, "spec.selector", errs);
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) errs.invalid("spec.selector", goLabelSelector(sel), `empty selector is invalid for ${what}`);
  }
  const template = spec.template;
  if (!template) {
    errs.required("spec.template");
    return;
  }
  if (sel) {
    let reqs = null;
    try {
      reqs = selectorFromLabelSelector(sel);
    } catch {
      reqs = null;
      errs.invalid("spec.selector", goLabelSelector(sel), "invalid label selector");
    }
    const labels = template.metadata?.labels ?? {};
    if (reqs && !matches(reqs, labels)) errs.invalid("spec.template.metadata.labels", new GoValue(goStringMap(labels)), "`selector` does not match template `labels`");
  }
  validatePodTemplateSpec(template, "spec.template", errs);
  const rp = template.spec?.restartPolicy;
  if (rp && rp !== "Always") errs.notSupported("spec.template.spec.restartPolicy", rp, ["Always"]);
  if (template.spec?.activeDeadlineSeconds !== undefined) errs.forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported");
}

function intOrPercent(v: unknown, path: string, errs: FieldErrors): number | undefined {
  if (typeof v === "number") {
    nonNegative(errs, path, v);
    return v;
  }
  if (typeof v === "string") {
    if (isValidPercent(v).length) {
      errs.invalid(path, v, "must be an integer or percentage (e.g '5%')");
      return undefined;
    }
    return Number(v.slice(0, -1));
  }
  return undefined;
}

function validateStrategy(strategy: Json, errs: FieldErrors): void {
  const p = "spec.strategy";
  const type = strategy?.type;
  if (type === "Recreate") {
    if (strategy.rollingUpdate) errs.forbidden(`${p}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'");
  } else if (type === "RollingUpdate") {
    const ru = strategy.rollingUpdate;
    if (!ru) {
      errs.required(`${p}.rollingUpdate`, "this should be defaulted and never be nil");
      return;
    }
    const mu = intOrPercent(ru.maxUnavailable, `${p}.rollingUpdate.maxUnavailable`, errs);
    const ms = intOrPercent(ru.maxSurge, `${p}.rollingUpdate.maxSurge`, errs);
    if (mu === 0 && ms === 0) errs.invalid(`${p}.rollingUpdate.maxUnavailable`, intOrStringValue(ru.maxUnavailable), "may not be 0 when `maxSurge` is 0");
    if (typeof ru.maxUnavailable === "string" && mu !== undefined && mu > 100)
      errs.invalid(`${p}.rollingUpdate.maxUnavailable`, intOrStringValue(ru.maxUnavailable), "must not be greater than 100%");
  } else {
    errs.notSupported(`${p}.type`, type ?? "", ["Recreate", "RollingUpdate"]);
  }
}

/** ValidateDeployment (spec part; metadata is checked by the caller). */
export function validateDeploymentSpec(spec: Json, errs: FieldErrors): void {
  if (!spec) return errs.required("spec");
  nonNegative(errs, "spec.replicas", spec.replicas);
  validateSelectorAndTemplate(spec, errs, "deployment");
  validateStrategy(spec.strategy, errs);
  nonNegative(errs, "spec.minReadySeconds", spec.minReadySeconds);
  nonNegative(errs, "spec.revisionHistoryLimit", spec.revisionHistoryLimit);
  if (spec.rollbackTo) errs.forbidden("spec.rollbackTo", "field is not supported");
  if (typeof spec.progressDeadlineSeconds === "number") {
    nonNegative(errs, "spec.progressDeadlineSeconds", spec.progressDeadlineSeconds);
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
      errs.invalid("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds, "must be greater than minReadySeconds");
  }
}

/** ValidateReplicaSet (spec part). */
export function validateReplicaSetSpec(spec: Json, errs: FieldErrors): void {
  if (!spec) return errs.required("spec");
  nonNegative(errs, "spec.replicas", spec.replicas);
  nonNegative(errs, "spec.minReadySeconds", spec.minReadySeconds);
  validateSelectorAndTemplate(spec, errs, "deployment");
}

/** apps/v1 makes the selector of Deployments and ReplicaSets immutable. */
export function validateSelectorUpdate(next: Json, prev: Json, errs: FieldErrors): void {
  errs.immutable("spec.selector", next?.selector, prev?.selector, goLabelSelector(next?.selector));
}

/** Names of Deployments and ReplicaSets are DNS subdomains. */
export const appsNameErrors = (name: string) => isDNS1123Subdomain(name);
