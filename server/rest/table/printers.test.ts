// Why: table-driven checks of the cells against what kubectl prints for representative objects.
import { describe, it, expect } from "vitest";
import type { KubeObject } from "@/core/api/types";
import { makeDeployment, makeNamespace, makeNode, makeReplicaSet } from "@/core/testing/builders";
import { tableFor } from "./kind-tables";

const CREATED = "2026-01-01T00:00:00Z";
const NOW = Date.parse("2026-01-01T01:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();

/** Sets creationTimestamp (what the store does) on a built object. */
function created<T extends KubeObject>(o: T, fn?: (o: T) => void): T {
  o.metadata.creationTimestamp = CREATED;
  fn?.(o);
  return o;
}

const obj = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}): KubeObject =>
  created({ apiVersion, kind, metadata: { name, namespace: "default" }, ...rest });

const cells = (group: string, o: KubeObject) => tableFor(group, o.kind).print(o, NOW).cells;

const nodeInfo = {
  kubeletVersion: "v1.32.0",
  osImage: "Wheelhouse Linux",
  kernelVersion: "6.1.0",
  containerRuntimeVersion: "wheelhouse://1.0",
  architecture: "amd64",
  bootID: "",
  kubeProxyVersion: "",
  machineID: "",
  operatingSystem: "linux",
  systemUUID: "",
};

