import { describe, it, expect } from "vitest";
import { makeDeployment, makeReplicaSet } from "@/core/testing/builders";
import { deploymentSummary, replicaSetSummary, selectorString } from "./workload-summary";

describe("deploymentSummary (kubectl get deploy -o wide)", () => {
  it("reads READY, UP-TO-DATE, AVAILABLE, images and selector", () => {
    const d = makeDeployment("web")
      .replicas(3)
      .image("nginx:1.27")
      .with((d) => (d.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2, unavailableReplicas: 1 }))
      .build();
    expect(deploymentSummary(d)).toEqual({
      replicas: 3,
      readyReplicas: 2,
      ready: "2/3",
      upToDate: 3,
      available: 2,
      unavailable: 1,
      images: ["nginx:1.27"],
      containers: ["app"],
      selector: "app=web",
      paused: false,
    });
  });

  it("a fresh deployment reads 0/N", () => {
    expect(deploymentSummary(makeDeployment("web").replicas(2).build())).toMatchObject({ ready: "0/2", upToDate: 0, available: 0 });
  });
});

describe("replicaSetSummary", () => {
  it("reads DESIRED/CURRENT/READY, the owning deployment and revision", () => {
    const d = makeDeployment("web").with((d) => (d.metadata.uid = "u1")).build();
    const rs = makeReplicaSet("web-abc")
      .replicas(2)
      .ownedBy(d)
      .with((r) => {
        r.metadata.annotations = { "deployment.kubernetes.io/revision": "3" };
        r.status = { replicas: 2, readyReplicas: 1 };
      })
      .build();
    expect(replicaSetSummary(rs)).toMatchObject({ desired: 2, current: 2, ready: 1, owner: "web", revision: "3", selector: "app=web-abc" });
  });
});

describe("selectorString", () => {
  it.each([
    { sel: undefined, want: "" },
    { sel: { matchLabels: { app: "web", tier: "fe" } }, want: "app=web,tier=fe" },
    {
      sel: {
        matchExpressions: [
          { key: "env", operator: "In", values: ["a", "b"] },
          { key: "x", operator: "NotIn", values: ["c"] },
          { key: "y", operator: "Exists" },
          { key: "z", operator: "DoesNotExist" },
        ],
      },
      want: "env in (a,b),x notin (c),y,!z",
    },
  ])("$want", ({ sel, want }) => {
    expect(selectorString(sel)).toBe(want);
  });
});
