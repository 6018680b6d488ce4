// Why: `kubectl auth can-i` asks the apiserver, through authorization.k8s.io reviews, what the authorizer would decide; the answers are computed here, never stored.

import { badRequest, CauseType, invalid, type StatusCause } from "../api/errors";
import type { KubeObject } from "../api/types";
import type { AuthorizationAttributes, Authorizer, NonResourceRuleInfo, ResourceRuleInfo } from "./authorizer";
import type { UserInfo } from "./types";

/** The API group of the review kinds. */
export const AUTHORIZATION_GROUP = "authorization.k8s.io";

/** authorization/v1 ResourceAttributes: the resource request to check. Empty namespace means every namespace. */
export interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** authorization/v1 NonResourceAttributes: a URL path (`/healthz`) and an HTTP verb in lower case. */
export interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

/** The spec of (Local)SubjectAccessReview; SelfSubjectAccessReview uses only the two attribute fields. */
export interface SubjectAccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
  uid?: string;
}

/** authorization/v1 SubjectAccessReviewStatus. */
export interface SubjectAccessReviewStatus {
  allowed: boolean;
  /** Set when an authorizer denied outright (RBAC never does: it only fails to allow). */
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

/** authorization/v1 SubjectRulesReviewStatus. */
export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  incomplete: boolean;
  evaluationError?: string;
}

/** Any of the review objects, as sent and as answered (the answer adds `status`). */
export interface ReviewObject extends KubeObject {
  spec?: SubjectAccessReviewSpec & { namespace?: string };
  status?: SubjectAccessReviewStatus | SubjectRulesReviewStatus;
}

/** The review kinds by their plural resource name. */
export const REVIEW_KINDS = {
  selfsubjectaccessreviews: { kind: "SelfSubjectAccessReview", namespaced: false },
  subjectaccessreviews: { kind: "SubjectAccessReview", namespaced: false },
  localsubjectaccessreviews: { kind: "LocalSubjectAccessReview", namespaced: true },
  selfsubjectrulesreviews: { kind: "SelfSubjectRulesReview", namespaced: false },
} as const;

export type ReviewResource = keyof typeof REVIEW_KINDS;

/** Go's %v of a value in field errors: `null` for nil, the string itself otherwise. */
const shown = (v: unknown) => (v === undefined || v === null ? "null" : typeof v === "string" ? v : JSON.stringify(v));

function specCauses(spec: SubjectAccessReviewSpec): StatusCause[] {
  const causes: StatusCause[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    causes.push({ reason: CauseType.Invalid, field: "spec.nonResourceAttributes", message: `Invalid value: ${JSON.stringify(shown(spec.nonResourceAttributes))}: cannot be specified in combination with resourceAttributes` });
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    causes.push({ reason: CauseType.Invalid, field: "spec.resourceAttributes", message: `Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified` });
  }
  return causes;
}

/** The authorizer's question for a review spec, asked as `user`. */
export function attributesOf(user: UserInfo, spec: SubjectAccessReviewSpec): AuthorizationAttributes {
  const n = spec.nonResourceAttributes;
  if (n && !spec.resourceAttributes) return { user, verb: n.verb ?? "", path: n.path ?? "", group: "", resource: "" };
  const r = spec.resourceAttributes ?? {};
  return {
    user,
    verb: r.verb ?? "",
    group: r.group ?? "",
    resource: r.resource ?? "",
    ...(r.subresource ? { subresource: r.subresource } : {}),
    ...(r.namespace ? { namespace: r.namespace } : {}),
    ...(r.name ? { name: r.name } : {}),
  };
}

/** What the authorizer decides for `user` and `spec`, as a SubjectAccessReviewStatus. */
export function reviewAccess(authorizer: Authorizer, user: UserInfo, spec: SubjectAccessReviewSpec): SubjectAccessReviewStatus {
  try {
    const d = authorizer.authorize(attributesOf(user, spec));
    return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) };
  } catch (e) {
    return { allowed: false, evaluationError: (e as Error).message ?? String(e) };
  }
}

function answer(review: ReviewObject, kind: string, spec: ReviewObject["spec"], status: ReviewObject["status"]): ReviewObject {
  return {
    apiVersion: review.apiVersion || `${AUTHORIZATION_GROUP}/v1`,
    kind,
    metadata: { ...(review.metadata ?? {}), creationTimestamp: null as unknown as undefined },
    spec,
    status,
  };
}