describe("nodes (NAME STATUS ROLES AGE VERSION | INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME)", () => {
  it.each([
    {
      name: "a ready worker",
      node: created(makeNode("n1").build(), (n) => {
        n.status!.nodeInfo = nodeInfo;
        n.status!.addresses = [
          { type: "InternalIP", address: "10.0.0.5" },
          { type: "Hostname", address: "n1" },
        ];
      }),
      want: ["n1", "Ready", "<none>", "60m", "v1.32.0", "10.0.0.5", "<none>", "Wheelhouse Linux", "6.1.0", "wheelhouse://1.0"],
    },
    {
      name: "a cordoned control-plane node",
      node: created(makeNode("cp").unschedulable().labels({ "node-role.kubernetes.io/control-plane": "" }).build()),
      want: ["cp", "Ready,SchedulingDisabled", "control-plane", "60m", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"],
    },
    {
      name: "not ready, two roles, external IP",
      node: created(makeNode("n2").ready(false).labels({ "node-role.kubernetes.io/worker": "", "kubernetes.io/role": "edge" }).build(), (n) => {
        n.status!.addresses = [{ type: "ExternalIP", address: "203.0.113.9" }];
      }),
      want: ["n2", "NotReady", "edge,worker", "60m", "", "<none>", "203.0.113.9", "<unknown>", "<unknown>", "<unknown>"],
    },
  ])("$name", ({ node, want }) => {
    expect(cells("", node)).toEqual(want);
  });
});

describe("workloads", () => {
  it.each([
    {
      name: "deployment mid-rollout",
      o: created(makeDeployment("web").replicas(3).image("nginx:1.27").build(), (d) => {
        d.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
      }),
      group: "apps",
      want: ["web", "2/3", 3, 2, "60m", "app", "nginx:1.27", "app=web"],
    },
    {
      name: "fresh deployment, selector requirements sorted by key",
      o: created(makeDeployment("api").labels({ tier: "be", app: "api" }).build(), (d) => {
        d.spec!.selector.matchExpressions = [{ key: "env", operator: "In", values: ["prod", "dev"] }];
        d.spec!.template.spec!.containers.push({ name: "sidecar", image: "envoy" });
      }),
      group: "apps",
      want: ["api", "0/1", 0, 0, "60m", "app,sidecar", "nginx,envoy", "app=api,env in (dev,prod),tier=be"],
    },
    {
      name: "replica set",
      o: created(makeReplicaSet("web-7d4b9c").replicas(2).build(), (r) => (r.status = { replicas: 2, readyReplicas: 1 })),
      group: "apps",
      want: ["web-7d4b9c", 2, 2, 1, "60m", "app", "nginx", "app=web-7d4b9c"],
    },
    {
      name: "replica set with an empty selector prints <none>",
      o: created(makeReplicaSet("bare").build(), (r) => (r.spec!.selector = {})),
      group: "apps",
      want: ["bare", 1, 0, 0, "60m", "app", "nginx", "<none>"],
    },
  ])("$name", ({ o, group, want }) => {
    expect(cells(group, o)).toEqual(want);
  });
});

describe("services (NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE | SELECTOR)", () => {
  const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj("v1", "Service", name, { spec, status });
  it.each([
    {
      name: "ClusterIP",
      o: svc("web", { type: "ClusterIP", clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"], ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }], selector: { app: "web" } }),
      want: ["web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP", "60m", "app=web"],
    },
    {
      name: "NodePort with two ports and external IPs",
      o: svc("edge", {
        type: "NodePort",
        clusterIPs: ["10.96.0.11"],
        externalIPs: ["198.51.100.1"],
        ports: [
          { port: 80, nodePort: 30080, protocol: "TCP" },
          { port: 53, nodePort: 30053, protocol: "UDP" },
        ],
        selector: { tier: "fe", app: "edge" },
      }),
      want: ["edge", "NodePort", "10.96.0.11", "198.51.100.1", "80:30080/TCP,53:30053/UDP", "60m", "app=edge,tier=fe"],
    },
    {
      name: "LoadBalancer still pending",
      o: svc("lb", { type: "LoadBalancer", clusterIPs: ["10.96.0.12"], ports: [{ port: 443, nodePort: 31443, protocol: "TCP" }] }),
      want: ["lb", "LoadBalancer", "10.96.0.12", "<pending>", "443:31443/TCP", "60m", "<none>"],
    },
    {
      name: "LoadBalancer with ingress (sorted, not clipped)",
      o: svc("lb", { type: "LoadBalancer", clusterIPs: ["10.96.0.12"], ports: [{ port: 443, nodePort: 31443, protocol: "TCP" }] }, {
        loadBalancer: { ingress: [{ ip: "203.0.113.20" }, { hostname: "a-very-long-hostname.example.com" }] },
      }),
      want: ["lb", "LoadBalancer", "10.96.0.12", "203.0.113.20,a-very-long-hostname.example.com", "443:31443/TCP", "60m", "<none>"],
    },
    {
      name: "headless",
      o: svc("db", { type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"], ports: [{ port: 5432, protocol: "TCP" }], selector: { app: "db" } }),
      want: ["db", "ClusterIP", "None", "<none>", "5432/TCP", "60m", "app=db"],
    },
    {
      name: "ExternalName",
      o: svc("ext", { type: "ExternalName", externalName: "db.example.com" }),
      want: ["ext", "ExternalName", "<none>", "db.example.com", "<none>", "60m", "<none>"],
    },
  ])("$name", ({ o, want }) => {
    expect(cells("", o)).toEqual(want);
  });
});

describe("endpoints (NAME ENDPOINTS AGE)", () => {
  const ep = (subsets?: unknown[]) => obj("v1", "Endpoints", "web", subsets ? { subsets } : {});
  const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));
  it.each([
    { name: "no subsets", o: ep(), want: "<none>" },
    { name: "two ready pods", o: ep([{ addresses: addrs("10.244.0.5", "10.244.1.6"), ports: [{ port: 80, protocol: "TCP" }] }]), want: "10.244.0.5:80,10.244.1.6:80" },
    {
      name: "more than three",
      o: ep([{ addresses: addrs("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"), ports: [{ port: 80 }] }]),
      want: "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...",
    },
    {
      name: "two ports count per address and port",
      o: ep([{ addresses: addrs("10.0.0.1", "10.0.0.2"), ports: [{ name: "http", port: 80 }, { name: "https", port: 443 }] }]),
      want: "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...",
    },
    { name: "headless without ports", o: ep([{ addresses: addrs("10.0.0.1") }]), want: "10.0.0.1" },
    { name: "IPv6", o: ep([{ addresses: addrs("fd00::1"), ports: [{ port: 80 }] }]), want: "[fd00::1]:80" },
  ])("$name → $want", ({ o, want }) => {
    expect(cells("", o)).toEqual(["web", want, "60m"]);
  });
});

describe("events (LAST SEEN TYPE REASON OBJECT | SUBOBJECT SOURCE | MESSAGE | FIRST SEEN COUNT NAME)", () => {
  const ev = (rest: Record<string, unknown>) => obj("v1", "Event", "web.17a", { involvedObject: { kind: "Pod", name: "web", namespace: "default" }, ...rest });
  it.each([
    {
      name: "a repeated kubelet event",
      o: ev({
        type: "Warning",
        reason: "BackOff",
        message: "  Back-off restarting failed container app in pod web_default(u1)\n",
        involvedObject: { kind: "Pod", name: "web", namespace: "default", fieldPath: "spec.containers{app}" },
        source: { component: "kubelet", host: "n1" },
        firstTimestamp: ago(10 * 60_000),
        lastTimestamp: ago(2 * 60_000),
        count: 4,
      }),
      want: ["2m", "Warning", "BackOff", "pod/web", "spec.containers{app}", "kubelet, n1", "Back-off restarting failed container app in pod web_default(u1)", "10m", 4, "web.17a"],
    },
    {
      name: "an events.k8s.io-style event (eventTime, reportingController, no count)",
      o: ev({ type: "Normal", reason: "Scheduled", message: "Successfully assigned default/web to n1", eventTime: ago(30_000), reportingComponent: "default-scheduler" }),
      want: ["30s", "Normal", "Scheduled", "pod/web", "", "default-scheduler", "Successfully assigned default/web to n1", "30s", 1, "web.17a"],
    },
    {
      name: "a series overrides LAST SEEN and COUNT",
      o: ev({ type: "Normal", reason: "Pulled", eventTime: ago(20 * 60_000), series: { count: 7, lastObservedTime: ago(90_000) }, count: 1 }),
      want: ["90s", "Normal", "Pulled", "pod/web", "", "", "", "20m", 7, "web.17a"],
    },
    {
      name: "an involved object without a name prints only the kind",
      o: ev({ involvedObject: { kind: "Node" }, firstTimestamp: ago(60_000) }),
      want: ["60s", "", "", "node", "", "", "", "60s", 1, "web.17a"],
    },
  ])("$name", ({ o, want }) => {
    expect(cells("", o)).toEqual(want);
  });
});

describe("the small kinds", () => {
  it.each([
    { name: "namespace", group: "", o: created(makeNamespace("team-a").build(), (n) => (n.status = { phase: "Active" })), want: ["team-a", "Active", "60m"] },
    { name: "configmap counts data and binaryData", group: "", o: obj("v1", "ConfigMap", "cfg", { data: { a: "1", b: "2" }, binaryData: { c: "AA==" } }), want: ["cfg", 3, "60m"] },
    { name: "empty configmap", group: "", o: obj("v1", "ConfigMap", "kube-root-ca.crt"), want: ["kube-root-ca.crt", 0, "60m"] },
    { name: "secret", group: "", o: obj("v1", "Secret", "tls", { type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } }), want: ["tls", "kubernetes.io/tls", 2, "60m"] },
    { name: "service account", group: "", o: obj("v1", "ServiceAccount", "default"), want: ["default", 0, "60m"] },
    { name: "service account with secrets", group: "", o: obj("v1", "ServiceAccount", "ci", { secrets: [{ name: "ci-token" }] }), want: ["ci", 1, "60m"] },
    {
      name: "lease",
      group: "coordination.k8s.io",
      o: obj("coordination.k8s.io/v1", "Lease", "wheelhouse-leader", { spec: { holderIdentity: "wheelhouse-0_abc", leaseDurationSeconds: 15 } }),
      want: ["wheelhouse-leader", "wheelhouse-0_abc", "60m"],
    },
    { name: "lease without holder", group: "coordination.k8s.io", o: obj("coordination.k8s.io/v1", "Lease", "free", { spec: {} }), want: ["free", "", "60m"] },
    { name: "a kind without a printer gets Name and Age", group: "example.com", o: obj("example.com/v1", "Widget", "w"), want: ["w", "60m"] },
    { name: "no creationTimestamp yet (dry run) reads <unknown>", group: "example.com", o: { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }, want: ["w", "<unknown>"] },
  ])("$name", ({ group, o, want }) => {
    expect(cells(group, o)).toEqual(want);
  });
});
