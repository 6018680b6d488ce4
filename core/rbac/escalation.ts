// Why: RBAC would be pointless if anyone allowed to write roles could grant themselves more; creates and updates of roles and bindings must only hand out what the writer holds.

import { forbidden } from "../api/errors";
import type { ResourceType } from "../api/resources";
import type { KubeObject } from "../api/types";
import type { PlannedObjects } from "../apiserver/api-server";
import type { Authorizer } from "../apiserver/authorizer";
import type { UserInfo } from "../apiserver/types";
import { compactRules, compactString, covers } from "./covers";
import type { RbacAuthorizer } from "./rbac-authorizer";
import { ALL, RBAC_GROUP, SYSTEM_MASTERS, type ClusterRole, type PolicyRule, type RoleRef } from "./types";

/** What a writer must hold to set an aggregationRule: everything. */
const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: [ALL], apiGroups: [ALL], resources: [ALL] },
  { verbs: [ALL], nonResourceURLs: [ALL] },
];

export interface EscalationGuardConfig {
  /** The rules a user holds (RulesFor). */
  rbac: RbacAuthorizer;
  /** The apiserver's whole authorizer chain, asked for `escalate` and `bind`. */
  authorizer: Authorizer;
  /** Members may write anything (EscalationAllowed); default system:masters. */
  privilegedGroups?: readonly string[];
}

/** Go's `%q` of a []string: `["a" "b"]`. */
function goQuotedList(xs: readonly string[]): string {
  return `[${xs.map((x) => JSON.stringify(x)).join(" ")}]`;
}

/** Metadata the garbage collector changes; an update touching only these is not checked (IsOnlyMutatingGCFields). */
const SERVER_OR_GC_FIELDS = ["ownerReferences", "finalizers", "resourceVersion", "managedFields", "generation", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"];

function withoutGcFields(o: KubeObject): unknown {
  const c = structuredClone(o) as KubeObject;
  c.metadata = { ...(c.metadata ?? {}) };
  for (const f of SERVER_OR_GC_FIELDS) delete (c.metadata as Record<string, unknown>)[f];
  return c;
}

function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, x]) => [k, canon(x)])) : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/**
 * Escalation prevention for Role, ClusterRole, RoleBinding and ClusterRoleBinding writes, as the
 * RBAC registry does it: unless the writer may `escalate` the role, it may only contain rules
 * the writer holds (in the role's namespace), and an aggregationRule needs full authority; a
 * binding may only reference a role whose rules the writer holds unless the writer may `bind`
 * it. Members of system:masters are exempt. Refusals are 403 Forbidden in Kubernetes' words.
 */
export class EscalationGuard {
  private readonly rbac: RbacAuthorizer;
  private readonly authorizer: Authorizer;
  private readonly privileged: readonly string[];

  constructor(config: EscalationGuardConfig) {
    this.rbac = config.rbac;
    this.authorizer = config.authorizer;
    this.privileged = config.privilegedGroups ?? [SYSTEM_MASTERS];
  }

  /**
   * Throws 403 Forbidden when `user` writing `obj` (replacing `prev`, if an update) would escalate.
   * Other kinds pass. A binding's role is read at request time: from `planned` when the same
   * request is about to store it (a manifest applying a Role with its RoleBinding), else from the store.
   */
  readonly check = (user: UserInfo, type: ResourceType, obj: KubeObject, prev?: KubeObject, planned?: PlannedObjects): void => {
    if (type.group !== RBAC_GROUP) return;
    if (user.groups.some((g) => this.privileged.includes(g))) return;
    if (prev && sameJson(withoutGcFields(obj), withoutGcFields(prev))) return;
    const name = obj.metadata?.name ?? "";
    const namespace = type.namespaced ? (obj.metadata?.namespace ?? "") : "";
    const refuse = (why: string) => forbidden(`${type.plural}.${RBAC_GROUP} ${JSON.stringify(name)} is forbidden: ${why}`, { group: RBAC_GROUP, kind: type.plural, name });
    switch (type.kind) {
      case "Role":
      case "ClusterRole": {
        const role = obj as ClusterRole;
        if (this.allowed(user, "escalate", type.plural, name, namespace)) return;
        const why = this.missing(user, namespace, role.rules ?? []);
        if (why) throw refuse(why);
        if (type.kind === "ClusterRole" && (role.aggregationRule || (prev as ClusterRole | undefined)?.aggregationRule)) {
          if (this.missing(user, namespace, FULL_AUTHORITY)) throw refuse("must have cluster-admin privileges to use the aggregationRule");
        }
        return;
      }
      case "RoleBinding":
      case "ClusterRoleBinding": {
        const ref = (obj as { roleRef?: RoleRef }).roleRef;
        if (!ref) return;
        if (this.bindAllowed(user, ref, namespace)) return;
        let rules: PolicyRule[];
        try {
          const role = ref.kind === "Role" || ref.kind === "ClusterRole" ? planned?.(ref.apiGroup || RBAC_GROUP, ref.kind, ref.kind === "Role" ? namespace : undefined, ref.name) : undefined;
          rules = role ? ((role as ClusterRole).rules ?? []) : this.rbac.roleRefRules(ref, namespace);
        } catch (e) {
          throw refuse(e instanceof Error ? e.message : String(e));
        }
        const why = this.missing(user, namespace, rules);
        if (why) throw refuse(why);
        return;
      }
    }
  };

  private allowed(user: UserInfo, verb: string, resource: string, name: string, namespace: string): boolean {
    return this.authorizer.authorize({ user, verb, group: RBAC_GROUP, resource, ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) }).allowed;
  }

  /** BindingAuthorized: `bind` on the referenced role, asked in the binding's namespace. */
  private bindAllowed(user: UserInfo, ref: RoleRef, namespace: string): boolean {
    const resource = ref.kind === "ClusterRole" ? "clusterroles" : ref.kind === "Role" ? "roles" : undefined;
    if (!resource) return false;
    return this.authorizer.authorize({ user, verb: "bind", group: ref.apiGroup ?? RBAC_GROUP, resource, name: ref.name, ...(namespace ? { namespace } : {}) }).allowed;
  }

  /** ConfirmNoEscalation: undefined when `user` holds every rule in `namespace`, else the refusal's wording. */
  private missing(user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
    const held = this.rbac.policyRulesFor(user, namespace || undefined);
    const { covered, missing } = covers(held.rules, rules);
    if (covered) return undefined;
    const lines = [...new Set(compactRules(missing).map(compactString))].sort();
    let msg = `user ${JSON.stringify(user.name)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join("\n")}`;
    if (held.errors.length) msg += `; resolution errors: [${[...new Set(held.errors)].join(" ")}]`;
    return msg;
  }
}
