// Why: one entry point that validates any served kind on create and on update, returning Kubernetes field causes.

import { invalid, type StatusCause } from "../errors";
import type { ResourceType } from "../resources";
import type { KubeObject } from "../types";
import { validateDeploymentSpec, validateReplicaSetSpec, validateSelectorUpdate } from "./apps";
import {
  validateConfigMap,
  validateDataUpdate,
  validateEvent,
  validateLease,
  validateNamespace,
  validateNode,
  validateSecret,
  validateServiceSpec,
  validateServiceUpdate,
} from "./core-kinds";
import { FieldErrors } from "./field-errors";
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate, type NameValidator } from "./object-meta";
import { validatePodSpec, validatePodSpecUpdate, validatePodTemplateSpec } from "./pod";
import { RBAC_KIND_RULES } from "./rbac";
import { validateCronJob, validateDaemonSet, validateDaemonSetUpdate, validateJob, validateJobUpdate, validateStatefulSet, validateStatefulSetUpdate } from "./workloads";

interface KindRules {
  name: NameValidator;
  create?: (obj: KubeObject, errs: FieldErrors) => void;
  update?: (next: KubeObject, prev: KubeObject, errs: FieldErrors) => void;
}

const RULES: Record<string, KindRules> = {
  "/Pod": { name: nameIsDNSSubdomain, create: (o, e) => validatePodSpec(o.spec, "spec", e), update: (n, p, e) => validatePodSpecUpdate(n.spec, p.spec, e) },
  "/PodTemplate": { name: nameIsDNSSubdomain, create: (o, e) => validatePodTemplateSpec(o.template, "template", e) },
  "/Service": { name: nameIsDNS1035Label, create: (o, e) => validateServiceSpec(o.spec, e), update: (n, p, e) => validateServiceUpdate(n, p, e) },
  "/Namespace": { name: nameIsDNSLabel, create: validateNamespace },
  "/Node": { name: nameIsDNSSubdomain, create: validateNode },
  "/ConfigMap": { name: nameIsDNSSubdomain, create: validateConfigMap, update: (n, p, e) => validateDataUpdate("ConfigMap", n, p, e) },
  "/Secret": { name: nameIsDNSSubdomain, create: validateSecret, update: (n, p, e) => validateDataUpdate("Secret", n, p, e) },
  "/ServiceAccount": { name: nameIsDNSSubdomain },
  "/Endpoints": { name: nameIsDNSSubdomain },
  "/Event": { name: nameIsDNSSubdomain, create: validateEvent },
  "apps/Deployment": { name: nameIsDNSSubdomain, create: (o, e) => validateDeploymentSpec(o.spec, e), update: (n, p, e) => validateSelectorUpdate(n.spec, p.spec, e) },
  "apps/ReplicaSet": { name: nameIsDNSSubdomain, create: (o, e) => validateReplicaSetSpec(o.spec, e), update: (n, p, e) => validateSelectorUpdate(n.spec, p.spec, e) },
  "coordination.k8s.io/Lease": { name: nameIsDNSSubdomain, create: validateLease },
  "apps/StatefulSet": { name: nameIsDNSSubdomain, create: validateStatefulSet, update: validateStatefulSetUpdate },
  "apps/DaemonSet": { name: nameIsDNSSubdomain, create: validateDaemonSet, update: validateDaemonSetUpdate },
  "batch/Job": { name: nameIsDNSSubdomain, create: validateJob, update: validateJobUpdate },
  "batch/CronJob": { name: nameIsDNSSubdomain, create: validateCronJob },
  ...RBAC_KIND_RULES,
};

const DEFAULT_RULES: KindRules = { name: nameIsDNSSubdomain };

function rulesFor(type: ResourceType): KindRules {
  return RULES[`${type.group}/${type.kind}`] ?? DEFAULT_RULES;
}

/** The causes that make a new object invalid (empty when valid). */
export function validateCreate(obj: KubeObject, type: ResourceType): StatusCause[] {
  const errs = new FieldErrors();
  const rules = rulesFor(type);
  validateObjectMeta(obj.metadata, type.namespaced, rules.name, errs);
  rules.create?.(obj, errs);
  return errs.causes;
}

/** The causes that make an update invalid: the new object's own rules, then what may not change from `prev`. */
export function validateUpdate(next: KubeObject, prev: KubeObject, type: ResourceType): StatusCause[] {
  const errs = new FieldErrors();
  const rules = rulesFor(type);
  validateObjectMetaUpdate(next.metadata ?? {}, prev.metadata ?? {}, errs);
  validateObjectMeta(next.metadata, type.namespaced, rules.name, errs);
  rules.create?.(next, errs);
  rules.update?.(next, prev, errs);
  return errs.causes;
}

/** Throws 422 Invalid (`Deployment.apps "web" is invalid: ...`) when there are causes. */
export function throwIfInvalid(obj: KubeObject, type: ResourceType, causes: StatusCause[]): void {
  if (causes.length) throw invalid({ group: type.group || undefined, kind: type.kind, name: obj.metadata?.name ?? obj.metadata?.generateName }, causes);
}
