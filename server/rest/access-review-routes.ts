// Why: `kubectl auth can-i` POSTs authorization.k8s.io/v1 reviews; they are answered from the apiserver's authorizer and never stored.

import { methodNotAllowed } from "@/core/api/errors";
import { AUTHORIZATION_GROUP, REVIEW_KINDS, selfSubjectAccessReview, selfSubjectRulesReview, subjectAccessReview, type ReviewResource } from "@/core/apiserver/access-review";
import { allowAllAuthorizer, type Authorizer } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { readObjectBody } from "./body";
import { jsonResponse, notFoundStatus } from "./responses";
import type { ResourceRequest } from "./router";

/** True for requests of authorization.k8s.io/v1 (served here, not from the store). */
export function isAccessReviewRequest(group: string, version: string): boolean {
  return group === AUTHORIZATION_GROUP && version === "v1";
}

/** The apiserver's authorizer (ApiServer exposes it; a runtime without one allows everything, as ApiServer's default does). */
function authorizerOf(rt: ClusterRuntime): Authorizer {
  return (rt.apiServer as ClusterRuntime["apiServer"] & { authorizer?: Authorizer }).authorizer ?? allowAllAuthorizer;
}

/**
 * POST /apis/authorization.k8s.io/v1/{selfsubjectaccessreviews,subjectaccessreviews,selfsubjectrulesreviews}
 * and namespaces/{ns}/localsubjectaccessreviews. Creating the review is itself authorized (`create` on the
 * review resource), as in Kubernetes where system:basic-user grants the self reviews to everyone.
 * Answers 201 with the review and its status. Other verbs are 405; unknown resources 404.
 */
export async function accessReviewResponse(rt: ClusterRuntime, user: UserInfo, request: Request, req: ResourceRequest): Promise<Response> {
  const def = (REVIEW_KINDS as Record<string, (typeof REVIEW_KINDS)[ReviewResource]>)[req.resource];
  if (!def || req.subresource || req.name || (def.namespaced ? !req.namespace : req.namespace)) return jsonResponse(notFoundStatus(), 404);
  if (req.verb !== "create") throw methodNotAllowed("the server does not allow this method on the requested resource");
  const authorizer = authorizerOf(rt);
  const server = rt.apiServer as ClusterRuntime["apiServer"] & { authorize?: (a: Parameters<Authorizer["authorize"]>[0]) => void };
  server.authorize?.({ user, verb: "create", group: AUTHORIZATION_GROUP, resource: req.resource, ...(req.namespace ? { namespace: req.namespace } : {}) });
  const body = await readObjectBody(request);
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
