// Why: the Tables of kinds not served yet must already print what kubectl prints, so a kind added to RESOURCE_TYPES gets correct `kubectl get` output at once.
import { describe, it, expect } from "vitest";
import type { KubeObject } from "@/core/api/types";
import { CLUSTER_TABLES } from "./cluster-tables";
import { tableFor } from "./kind-tables";
import { WORKLOAD_TABLES } from "./workload-tables";

const NOW = Date.parse("2026-01-01T01:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

const obj = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: "default", creationTimestamp: "2026-01-01T00:00:00Z", ...meta },
  ...rest,
});
const groupOf = (o: KubeObject) => (o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "");
const cells = (o: KubeObject) => tableFor(groupOf(o), o.kind).print(o, NOW).cells;
const template = { metadata: { labels: { app: "w" } }, spec: { containers: [{ name: "app", image: "nginx" }, { name: "log", image: "busybox" }] } };

describe("every planned kind prints one cell per column", () => {
  it.each(Object.keys({ ...WORKLOAD_TABLES, ...CLUSTER_TABLES }).map((key) => ({ key })))("$key", ({ key }) => {
    const [group, kind] = key.split("/");
    const t = tableFor(group, kind);
    expect(t.print({ apiVersion: group ? `${group}/v1` : "v1", kind, metadata: { name: "x" } }, NOW).cells).toHaveLength(t.columns.length);
  });
});

describe("workload kinds", () => {
  it.each([
    {
      name: "statefulset",
      o: obj("apps/v1", "StatefulSet", "db", { spec: { replicas: 3, template }, status: { readyReplicas: 2 } }),
      want: ["db", "2/3", "60m", "app,log", "nginx,busybox"],
    },
    {
      name: "daemonset",
      o: obj("apps/v1", "DaemonSet", "fluentd", {
        spec: { selector: { matchLabels: { app: "fluentd" } }, template: { ...template, spec: { ...template.spec, nodeSelector: { "kubernetes.io/os": "linux" } } } },
        status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
      }),
      want: ["fluentd", 3, 3, 2, 3, 2, "kubernetes.io/os=linux", "60m", "app,log", "nginx,busybox", "app=fluentd"],
    },
    {
      name: "job running",
      o: obj("batch/v1", "Job", "pi", { spec: { completions: 3, template, selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "u1" } } }, status: { succeeded: 1, startTime: ago(5 * MIN) } }),
      want: ["pi", "Running", "1/3", "5m", "60m", "app,log", "nginx,busybox", "batch.kubernetes.io/controller-uid=u1"],
    },
    {
      name: "job complete, parallel without completions",
      o: obj("batch/v1", "Job", "pi", {
        spec: { parallelism: 2, template },
        status: { succeeded: 1, startTime: ago(50 * MIN), completionTime: ago(48 * MIN), conditions: [{ type: "Complete", status: "True" }] },
      }),
      want: ["pi", "Complete", "1/1 of 2", "2m", "60m", "app,log", "nginx,busybox", "<none>"],
    },
    {
      name: "cronjob",
      o: obj("batch/v1", "CronJob", "backup", {
        spec: { schedule: "*/5 * * * *", suspend: false, jobTemplate: { spec: { template } } },
        status: { active: [{ name: "backup-1" }], lastScheduleTime: ago(3 * MIN) },
      }),
      want: ["backup", "*/5 * * * *", "<none>", "False", 1, "3m", "60m", "app,log", "nginx,busybox", "<none>"],
    },
    {
      name: "hpa before its first measurement",
      o: obj("autoscaling/v2", "HorizontalPodAutoscaler", "web", {
        spec: { scaleTargetRef: { kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }] },
        status: { currentReplicas: 1 },
      }),
      want: ["web", "Deployment/web", "cpu: <unknown>/80%", "1", 5, 1, "60m"],
    },
    {
      name: "hpa with measurements",
      o: obj("autoscaling/v2", "HorizontalPodAutoscaler", "web", {
        spec: {
          scaleTargetRef: { kind: "Deployment", name: "web" },
          maxReplicas: 10,
          metrics: [
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } },
            { type: "Resource", resource: { name: "memory", target: { type: "AverageValue", averageValue: "100Mi" } } },
            { type: "Pods", pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "10" } } },
          ],
        },
        status: { currentReplicas: 3, currentMetrics: [{ type: "Resource", resource: { name: "cpu", current: { averageUtilization: 42, averageValue: "120m" } } }] },
      }),
      want: ["web", "Deployment/web", "cpu: 42%/80%, memory: <unknown>/100Mi + 1 more...", "<unset>", 10, 3, "60m"],
    },
    {
      name: "pdb",
      o: obj("policy/v1", "PodDisruptionBudget", "web", { spec: { minAvailable: "50%" }, status: { disruptionsAllowed: 1 } }),
      want: ["web", "50%", "N/A", 1, "60m"],
    },
    {
      name: "controller revision",
      o: obj("apps/v1", "ControllerRevision", "fluentd-5f7d", { revision: 2 }, { ownerReferences: [{ apiVersion: "apps/v1", kind: "DaemonSet", name: "fluentd", uid: "u", controller: true }] }),
      want: ["fluentd-5f7d", "daemonset.apps/fluentd", 2, "60m"],
    },
  ])("$name", ({ o, want }) => {
    expect(cells(o)).toEqual(want);
  });
});

