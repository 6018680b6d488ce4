import { describe, it, expect } from "vitest";
import { makeNode } from "@/core/testing/builders";
import { nodeSummary } from "./node-summary";

describe("nodeSummary (kubectl get nodes -o wide)", () => {
  it.each([
    { name: "ready", node: makeNode("n1").build(), status: "Ready" },
    { name: "not ready", node: makeNode("n1").ready(false).build(), status: "NotReady" },
    { name: "cordoned", node: makeNode("n1").unschedulable().build(), status: "Ready,SchedulingDisabled" },
    { name: "no Ready condition", node: makeNode("n1").with((n) => (n.status!.conditions = [])).build(), status: "Unknown" },
  ])("$name → $status", ({ node, status }) => {
    expect(nodeSummary(node).status).toBe(status);
  });

  it("reads roles, version and addresses", () => {
    const node = makeNode("cp")
      .labels({ "node-role.kubernetes.io/control-plane": "", "node-role.kubernetes.io/": "", "kubernetes.io/role": "master" })
      .with((n) => {
        n.status!.addresses = [
          { type: "InternalIP", address: "10.0.0.5" },
          { type: "Hostname", address: "cp" },
        ];
        n.status!.nodeInfo = {
          kubeletVersion: "v1.31.0",
          osImage: "Wheelhouse",
          kernelVersion: "6.1",
          containerRuntimeVersion: "wheelhouse://1",
          architecture: "amd64",
          bootID: "",
          kubeProxyVersion: "",
          machineID: "",
          operatingSystem: "linux",
          systemUUID: "",
        };
      })
      .build();
    expect(nodeSummary(node)).toMatchObject({ roles: ["control-plane", "master"], version: "v1.31.0", internalIP: "10.0.0.5", externalIP: undefined, ready: true });
    expect(nodeSummary(makeNode("w").build()).roles).toEqual([]);
  });
});
