// Why: Roles, ClusterRoles and their bindings have Kubernetes' own rules (verbs required, URLs only cluster-wide, subject kinds and groups, roleRef immutable), with its wording.

import { FieldErrors, GoValue } from "./field-errors";
import { isDNS1123Subdomain } from "./names";
import type { NameValidator } from "./object-meta";
import { validateLabelSelector } from "./apps";

/* eslint-disable @typescript-eslint/no-explicit-any -- objects arrive as decoded JSON */
type Json = any;

const RBAC_GROUP = "rbac.authorization.k8s.io";

/** RBAC object names only need to be valid path segments (ValidateRBACName / IsValidPathSegmentName). */
export const nameIsPathSegment: NameValidator = (name) => {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  const out: string[] = [];
  if (name.includes("/")) out.push("may not contain '/'");
  if (name.includes("%")) out.push("may not contain '%'");
  return out;
};

const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** ValidatePolicyRule: verbs required; URLs only in cluster roles and never mixed with resources; resource rules need groups and resources. */
function validatePolicyRule(rule: Json, namespaced: boolean, path: string, errs: FieldErrors): void {
  if (len(rule?.verbs) === 0) errs.required(`${path}.verbs`, "verbs must contain at least one value");
  if (len(rule?.nonResourceURLs) > 0) {
    if (namespaced) errs.invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, "namespaced rules cannot apply to non-resource URLs");
    if (len(rule.apiGroups) > 0 || len(rule.resources) > 0 || len(rule.resourceNames) > 0)
      errs.invalid(`${path}.nonResourceURLs`, rule.nonResourceURLs, "rules cannot apply to both regular resources and non-resource URLs");
    return;
  }
  if (len(rule?.apiGroups) === 0) errs.required(`${path}.apiGroups`, "resource rules must supply at least one api group");
  if (len(rule?.resources) === 0) errs.required(`${path}.resources`, "resource rules must supply at least one resource");
  if (len(rule?.resourceNames) > 0 && len(rule?.resources) > 1) errs.required(`${path}.resourceNames`, "resource names cannot apply to multiple resources");
}

function validateRules(obj: Json, namespaced: boolean, errs: FieldErrors): void {
  (Array.isArray(obj.rules) ? obj.rules : []).forEach((r: Json, i: number) => validatePolicyRule(r, namespaced, `rules[${i}]`, errs));
}

/** ValidateRole. */
export function validateRole(obj: Json, errs: FieldErrors): void {
  validateRules(obj, true, errs);
}

/** ValidateClusterRole: rules, and an aggregationRule with at least one valid selector. */
export function validateClusterRole(obj: Json, errs: FieldErrors): void {
  validateRules(obj, false, errs);
  const agg = obj.aggregationRule;
  if (agg === undefined || agg === null) return;
  const selectors: Json[] = Array.isArray(agg.clusterRoleSelectors) ? agg.clusterRoleSelectors : [];
  if (selectors.length === 0) errs.required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil");
  selectors.forEach((s, i) => validateLabelSelector(s ?? {}, `aggregationRule.clusterRoleSelectors[${i}]`, errs));
}

function validateSubject(s: Json, namespaced: boolean, path: string, errs: FieldErrors): void {
  const name = typeof s?.name === "string" ? s.name : "";
  const apiGroup = s?.apiGroup ?? "";
  if (!name) errs.required(`${path}.name`);
  switch (s?.kind) {
    case "ServiceAccount":
      if (name) errs.invalidEach(`${path}.name`, name, isDNS1123Subdomain(name));
      if (apiGroup) errs.notSupported(`${path}.apiGroup`, apiGroup, [""]);
      if (!namespaced && !s.namespace) errs.required(`${path}.namespace`);
      break;
    case "User":
    case "Group":
      if (!name) errs.invalid(`${path}.name`, name, `${s.kind === "User" ? "user" : "group"} name cannot be empty`);
      if (apiGroup !== RBAC_GROUP) errs.notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]);
      break;
    default:
      errs.notSupported(`${path}.kind`, s?.kind ?? "", ["ServiceAccount", "User", "Group"]);
  }
}

function validateBinding(obj: Json, namespaced: boolean, errs: FieldErrors): void {
  const ref = obj.roleRef ?? {};
  if ((ref.apiGroup ?? "") !== RBAC_GROUP) errs.notSupported("roleRef.apiGroup", ref.apiGroup ?? "", [RBAC_GROUP]);
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(ref.kind)) errs.notSupported("roleRef.kind", ref.kind ?? "", kinds);
  if (!ref.name) errs.required("roleRef.name");
  else errs.invalidEach("roleRef.name", ref.name, nameIsPathSegment(ref.name, false));
  (Array.isArray(obj.subjects) ? obj.subjects : []).forEach((s: Json, i: number) => validateSubject(s, namespaced, `subjects[${i}]`, errs));
}

/** ValidateRoleBinding: roleRef to a Role or ClusterRole of the RBAC group, and well-formed subjects. */
export function validateRoleBinding(obj: Json, errs: FieldErrors): void {
  validateBinding(obj, true, errs);
}

/** ValidateClusterRoleBinding: roleRef to a ClusterRole; ServiceAccount subjects must name their namespace. */
export function validateClusterRoleBinding(obj: Json, errs: FieldErrors): void {
  validateBinding(obj, false, errs);
}

/** `rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}`, as Go's %#v prints it. */
function goRoleRef(ref: Json): GoValue {
  const q = (v: unknown) => JSON.stringify(typeof v === "string" ? v : "");
  return new GoValue(`rbac.RoleRef{APIGroup:${q(ref?.apiGroup)}, Kind:${q(ref?.kind)}, Name:${q(ref?.name)}}`);
}

/** A binding's roleRef cannot change (`roleRef: Invalid value: rbac.RoleRef{...}: cannot change roleRef`). */
export function validateBindingUpdate(next: Json, prev: Json, errs: FieldErrors): void {
  const a = next.roleRef ?? {};
  const b = prev.roleRef ?? {};
  if ((a.apiGroup ?? "") !== (b.apiGroup ?? "") || (a.kind ?? "") !== (b.kind ?? "") || (a.name ?? "") !== (b.name ?? "")) errs.invalid("roleRef", goRoleRef(a), "cannot change roleRef");
}

/** The validation rules of the four RBAC kinds, by `group/Kind`, as validate.ts registers them. */
export const RBAC_KIND_RULES = {
  [`${RBAC_GROUP}/Role`]: { name: nameIsPathSegment, create: validateRole },
  [`${RBAC_GROUP}/ClusterRole`]: { name: nameIsPathSegment, create: validateClusterRole },
  [`${RBAC_GROUP}/RoleBinding`]: { name: nameIsPathSegment, create: validateRoleBinding, update: validateBindingUpdate },
  [`${RBAC_GROUP}/ClusterRoleBinding`]: { name: nameIsPathSegment, create: validateClusterRoleBinding, update: validateBindingUpdate },
} satisfies Record<string, { name: NameValidator; create?: (o: Json, e: FieldErrors) => void; update?: (n: Json, p: Json, e: FieldErrors) => void }>;
