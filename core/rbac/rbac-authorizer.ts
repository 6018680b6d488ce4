// Why: Kubernetes RBAC as the apiserver's Authorizer: the rules of every binding naming the user decide, with Kubernetes' reasons, rules reviews and a "who can" query.

import { notFound } from "../api/errors";
import type { AuthorizationAttributes, AuthorizationDecision, Authorizer, RulesInfo } from "../apiserver/authorizer";
import type { UserInfo } from "../apiserver/types";
import type { ObjectClient } from "../store/types";
import { BindingIndex } from "./binding-index";
import { compiledAllows, compileRules, type CompiledRules } from "./compiled-rules";
import { isResourceRequest, requestMatcher, type RuleAttributes } from "./rule-matches";
import { describeSubject, subjectAppliesTo, userKeys } from "./subjects";
import { CLUSTER_ROLE_TYPE, RBAC_GROUP, ROLE_TYPE, type ClusterRole, type ClusterRoleBinding, type PolicyRule, type Role, type RoleBinding, type RoleRef, type Subject } from "./types";

export interface RbacAuthorizerConfig {
  /** Trusted reads of roles and bindings (the store itself). */
  client: ObjectClient;
}

/**
 * Called for each rule that applies to a user, or with an error for a binding whose role cannot
 * be read; return false to stop. `source` describes the binding (built only when called, as
 * Kubernetes' describers are: most visited rules never need it).
 */
export type RuleVisitor = (source: (() => string) | undefined, rule: PolicyRule | undefined, err: string | undefined) => boolean;

/** One subject allowed by one binding (for the console's "who can"). */
export interface AccessSubject {
  kind: string;
  name: string;
  namespace?: string;
  binding: { kind: "ClusterRoleBinding" | "RoleBinding"; name: string; namespace?: string };
  roleRef: { kind: string; name: string };
}

/** Who may do a request (ResourceAccessReview): users and groups, the subjects with the bindings that allow them, and roles that could not be read. */
export interface AccessReview {
  users: string[];
  groups: string[];
  subjects: AccessSubject[];
  evaluationError?: string;
}

/** Error lists print as Go's utilerrors aggregate: one message alone, several as `[a, b]`, duplicates once. */
export function aggregateErrors(errors: readonly string[]): string {
  const seen = [...new Set(errors)];
  return seen.length === 1 ? seen[0] : `[${seen.join(", ")}]`;
}

/**
 * The RBAC authorizer. Bindings come from a subject index (no scan of every binding per
 * request); roles are read from the store when a binding names them, so a role change takes
 * effect on the next request. ClusterRoles with an aggregationRule carry the rules the
 * aggregation controller wrote into them.
 */
export class RbacAuthorizer implements Authorizer {
  private readonly client: ObjectClient;
  readonly bindings: BindingIndex;
  /** Compiled rules by the (frozen) rules array of a stored role: a role update brings a new array. */
  private readonly compiled = new WeakMap<readonly PolicyRule[], CompiledRules>();

  constructor(config: RbacAuthorizerConfig) {
    if (!config.client) throw new Error("RbacAuthorizer needs a client");
    this.client = config.client;
    this.bindings = new BindingIndex({ client: config.client });
  }

  /** Start watching bindings now rather than on the first request. */
  start(): void {
    this.bindings.start();
  }

  stop(): void {
    this.bindings.stop();
  }