function bodyOf(review: unknown, kind: string): ReviewObject {
  if (!review || typeof review !== "object" || Array.isArray(review)) throw badRequest(`the body of the request is not a ${kind}`);
  const r = review as ReviewObject;
  if (r.kind && r.kind !== kind) throw badRequest(`the body of the request was a ${r.kind}, not a ${kind}`);
  return r;
}

/** SelfSubjectAccessReview: may the requesting user do what `spec` describes? */
export function selfSubjectAccessReview(authorizer: Authorizer, user: UserInfo, body: unknown): ReviewObject {
  const kind = REVIEW_KINDS.selfsubjectaccessreviews.kind;
  const review = bodyOf(body, kind);
  const spec = { ...(review.spec?.resourceAttributes ? { resourceAttributes: review.spec.resourceAttributes } : {}), ...(review.spec?.nonResourceAttributes ? { nonResourceAttributes: review.spec.nonResourceAttributes } : {}) };
  const causes = specCauses(spec);
  if (causes.length) throw invalid({ group: AUTHORIZATION_GROUP, kind, name: "" }, causes);
  return answer(review, kind, spec, reviewAccess(authorizer, user, spec));
}

/**
 * SubjectAccessReview (and LocalSubjectAccessReview, whose `namespace` comes from the URL and must
 * match the resource attributes'): may the user named in `spec` do it? The caller must have been
 * allowed to create the review itself.
 */
export function subjectAccessReview(authorizer: Authorizer, body: unknown, namespace?: string): ReviewObject {
  const kind = namespace === undefined ? REVIEW_KINDS.subjectaccessreviews.kind : REVIEW_KINDS.localsubjectaccessreviews.kind;
  const review = bodyOf(body, kind);
  const spec: SubjectAccessReviewSpec = review.spec ?? {};
  const causes = specCauses(spec);
  if (!spec.user && !(spec.groups ?? []).length) causes.push({ reason: CauseType.Invalid, field: "spec.user", message: `Invalid value: "": at least one of user or group must be specified` });
  if (namespace !== undefined) {
    if (spec.nonResourceAttributes) causes.push({ reason: CauseType.Invalid, field: "spec.nonResourceAttributes", message: `Invalid value: ${JSON.stringify(shown(spec.nonResourceAttributes))}: disallowed on this kind of request` });
    if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? "") !== namespace) {
      causes.push({ reason: CauseType.Invalid, field: "spec.resourceAttributes.namespace", message: `Invalid value: ${JSON.stringify(spec.resourceAttributes.namespace ?? "")}: must match metadata.namespace` });
    }
  }
  if (causes.length) throw invalid({ group: AUTHORIZATION_GROUP, kind, name: "" }, causes);
  const subject: UserInfo = { name: spec.user ?? "", groups: [...(spec.groups ?? [])], ...(spec.uid ? { uid: spec.uid } : {}), ...(spec.extra ? { extra: spec.extra } : {}) };
  return answer(review, kind, spec, reviewAccess(authorizer, subject, spec));
}

/**
 * SelfSubjectRulesReview: every rule that applies to the requesting user in `spec.namespace`.
 * An authorizer that cannot list its rules answers an empty, `incomplete` list, as webhook
 * authorizers do in Kubernetes.
 */
export function selfSubjectRulesReview(authorizer: Authorizer, user: UserInfo, body: unknown): ReviewObject {
  const kind = REVIEW_KINDS.selfsubjectrulesreviews.kind;
  const review = bodyOf(body, kind);
  const namespace = review.spec?.namespace ?? "";
  if (!namespace) throw badRequest("no namespace on request");
  let status: SubjectRulesReviewStatus;
  if (!authorizer.rulesFor) status = { resourceRules: [], nonResourceRules: [], incomplete: true };
  else {
    try {
      const r = authorizer.rulesFor(user, namespace);
      status = { resourceRules: r.resourceRules, nonResourceRules: r.nonResourceRules, incomplete: r.incomplete, ...(r.evaluationError ? { evaluationError: r.evaluationError } : {}) };
    } catch (e) {
      status = { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: (e as Error).message ?? String(e) };
    }
  }
  return answer(review, kind, { namespace }, status);
}
