// Why: list rows are what users read; the columns must say what kubectl says for the same object.
import { describe, it, expect } from "vitest";
import type { CoreEvent, Deployment, Node, Pod } from "@/core/api/types";
import { deploymentRow, eventRow, nodeRow, podRow, toRow } from "./to-row";

describe("nodeRow", () => {
  const node = (ready: string | undefined, extra: Partial<Node["spec"]> = {}, labels: Record<string, string> = {}): Node => ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "n1", labels },
    spec: { ...extra },
    status: { conditions: ready ? [{ type: "Ready", status: ready }] : [], addresses: [{ type: "InternalIP", address: "10.0.0.1" }], nodeInfo: { kubeletVersion: "v1.31.0" } as never },
  });
  it.each([
    { name: "ready", n: node("True"), status: "Ready" },
    { name: "not ready", n: node("False"), status: "NotReady" },
    { name: "no condition", n: node(undefined), status: "Unknown" },
    { name: "cordoned", n: node("True", { unschedulable: true }), status: "Ready,SchedulingDisabled" },
  ])("$name → $status", ({ n, status }) => {
    expect(nodeRow(n).status).toBe(status);
  });
  it("prints roles from node-role labels, <none> without", () => {
    expect(nodeRow(node("True", {}, { "node-role.kubernetes.io/worker": "", "node-role.kubernetes.io/infra": "" })).roles).toBe("infra,worker");
    expect(nodeRow(node("True")).roles).toBe("<none>");
    expect(nodeRow(node("True"))).toMatchObject({ key: "n1", internalIP: "10.0.0.1", version: "v1.31.0" });
  });
});

describe("deploymentRow", () => {
  it("prints READY as ready/desired and defaults replicas to 1", () => {
    const d: Deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "demo" }, spec: { selector: {}, template: { spec: { containers: [{ name: "c", image: "nginx" }] } } }, status: { readyReplicas: 0 } };
    expect(deploymentRow(d)).toMatchObject({ key: "demo/web", ready: "0/1", replicas: 1, upToDate: 0, available: 0, images: "nginx" });
  });
});

describe("eventRow", () => {
  it("prints OBJECT as kind/name and prefers lastTimestamp", () => {
    const e: CoreEvent = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "web.1", namespace: "demo", creationTimestamp: "2024-01-01T00:00:00Z" },
      involvedObject: { kind: "Pod", name: "web-1" },
      reason: "BackOff",
      message: "Back-off restarting failed container\n",
      type: "Warning",
      count: 5,
      lastTimestamp: "2024-01-01T00:05:00Z",
      source: { component: "kubelet" },
    };
    expect(eventRow(e)).toMatchObject({ object: "pod/web-1", lastSeen: "2024-01-01T00:05:00Z", count: 5, type: "Warning", message: "Back-off restarting failed container", source: "kubelet" });
  });
});

describe("toRow", () => {
  it("dispatches by kind", () => {
    const p: Pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "d" }, spec: { containers: [{ name: "c" }] }, status: { phase: "Pending" } };
    expect(toRow("Pod", p)).toEqual(podRow(p));
    expect(toRow("Pod", p)).toMatchObject({ key: "d/p", ready: "0/1", status: "Pending", restarts: 0 });
  });
});
