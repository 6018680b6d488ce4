// Why: builders are used by every controller test; their shapes must be Kubernetes' shapes.
import { describe, it, expect } from "vitest";
import { makeDeployment, makeNamespace, makeNode, makePod, makeReplicaSet } from "./builders";

describe("makePod", () => {
  it("builds a default pod with Kubernetes' shape", () => {
    const p = makePod().build();
    expect(p).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "pod", namespace: "default" },
      spec: { containers: [{ name: "app", image: "nginx" }] },
      status: { phase: "Pending" },
    });
  });

  it("chains fields", () => {
    const rs = makeReplicaSet("web-1").build();
    rs.metadata.uid = "u-1";
    const p = makePod("web-1-abc")
      .namespace("prod")
      .onNode("n1")
      .labels({ app: "web" })
      .container("c", "busybox", { requests: { cpu: "100m", memory: 64 }, limits: { cpu: 1 }, command: ["sh"], args: ["-c", "sleep 1"] })
      .ownedBy(rs)
      .ready()
      .build();
    expect(p.metadata).toMatchObject({ name: "web-1-abc", namespace: "prod", labels: { app: "web" } });
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: "u-1", controller: true, blockOwnerDeletion: true }]);
    expect(p.spec!.nodeName).toBe("n1");
    expect(p.spec!.containers).toEqual([
      { name: "c", image: "busybox", command: ["sh"], args: ["-c", "sleep 1"], resources: { requests: { cpu: "100m", memory: "64" }, limits: { cpu: "1" } } },
    ]);
    expect(p.status!.phase).toBe("Running");
    expect(p.status!.conditions!.find((c) => c.type === "Ready")!.status).toBe("True");
    expect(p.status!.containerStatuses!.map((c) => [c.name, c.ready])).toEqual([["c", true]]);
  });

  it("returns independent copies", () => {
    const b = makePod("a");
    const p1 = b.build();
    p1.metadata.name = "changed";
    expect(b.build().metadata.name).toBe("a");
  });
});

describe("makeNode", () => {
  it("sets allocatable to capacity, taints, readiness", () => {
    const n = makeNode("n1").capacity({ cpu: "2", memory: "4Gi", pods: 10 }).labels({ zone: "a" }).taint("k", "v", "NoSchedule").unschedulable().ready(false).build();
    expect(n.apiVersion).toBe("v1");
    expect(n.kind).toBe("Node");
    expect(n.status!.capacity).toEqual({ cpu: "2", memory: "4Gi", pods: "10" });
    expect(n.status!.allocatable).toEqual(n.status!.capacity);
    expect(n.spec).toEqual({ taints: [{ key: "k", value: "v", effect: "NoSchedule" }], unschedulable: true });
    expect(n.metadata.labels).toMatchObject({ zone: "a", "kubernetes.io/hostname": "n1" });
    expect(n.status!.conditions!.filter((c) => c.type === "Ready")).toEqual([expect.objectContaining({ status: "False", reason: "KubeletNotReady" })]);
  });
  it("is Ready by default", () => {
    expect(makeNode("n").build().status!.conditions!.find((c) => c.type === "Ready")!.status).toBe("True");
  });
});

describe("workloads", () => {
  it("deployment selector equals template labels", () => {
    const d = makeDeployment("web").replicas(3).image("nginx:1.25").labels({ app: "w", tier: "fe" }).strategy({ maxSurge: 1, maxUnavailable: 0 }).build();
    expect(d.apiVersion).toBe("apps/v1");
    expect(d.kind).toBe("Deployment");
    expect(d.spec!.replicas).toBe(3);
    expect(d.spec!.selector).toEqual({ matchLabels: { app: "w", tier: "fe" } });
    expect(d.spec!.template.metadata!.labels).toEqual({ app: "w", tier: "fe" });
    expect(d.spec!.template.spec!.containers[0].image).toBe("nginx:1.25");
    expect(d.spec!.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(makeDeployment("x").strategy("Recreate").build().spec!.strategy).toEqual({ type: "Recreate" });
  });
  it("replicaset and namespace", () => {
    const rs = makeReplicaSet("r").replicas(2).build();
    expect(rs).toMatchObject({ apiVersion: "apps/v1", kind: "ReplicaSet", spec: { replicas: 2, selector: { matchLabels: { app: "r" } } } });
    expect(makeNamespace("team-a").build()).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a", labels: { "kubernetes.io/metadata.name": "team-a" } } });
  });
});
