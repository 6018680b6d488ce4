// Why: `kubectl auth can-i` POSTs authorization.k8s.io/v1 reviews (answered from the apiserver's authorizer) and `kubectl auth whoami` an authentication.k8s.io/v1 SelfSubjectReview; none is stored.

import { AUTHORIZATION_GROUP, REVIEW_KINDS, selfSubjectAccessReview, selfSubjectRulesReview, subjectAccessReview, type ReviewResource } from "@/core/apiserver/access-review";
import type { Authorizer } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { readObjectBody } from "./body";
import { jsonResponse, notFoundStatus } from "./responses";
import { noRoute, type ResourceRequest } from "./router";

const AUTHENTICATION_GROUP = "authentication.k8s.io";

/** True for requests of authorization.k8s.io/v1 and authentication.k8s.io/v1 (served here, not from the store). */
export function isAccessReviewRequest(group: string, version: string): boolean {
  return (group === AUTHORIZATION_GROUP || group === AUTHENTICATION_GROUP) && version === "v1";
}

/** authentication/v1 SelfSubjectReview: the user this request authenticated as (`kubectl auth whoami`). */
function selfSubjectReview(user: UserInfo, body: unknown): object {
  const meta = body && typeof body === "object" && !Array.isArray(body) ? ((body as { metadata?: object }).metadata ?? {}) : {};
  return {
    apiVersion: `${AUTHENTICATION_GROUP}/v1`,
    kind: "SelfSubjectReview",
    metadata: { ...meta, creationTimestamp: null },
    status: { userInfo: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups], ...(user.extra ? { extra: user.extra } : {}) } },
  };
}

/**
 * POST /apis/authorization.k8s.io/v1/{selfsubjectaccessreviews,subjectaccessreviews,selfsubjectrulesreviews}
 * and namespaces/{ns}/localsubjectaccessreviews. Creating the review is itself authorized (`create` on the
 * review resource), as in Kubernetes where system:basic-user grants the self reviews to everyone.
 * Answers 201 with the review and its status. Other verbs are 405; unknown resources 404.
 */
export async function accessReviewResponse(rt: ClusterRuntime, user: UserInfo, request: Request, req: ResourceRequest): Promise<Response> {
  if (req.group === AUTHENTICATION_GROUP) return whoAmIResponse(user, request, req);
  const def = (REVIEW_KINDS as Record<string, (typeof REVIEW_KINDS)[ReviewResource]>)[req.resource];
  if (!def || req.subresource || req.name || (def.namespaced ? !req.namespace : req.namespace)) return jsonResponse(notFoundStatus(), 404);
  if (req.verb !== "create") throw noRoute();
  const authorizer = rt.apiServer.authorizer;
  const server = rt.apiServer as ClusterRuntime["apiServer"] & { authorize?: (a: Parameters<Authorizer["authorize"]>[0]) => void };
  server.authorize?.({ user, verb: "create", group: AUTHORIZATION_GROUP, resource: req.resource, ...(req.namespace ? { namespace: req.namespace } : {}) });
  const body = await readObjectBody(request, def.kind);
  switch (req.resource as ReviewResource) {
    case "selfsubjectaccessreviews":
      return jsonResponse(selfSubjectAccessReview(authorizer, user, body), 201);
    case "selfsubjectrulesreviews":
      return jsonResponse(selfSubjectRulesReview(authorizer, user, body), 201);
    case "subjectaccessreviews":
      return jsonResponse(subjectAccessReview(authorizer, body), 201);
    case "localsubjectaccessreviews":
      return jsonResponse(subjectAccessReview(authorizer, body, req.namespace), 201);
  }
}

/** POST /apis/authentication.k8s.io/v1/selfsubjectreviews, open to every authenticated user (as system:basic-user grants it). */
async function whoAmIResponse(user: UserInfo, request: Request, req: ResourceRequest): Promise<Response> {
  if (req.resource !== "selfsubjectreviews" || req.subresource || req.name || req.namespace) return jsonResponse(notFoundStatus(), 404);
  if (req.verb !== "create") throw noRoute();
  return jsonResponse(selfSubjectReview(user, await readObjectBody(request, "SelfSubjectReview")), 201);
}