describe("storage, policy, RBAC and networking kinds", () => {
  it.each([
    {
      name: "bound PV",
      o: obj("v1", "PersistentVolume", "pv-1", {
        spec: { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteMany", "ReadWriteOnce"], persistentVolumeReclaimPolicy: "Delete", claimRef: { namespace: "default", name: "data" }, storageClassName: "standard" },
        status: { phase: "Bound" },
      }),
      want: ["pv-1", "10Gi", "RWO,RWX", "Delete", "Bound", "default/data", "standard", "<unset>", "", "60m", "<unset>"],
    },
    {
      name: "pending PVC",
      o: obj("v1", "PersistentVolumeClaim", "data", { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, storageClassName: "standard", volumeMode: "Filesystem" }, status: { phase: "Pending" } }),
      want: ["data", "Pending", "", "", "", "standard", "<unset>", "60m", "Filesystem"],
    },
    {
      name: "bound PVC",
      o: obj("v1", "PersistentVolumeClaim", "data", {
        spec: { volumeName: "pv-1", storageClassName: "standard" },
        status: { phase: "Bound", capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"] },
      }),
      want: ["data", "Bound", "pv-1", "10Gi", "RWO", "standard", "<unset>", "60m", "<unset>"],
    },
    {
      name: "default storage class",
      o: obj("storage.k8s.io/v1", "StorageClass", "standard", { provisioner: "wheelhouse.dev/hostpath" }, { namespace: undefined, annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }),
      want: ["standard (default)", "wheelhouse.dev/hostpath", "Delete", "Immediate", false, "60m"],
    },
    {
      name: "priority class",
      o: obj("scheduling.k8s.io/v1", "PriorityClass", "high", { value: 1000, globalDefault: false, preemptionPolicy: "PreemptLowerPriority" }),
      want: ["high", 1000, false, "60m", "PreemptLowerPriority"],
    },
    {
      name: "resource quota",
      o: obj("v1", "ResourceQuota", "compute", { status: { hard: { "requests.cpu": "2", pods: "10", "limits.memory": "4Gi" }, used: { "requests.cpu": "500m", pods: "3" } } }),
      want: ["compute", "pods: 3/10, requests.cpu: 500m/2", "limits.memory: 0/4Gi", "60m"],
    },
    {
      name: "role binding",
      o: obj("rbac.authorization.k8s.io/v1", "RoleBinding", "devs", {
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
        subjects: [
          { kind: "User", name: "alice" },
          { kind: "Group", name: "team-a" },
          { kind: "User", name: "bob" },
          { kind: "ServiceAccount", name: "ci", namespace: "default" },
        ],
      }),
      want: ["devs", "ClusterRole/edit", "60m", "alice, bob", "team-a", "default/ci"],
    },
    {
      name: "role (the default convertor: Created At)",
      o: obj("rbac.authorization.k8s.io/v1", "Role", "reader", { rules: [] }),
      want: ["reader", "2026-01-01T00:00:00Z"],
    },
    {
      name: "network policy selecting every pod",
      o: obj("networking.k8s.io/v1", "NetworkPolicy", "deny-all", { spec: { podSelector: {} } }),
      want: ["deny-all", "<none>", "60m"],
    },
    {
      name: "ingress",
      o: obj("networking.k8s.io/v1", "Ingress", "web", {
        spec: { ingressClassName: "nginx", tls: [{ hosts: ["a.example.com"] }], rules: [{ host: "a.example.com" }, { host: "b.example.com" }, {}, { host: "c.example.com" }, { host: "d.example.com" }] },
        status: { loadBalancer: { ingress: [{ ip: "203.0.113.7" }] } },
      }),
      want: ["web", "nginx", "a.example.com,b.example.com,c.example.com + 2 more...", "203.0.113.7", "80, 443", "60m"],
    },
    {
      name: "endpoint slice",
      o: obj("discovery.k8s.io/v1", "EndpointSlice", "web-abc", {
        addressType: "IPv4",
        ports: [{ name: "http", port: 80 }],
        endpoints: [{ addresses: ["10.0.0.1"] }, { addresses: ["10.0.0.2"] }, { addresses: ["10.0.0.3"] }, { addresses: ["10.0.0.4"] }],
      }),
      want: ["web-abc", "IPv4", "80", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "60m"],
    },
    {
      name: "empty endpoint slice",
      o: obj("discovery.k8s.io/v1", "EndpointSlice", "web-abc", { addressType: "IPv4" }),
      want: ["web-abc", "IPv4", "<unset>", "<unset>", "60m"],
    },
  ])("$name", ({ o, want }) => {
    expect(cells(o)).toEqual(want);
  });
});
