// Why: the default roles must appear on first start, come back when deleted, regain removed default rules, and leave admins' additions and opt-outs alone.

import { describe, expect, it } from "vitest";
import { storeWithNamespaces, userSubject } from "../testing/rbac-objects";
import { CLUSTER_ROLE_BINDING_TYPE, CLUSTER_ROLE_TYPE, type ClusterRole, type ClusterRoleBinding } from "../types";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./bootstrap-policy";
import { ensureBootstrapPolicy } from "./ensure-bootstrap-policy";

describe("ensureBootstrapPolicy", () => {
  it("creates every default role and binding, labelled and annotated, then does nothing on the next start", async () => {
    const { store } = await storeWithNamespaces();
    const first = await ensureBootstrapPolicy(store);
    expect(first.created).toHaveLength(bootstrapClusterRoles().length + bootstrapClusterRoleBindings().length);
    const admin = store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "cluster-admin")!;
    expect(admin.metadata.labels).toEqual({ "kubernetes.io/bootstrapping": "rbac-defaults" });
    expect(admin.metadata.annotations).toEqual({ "rbac.authorization.kubernetes.io/autoupdate": "true" });
    const binding = store.get<ClusterRoleBinding>(CLUSTER_ROLE_BINDING_TYPE, undefined, "cluster-admin")!;
    expect(binding.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:masters" }]);
    expect(store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "view")!.aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }] });
    const rv = store.resourceVersion();
    expect(await ensureBootstrapPolicy(store)).toEqual({ created: [], updated: [], protected: [] });
    expect(store.resourceVersion()).toBe(rv);
  });

  it("adds back removed default rules and subjects, keeping what an admin added", async () => {
    const { store } = await storeWithNamespaces();
    await ensureBootstrapPolicy(store);
    const role = structuredClone(store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "system:basic-user")!);
    role.rules = [{ verbs: ["get"], apiGroups: ["example.com"], resources: ["widgets"] }];
    await store.update(role);
    const binding = structuredClone(store.get<ClusterRoleBinding>(CLUSTER_ROLE_BINDING_TYPE, undefined, "system:basic-user")!);
    binding.subjects = [userSubject("carol")];
    await store.update(binding);
    const r = await ensureBootstrapPolicy(store);
    expect(r.updated.sort()).toEqual(["system:basic-user", "system:basic-user"]);
    const after = store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "system:basic-user")!;
    expect(after.rules![0]).toEqual({ verbs: ["get"], apiGroups: ["example.com"], resources: ["widgets"] });
    expect(after.rules!.some((x) => x.resources?.includes("selfsubjectaccessreviews"))).toBe(true);
    expect(store.get<ClusterRoleBinding>(CLUSTER_ROLE_BINDING_TYPE, undefined, "system:basic-user")!.subjects!.map((s) => s.name)).toEqual(["carol", "system:authenticated"]);
  });

  it("recreates deleted defaults and leaves autoupdate=false objects alone", async () => {
    const { store } = await storeWithNamespaces();
    await ensureBootstrapPolicy(store);
    await store.delete(CLUSTER_ROLE_TYPE, undefined, "edit");
    const view = structuredClone(store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "system:discovery")!);
    view.metadata.annotations = { "rbac.authorization.kubernetes.io/autoupdate": "false" };
    view.rules = [];
    await store.update(view);
    const r = await ensureBootstrapPolicy(store);
    expect(r.created).toEqual(["edit"]);
    expect(r.protected).toEqual(["system:discovery"]);
    expect(store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "system:discovery")!.rules).toEqual([]);
  });

  it("recreates a default binding whose roleRef was changed", async () => {
    const { store } = await storeWithNamespaces();
    await ensureBootstrapPolicy(store);
    await store.delete(CLUSTER_ROLE_BINDING_TYPE, undefined, "system:discovery");
    await store.create({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "system:discovery" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: [userSubject("dave")] });
    await ensureBootstrapPolicy(store);
    const b = store.get<ClusterRoleBinding>(CLUSTER_ROLE_BINDING_TYPE, undefined, "system:discovery")!;
    expect(b.roleRef.name).toBe("system:discovery");
    expect(b.subjects!.map((s) => s.name)).toEqual(["dave", "system:authenticated"]);
  });
});

describe("bootstrap policy", () => {
  it("passes the RBAC validation every object of the kind must pass", async () => {
    const { validateCreate } = await import("../../api/validation/validate");
    for (const o of [...bootstrapClusterRoles(), ...bootstrapClusterRoleBindings()]) {
      const type = o.kind === "ClusterRole" ? CLUSTER_ROLE_TYPE : CLUSTER_ROLE_BINDING_TYPE;
      expect({ name: o.metadata.name, causes: validateCreate(o, type) }).toEqual({ name: o.metadata.name, causes: [] });
    }
  });

  it("binds every ClusterRoleBinding to a default ClusterRole, names unique", () => {
    const roles = new Set(bootstrapClusterRoles().map((r) => r.metadata.name));
    expect(roles.size).toBe(bootstrapClusterRoles().length);
    for (const b of bootstrapClusterRoleBindings()) expect(roles).toContain(b.roleRef.name);
  });
});
