// Why: RBAC objects are refused with Kubernetes' field paths and wording (kubectl users read these messages), and a binding's roleRef can never change.

import { describe, expect, it } from "vitest";
import { applyDefaults } from "../defaults/defaults";
import { resourceTypeByKind } from "../resources";
import type { KubeObject } from "../types";
import { validateCreate, validateUpdate } from "./validate";

const G = "rbac.authorization.k8s.io";
const ROLE = resourceTypeByKind(G, "Role")!;
const CLUSTER_ROLE = resourceTypeByKind(G, "ClusterRole")!;
const RB = resourceTypeByKind(G, "RoleBinding")!;
const CRB = resourceTypeByKind(G, "ClusterRoleBinding")!;

/* eslint-disable @typescript-eslint/no-explicit-any */
const role = (rules: any[], kind = "Role"): KubeObject => ({ apiVersion: `${G}/v1`, kind, metadata: kind === "Role" ? { name: "r", namespace: "demo" } : { name: "r" }, rules });
const binding = (roleRef: any, subjects: any[], kind = "RoleBinding"): KubeObject => ({ apiVersion: `${G}/v1`, kind, metadata: kind === "RoleBinding" ? { name: "b", namespace: "demo" } : { name: "b" }, roleRef, subjects });
const msgs = (obj: KubeObject, type = ROLE) => validateCreate(applyDefaults(structuredClone(obj), type), type).map((c) => `${c.field}: ${c.message}`);

describe("Role and ClusterRole validation", () => {
  it.each<{ name: string; obj: KubeObject; type?: typeof ROLE; want: string[] }>([
    { name: "a valid role", obj: role([{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }]), want: [] },
    { name: "verbs required", obj: role([{ apiGroups: [""], resources: ["pods"] }]), want: ["rules[0].verbs: Required value: verbs must contain at least one value"] },
    {
      name: "groups and resources required",
      obj: role([{ verbs: ["get"] }]),
      want: ["rules[0].apiGroups: Required value: resource rules must supply at least one api group", "rules[0].resources: Required value: resource rules must supply at least one resource"],
    },
    { name: "names need one resource", obj: role([{ verbs: ["get"], apiGroups: [""], resources: ["pods", "services"], resourceNames: ["x"] }]), want: ["rules[0].resourceNames: Required value: resource names cannot apply to multiple resources"] },
    { name: "URLs not in a Role", obj: role([{ verbs: ["get"], nonResourceURLs: ["/healthz"] }]), want: ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs'] },
    { name: "URLs in a ClusterRole", obj: role([{ verbs: ["get"], nonResourceURLs: ["/healthz"] }], "ClusterRole"), type: CLUSTER_ROLE, want: [] },
    {
      name: "URLs mixed with resources",
      obj: role([{ verbs: ["get"], nonResourceURLs: ["/healthz"], resources: ["pods"] }], "ClusterRole"),
      type: CLUSTER_ROLE,
      want: ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs'],
    },
    {
      name: "aggregationRule needs a selector",
      obj: { ...role([], "ClusterRole"), aggregationRule: { clusterRoleSelectors: [] } },
      type: CLUSTER_ROLE,
      want: ["aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil"],
    },
    { name: "names are path segments", obj: { ...role([]), metadata: { name: "a/b", namespace: "demo" } }, want: ["metadata.name: Invalid value: \"a/b\": may not contain '/'"] },
    { name: "colons are fine in names", obj: { ...role([]), metadata: { name: "system:x", namespace: "demo" } }, want: [] },
  ])("$name", ({ obj, type, want }) => {
    expect(msgs(obj, type ?? ROLE)).toEqual(want);
  });
});

describe("RoleBinding and ClusterRoleBinding validation", () => {
  const ref = { apiGroup: G, kind: "ClusterRole", name: "view" };
  it.each<{ name: string; obj: KubeObject; type?: typeof RB; want: string[] }>([
    { name: "defaults fill apiGroups", obj: binding({ kind: "ClusterRole", name: "view" }, [{ kind: "User", name: "bob" }, { kind: "Group", name: "devs" }, { kind: "ServiceAccount", name: "ci" }]), want: [] },
    { name: "roleRef kind", obj: binding({ ...ref, kind: "Widget" }, []), want: ['roleRef.kind: Unsupported value: "Widget": supported values: "Role", "ClusterRole"'] },
    { name: "ClusterRoleBinding only to a ClusterRole", obj: binding({ ...ref, kind: "Role" }, [], "ClusterRoleBinding"), type: CRB, want: ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"'] },
    { name: "roleRef apiGroup", obj: binding({ ...ref, apiGroup: "example.com" }, []), want: ['roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"'] },
    { name: "roleRef name", obj: binding({ ...ref, name: "" }, []), want: ["roleRef.name: Required value"] },
    { name: "subject kind", obj: binding(ref, [{ kind: "Robot", name: "r2" }]), want: ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'] },
    { name: "user apiGroup", obj: binding(ref, [{ kind: "User", name: "bob", apiGroup: "v1" }]), want: ['subjects[0].apiGroup: Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"'] },
    { name: "service account apiGroup", obj: binding(ref, [{ kind: "ServiceAccount", name: "ci", apiGroup: G }]), want: ['subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""'] },
    { name: "service account namespace in cluster bindings", obj: binding(ref, [{ kind: "ServiceAccount", name: "ci" }], "ClusterRoleBinding"), type: CRB, want: ["subjects[0].namespace: Required value"] },
    { name: "empty user name", obj: binding(ref, [{ kind: "User", name: "" }]), want: ["subjects[0].name: Required value", 'subjects[0].name: Invalid value: "": user name cannot be empty'] },
  ])("$name", ({ obj, type, want }) => {
    expect(msgs(obj, type ?? RB)).toEqual(want);
  });

  it("refuses a roleRef change on update", () => {
    const prev = applyDefaults(binding(ref, []), RB);
    const next = applyDefaults(binding({ ...ref, name: "edit" }, []), RB);
    expect(validateUpdate(next, prev, RB)).toEqual([
      { reason: "FieldValueInvalid", field: "roleRef", message: 'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef' },
    ]);
    expect(validateUpdate(structuredClone(prev), prev, RB)).toEqual([]);
  });
});
