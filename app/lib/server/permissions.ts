// Why: the console shows only the actions the signed-in user may take; every answer comes from the apiserver's own authorizer, as SelfSubjectAccessReview and SelfSubjectRulesReview give it.

import { cache } from "react";
import { forbiddenError, type AuthorizationAttributes, type Authorizer, type RulesInfo } from "@/core/apiserver/authorizer";
import type { UserInfo } from "@/core/apiserver/types";
import type { ApiError } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import { IAM_GROUP } from "@/server/identity/names";
import { getRuntime } from "@/server/runtime/runtime";
import { resolveKind } from "@/server/services";
import { consoleUser } from "./console-user";

export { IAM_GROUP };

/** A question about one request, without the user (SelfSubjectAccessReview's resourceAttributes). */
export type AccessQuestion = Omit<AuthorizationAttributes, "user">;

/** The authorizer's answer: allowed or not, and its reason when it gave one. */
export interface AccessAnswer {
  allowed: boolean;
  reason?: string;
}

/** What a user may do to one object: the buttons of its detail page. */
export interface ObjectActions {
  get: boolean;
  /** Edit YAML / apply over it (`update`, as the console writes whole objects). */
  update: boolean;
  delete: boolean;
  /** The console scales by updating the Deployment, so this is `update` on it; false for kinds that do not scale. */
  scale: boolean;
}

/** Which console sections the user may use: the navigation shows only these. */
export interface ConsoleSections {
  /** Everyone may review their own access (system:basic-user grants the self reviews). */
  access: boolean;
  /** `list users.iam.wheelhouse.dev`. */
  users: boolean;
  /** `list teams.iam.wheelhouse.dev`. */
  teams: boolean;
  /** `list auditevents.iam.wheelhouse.dev`. */
  audit: boolean;
  /** Personal access tokens are one's own: every signed-in user. */
  tokens: boolean;
}

/** The attributes of `verb` on `type`: a namespace only for namespaced types, as the apiserver's RequestInfo has it. */
export function questionFor(verb: string, type: ResourceType, namespace?: string, name?: string, subresource?: string): AccessQuestion {
  return {
    verb,
    group: type.group,
    resource: type.plural,
    ...(subresource ? { subresource } : {}),
    ...(type.namespaced && namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

/**
 * One user's permissions, asked of the same authorizer that decides their requests, so a
 * button is shown exactly when the request behind it would be allowed. The pages hide what
 * this refuses; the server actions still authorize on their own (through the apiserver).
 */
export class Permissions {
  constructor(
    private readonly authorizer: Authorizer,
    readonly user: UserInfo,
  ) {}

  /** SelfSubjectAccessReview: may the user make this request, and why (the authorizer's reason). */
  check(q: AccessQuestion): AccessAnswer {
    try {
      const d = this.authorizer.authorize({ ...q, user: this.user });
      return d.reason ? { allowed: d.allowed, reason: d.reason } : { allowed: d.allowed };
    } catch (e) {
      return { allowed: false, reason: (e as Error).message ?? String(e) };
    }
  }

  /** True when the request would be allowed. */
  can(q: AccessQuestion): boolean {
    return this.check(q).allowed;
  }

  /** Kubernetes' 403 for a refused question (`deployments.apps "web" is forbidden: User "bob" cannot delete ...`), or undefined when allowed. */
  forbidden(q: AccessQuestion): ApiError | undefined {
    const a = this.check(q);
    return a.allowed ? undefined : forbiddenError({ ...q, user: this.user }, a.reason);
  }

  /** The detail page's buttons for one object of `kind` (any name kubectl accepts). */
  objectActions(kind: string | ResourceType, namespace: string | undefined, name: string): ObjectActions {
    const type = resolveKind(kind);
    const can = (verb: string) => this.can(questionFor(verb, type, namespace, name));
    const update = can("update");
    return { get: can("get"), update, delete: can("delete"), scale: type.group === "apps" && type.kind === "Deployment" && update };
  }

  /** The sections of the console the user may open (for the navigation). */
  sections(): ConsoleSections {
    const iam = (resource: string) => this.can({ verb: "list", group: IAM_GROUP, resource });
    return {
      access: true,
      users: iam("users"),
      teams: iam("teams"),
      audit: iam("auditevents"),
      tokens: true,
    };
  }

  /** SelfSubjectRulesReview: every rule that applies to the user in `namespace`. */
  rules(namespace: string): RulesInfo {
    if (!this.authorizer.rulesFor) return { resourceRules: [], nonResourceRules: [], incomplete: true };
    try {
      return this.authorizer.rulesFor(this.user, namespace);
    } catch (e) {
      return { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: (e as Error).message ?? String(e) };
    }
  }
}

/** The signed-in user's permissions for this request (one instance per request, however many components ask). */
export const consolePermissions = cache(async (): Promise<Permissions> => {
  const [user, rt] = await Promise.all([consoleUser(), getRuntime()]);
  return new Permissions(rt.apiServer.authorizer, user);
});