  /** The rules a role reference grants; throws 404 NotFound (`clusterrole.rbac.authorization.k8s.io "x" not found`) when the role is absent (GetRoleReferenceRules). */
  roleRefRules(roleRef: RoleRef, bindingNamespace: string): PolicyRule[] {
    if (roleRef.kind === "ClusterRole") {
      const role = this.client.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, roleRef.name);
      if (!role) throw notFound({ group: RBAC_GROUP, kind: "clusterrole", name: roleRef.name });
      return role.rules ?? [];
    }
    if (roleRef.kind === "Role") {
      const role = bindingNamespace ? this.client.get<Role>(ROLE_TYPE, bindingNamespace, roleRef.name) : undefined;
      if (!role) throw notFound({ group: RBAC_GROUP, kind: "role", name: roleRef.name });
      return role.rules ?? [];
    }
    throw new Error(`unsupported role reference kind: ${JSON.stringify(roleRef.kind)}`);
  }

  private rulesOrError(roleRef: RoleRef, ns: string): { rules: PolicyRule[]; err?: string } {
    try {
      return { rules: this.roleRefRules(roleRef, ns) };
    } catch (e) {
      return { rules: [], err: e instanceof Error ? e.message : String(e) };
    }
  }

  /** The bindings naming `user` (ClusterRoleBindings, then RoleBindings of `namespace`), each with its role's rules or the error reading them. */
  private *applicable(user: UserInfo, namespace: string | undefined): Generator<{ rules: PolicyRule[]; err?: string; source: () => string }> {
    const keys = userKeys(user);
    for (const b of this.bindings.clusterBindingsFor(keys)) {
      const subject = (b.subjects ?? []).find((s) => subjectAppliesTo(user, s, ""));
      if (!subject) continue;
      const source = () => `ClusterRoleBinding ${JSON.stringify(b.metadata.name)} of ${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)} to ${describeSubject(subject, "")}`;
      yield { ...this.rulesOrError(b.roleRef, ""), source };
    }
    if (!namespace) return;
    for (const b of this.bindings.roleBindingsFor(namespace, keys)) {
      const subject = (b.subjects ?? []).find((s) => subjectAppliesTo(user, s, namespace));
      if (!subject) continue;
      const source = () => `RoleBinding ${JSON.stringify(`${b.metadata.name}/${namespace}`)} of ${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)} to ${describeSubject(subject, namespace)}`;
      yield { ...this.rulesOrError(b.roleRef, namespace), source };
    }
  }

  /** Visits the rules of every binding naming `user`: ClusterRoleBindings, then RoleBindings of `namespace` (VisitRulesFor). */
  visitRulesFor(user: UserInfo, namespace: string | undefined, visit: RuleVisitor): void {
    for (const { rules, err, source } of this.applicable(user, namespace)) {
      if (err && !visit(undefined, undefined, err)) return;
      for (const r of rules) if (!visit(source, r, undefined)) return;
    }
  }

  private compiledFor(rules: PolicyRule[]): CompiledRules {
    let c = this.compiled.get(rules);
    if (!c) this.compiled.set(rules, (c = compileRules(rules)));
    return c;
  }

  /** Allowed with `RBAC: allowed by ...`, or no opinion with `RBAC: <role not found ...>` when some binding's role could not be read. */
  authorize(attrs: AuthorizationAttributes): AuthorizationDecision {
    const errors: string[] = [];
    const allows = requestMatcher(attrs);
    const resourceRequest = isResourceRequest(attrs);
    for (const { rules, err, source } of this.applicable(attrs.user, attrs.namespace)) {
      if (err) errors.push(err);
      if (rules.length && compiledAllows(this.compiledFor(rules), attrs, resourceRequest, allows)) return { allowed: true, reason: `RBAC: allowed by ${source()}` };
    }
    return errors.length ? { allowed: false, reason: `RBAC: ${aggregateErrors(errors)}` } : { allowed: false };
  }

  /** Every rule that applies to `user` in `namespace` ("" or undefined: cluster-wide only), with the errors met on the way (RulesFor). */
  policyRulesFor(user: UserInfo, namespace: string | undefined): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(user, namespace, (_s, rule, err) => {
      if (rule) rules.push(rule);
      if (err) errors.push(err);
      return true;
    });
    return { rules, errors };
  }

  /** SelfSubjectRulesReview: resource rules and non-resource rules, with an evaluation error when a role could not be read. */
  rulesFor(user: UserInfo, namespace: string): RulesInfo {
    const { rules, errors } = this.policyRulesFor(user, namespace);
    const out: RulesInfo = { resourceRules: [], nonResourceRules: [], incomplete: false };
    for (const r of rules) {
      if ((r.resources ?? []).length > 0) {
        out.resourceRules.push({
          verbs: [...r.verbs],
          apiGroups: [...(r.apiGroups ?? [])],
          resources: [...(r.resources ?? [])],
          ...(r.resourceNames?.length ? { resourceNames: [...r.resourceNames] } : {}),
        });
      }
      if ((r.nonResourceURLs ?? []).length > 0) out.nonResourceRules.push({ verbs: [...r.verbs], nonResourceURLs: [...r.nonResourceURLs!] });
    }
    if (errors.length) out.evaluationError = aggregateErrors(errors);
    return out;
  }

  /**
   * Who may make the request described by `attrs` in `namespace` (ResourceAccessReview,
   * `kubectl who-can`): every subject of a ClusterRoleBinding, or of a RoleBinding in
   * `namespace`, whose role has a rule allowing it. Scans the bindings: meant for the console.
   */
  whoCan(attrs: RuleAttributes, namespace?: string): AccessReview {
    const subjects: AccessSubject[] = [];
    const errors: string[] = [];
    const allows = requestMatcher(attrs);
    const consider = (kind: "ClusterRoleBinding" | "RoleBinding", b: ClusterRoleBinding | RoleBinding, ns: string) => {
      const { rules, err } = this.rulesOrError(b.roleRef, ns);
      if (err) errors.push(err);
      if (!rules.some(allows)) return;
      for (const s of b.subjects ?? []) subjects.push(accessSubject(kind, b, s, ns));
    };
    for (const b of this.bindings.allClusterBindings()) consider("ClusterRoleBinding", b, "");
    if (namespace) for (const b of this.bindings.allRoleBindings(namespace)) consider("RoleBinding", b, namespace);
    const users = new Set<string>();
    const groups = new Set<string>();
    for (const s of subjects) {
      if (s.kind === "Group") groups.add(s.name);
      else if (s.kind === "User") users.add(s.name);
      else if (s.kind === "ServiceAccount") users.add(`system:serviceaccount:${s.namespace}:${s.name}`);
    }
    return { users: [...users].sort(), groups: [...groups].sort(), subjects, ...(errors.length ? { evaluationError: aggregateErrors(errors) } : {}) };
  }
}

function accessSubject(kind: "ClusterRoleBinding" | "RoleBinding", b: ClusterRoleBinding | RoleBinding, s: Subject, ns: string): AccessSubject {
  const saNs = s.kind === "ServiceAccount" ? s.namespace || ns : undefined;
  return {
    kind: s.kind,
    name: s.name,
    ...(saNs ? { namespace: saNs } : {}),
    binding: { kind, name: b.metadata.name ?? "", ...(ns ? { namespace: ns } : {}) },
    roleRef: { kind: b.roleRef.kind, name: b.roleRef.name },
  };
}
