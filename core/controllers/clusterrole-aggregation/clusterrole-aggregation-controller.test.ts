// Why: admin/edit/view are empty shells until aggregation fills them; the union must follow the labelled roles as they come, change and go.

import { describe, expect, it } from "vitest";
import { makeClusterRole } from "../../rbac/testing/rbac-objects";
import { CLUSTER_ROLE_TYPE, type ClusterRole } from "../../rbac/types";
import { TestCluster } from "../testing/test-cluster";
import { aggregatedRules, ClusterRoleAggregationController } from "./clusterrole-aggregation-controller";

const LABEL = "rbac.authorization.k8s.io/aggregate-to-view";
const aggregated = (name: string, label = LABEL): ClusterRole => ({ ...makeClusterRole(name, []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [label]: "true" } }] } });
const pods = { verbs: ["get"], apiGroups: [""], resources: ["pods"] };
const deployments = { verbs: ["list"], apiGroups: ["apps"], resources: ["deployments"] };

describe("aggregatedRules", () => {
  it("unions the rules of matching roles by name, each rule once, never the role itself", () => {
    const all = [makeClusterRole("b", [deployments, pods], { [LABEL]: "true" }), makeClusterRole("a", [pods], { [LABEL]: "true" }), makeClusterRole("c", [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }])];
    const self = { ...aggregated("view"), metadata: { name: "view", labels: { [LABEL]: "true" } }, rules: [deployments] };
    expect(aggregatedRules(self, [...all, self])).toEqual([pods, deployments]);
  });
});

describe("ClusterRoleAggregationController", () => {
  it("fills the aggregated role and follows changes of the selected roles", async () => {
    const t = new TestCluster([(ctx) => new ClusterRoleAggregationController(ctx)]);
    await t.store.create(aggregated("view"));
    await t.store.create(makeClusterRole("pods-view", [pods], { [LABEL]: "true" }));
    t.start();
    await t.idle();
    const view = () => t.store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "view")!.rules;
    expect(view()).toEqual([pods]);

    await t.store.create(makeClusterRole("deploy-view", [deployments], { [LABEL]: "true" }));
    await t.idle();
    expect(view()).toEqual([deployments, pods]);

    await t.store.delete(CLUSTER_ROLE_TYPE, undefined, "pods-view");
    await t.idle();
    expect(view()).toEqual([deployments]);

    const unlabelled = structuredClone(t.store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "deploy-view")!);
    unlabelled.metadata.labels = {};
    await t.store.update(unlabelled);
    await t.idle();
    expect(view()).toEqual([]);
    expect(t.errors).toEqual([]);
    t.stop();
  });

  it("chains aggregation (view into edit) until stable", async () => {
    const t = new TestCluster([(ctx) => new ClusterRoleAggregationController(ctx)]);
    await t.store.create({ ...aggregated("edit", "agg-edit") });
    await t.store.create({ ...aggregated("view"), metadata: { name: "view", labels: { "agg-edit": "true" } } });
    await t.store.create(makeClusterRole("pods-view", [pods], { [LABEL]: "true" }));
    t.start();
    await t.idle();
    expect(t.store.get<ClusterRole>(CLUSTER_ROLE_TYPE, undefined, "edit")!.rules).toEqual([pods]);
    t.stop();
  });
});
