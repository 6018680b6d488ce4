// Why: the real kubectl must render our Tables as it renders the apiserver's: a minimal HTTP server (discovery + pods/nodes/services)
// answers with toTable/tableForWatchEvent, and the test compares the lines kubectl prints.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { RESOURCE_TYPES, resourceTypeByKind, resourceTypeByPlural } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import { makeDeployment, makeNode, makePod, makeReplicaSet } from "@/core/testing/builders";
import { tableForWatchEvent, toTable, type IncludeObject } from "./table";

const KUBECTL = "/usr/bin/kubectl";
const NOW = Date.parse("2026-01-01T12:00:00Z");
const iso = (ago: number) => new Date(NOW - ago).toISOString().replace(/\.\d+Z$/, "Z");
const MIN = 60_000;

const POD = resourceTypeByKind("", "Pod")!;

const pods = [
  makePod("web-1")
    .onNode("n1")
    .ready()
    .with((p) => {
      p.metadata.creationTimestamp = iso(60 * MIN);
      p.metadata.resourceVersion = "5";
      p.status!.podIPs = [{ ip: "10.244.0.5" }];
    })
    .build(),
  makePod("crash")
    .onNode("n1")
    .with((p) => {
      p.metadata.creationTimestamp = iso(120 * MIN);
      p.status = {
        phase: "Running",
        containerStatuses: [
          { name: "app", image: "busybox", imageID: "", ready: false, restartCount: 5, state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1, finishedAt: iso(5 * MIN) } } },
        ],
      };
    })
    .build(),
];
const nodes = [
  makeNode("n1")
    .unschedulable()
    .labels({ "node-role.kubernetes.io/control-plane": "" })
    .with((n) => {
      n.metadata.creationTimestamp = iso(3 * 24 * 60 * MIN);
      n.status!.addresses = [{ type: "InternalIP", address: "10.0.0.5" }];
      n.status!.nodeInfo = {
        kubeletVersion: "v1.32.0",
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
    .build(),
];
const services: KubeObject[] = [
  {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default", creationTimestamp: iso(10 * MIN) },
    spec: { type: "NodePort", clusterIPs: ["10.96.0.10"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }], selector: { app: "web" } },
  },
];

const meta = (name: string, ago: number, namespaced = true) => ({ name, ...(namespaced ? { namespace: "default" } : {}), creationTimestamp: iso(ago) });

/** What the test server lists, by kind. */
const fixtures: Record<string, KubeObject[]> = {
  Pod: pods,
  Node: nodes,
  Service: services,
  Namespace: [{ apiVersion: "v1", kind: "Namespace", metadata: meta("default", 3 * 24 * 60 * MIN, false), status: { phase: "Active" } }],
  Deployment: [
    created(makeDeployment("web").replicas(3).image("nginx:1.27").build(), 60 * MIN, (d) => (d.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 })),
  ],
  ReplicaSet: [created(makeReplicaSet("web-7d4b9c").replicas(3).labels({ app: "web", "pod-template-hash": "7d4b9c" }).build(), 60 * MIN, (r) => (r.status = { replicas: 3, readyReplicas: 2 }))],
  Endpoints: [
    { apiVersion: "v1", kind: "Endpoints", metadata: meta("web", 10 * MIN), subsets: [{ addresses: [{ ip: "10.244.0.5" }, { ip: "10.244.1.6" }], ports: [{ port: 80, protocol: "TCP" }] }] },
  ],
  ConfigMap: [{ apiVersion: "v1", kind: "ConfigMap", metadata: meta("settings", 5 * MIN), data: { a: "1", b: "2" } }],
  Secret: [{ apiVersion: "v1", kind: "Secret", metadata: meta("creds", 5 * MIN), type: "Opaque", data: { password: "cw==" } }],
  ServiceAccount: [{ apiVersion: "v1", kind: "ServiceAccount", metadata: meta("default", 3 * 24 * 60 * MIN) }],
  Event: [
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: meta("crash.1", 5 * MIN),
      involvedObject: { kind: "Pod", name: "crash", namespace: "default", fieldPath: "spec.containers{app}" },
      reason: "BackOff",
      message: "Back-off restarting failed container app",
      type: "Warning",
      source: { component: "kubelet", host: "n1" },
      firstTimestamp: iso(100 * MIN),
      lastTimestamp: iso(2 * MIN),
      count: 12,
    },
  ],
  Lease: [{ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: meta("wheelhouse-leader", 60 * MIN), spec: { holderIdentity: "wheelhouse-0" } }],
};

function created<T extends KubeObject>(o: T, ago: number, fn: (o: T) => void): T {
  o.metadata.creationTimestamp = iso(ago);
  fn(o);
  return o;
}

function resourceList(group: string, version: string) {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.map((t) => ({ name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: ["get", "list", "watch"], shortNames: t.shortNames, categories: t.categories })),
  };
}

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  const json = (o: unknown, code = 200) => {
    res.writeHead(code, { "content-type": "application/json" });
    res.end(JSON.stringify(o));
  };
  const include = (url.searchParams.get("includeObject") ?? undefined) as IncludeObject | undefined;
  const groups = [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => `${t.group}/${t.version}`))];
  if (url.pathname === "/api") return json({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }] });
  if (url.pathname === "/apis") {
    return json({
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: groups.map((gv) => ({ name: gv.split("/")[0], versions: [{ groupVersion: gv, version: gv.split("/")[1] }], preferredVersion: { groupVersion: gv, version: gv.split("/")[1] } })),
    });
  }
  if (url.pathname === "/api/v1") return json(resourceList("", "v1"));
  const gv = /^\/apis\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (gv) return json(resourceList(gv[1], gv[2]));
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/(?:namespaces\/default\/)?([^/]+)$/.exec(url.pathname);
  const type = m && resourceTypeByPlural(m[1] ?? "", m[2]);
  if (!type) return json({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" }, 404);
  if (url.searchParams.get("watch") === "true") {
    const deleting = structuredClone(pods[0]);
    deleting.metadata.resourceVersion = "11";
    deleting.metadata.deletionTimestamp = iso(0);
    res.writeHead(200, { "content-type": "application/json" });
    res.write(JSON.stringify({ type: "MODIFIED", object: tableForWatchEvent(POD, deleting, { now: NOW, headers: true }) }) + "\n");
    res.end(JSON.stringify({ type: "DELETED", object: tableForWatchEvent(POD, deleting, { now: NOW, headers: false }) }) + "\n");
    return;
  }
  return json(toTable(type, fixtures[type.kind] ?? [], { now: NOW, listMeta: { resourceVersion: "10" }, includeObject: include }));
}

// Each case runs the kubectl binary (its first run also fills the discovery cache): seconds on a loaded 2-CPU machine, so not the 5 s default.
describe.skipIf(!existsSync(KUBECTL))("kubectl prints our Tables", { timeout: 60_000 }, () => {
  let server: http.Server;
  let cacheDir: string;
  let kubectl: (...args: string[]) => Promise<string[]>;

  beforeAll(async () => {
    server = http.createServer(serve);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    cacheDir = mkdtempSync(path.join(tmpdir(), "wheelhouse-table-"));
    kubectl = async (...args) => {
      const { stdout } = await promisify(execFile)(KUBECTL, [`--server=http://127.0.0.1:${port}`, `--cache-dir=${cacheDir}`, "-n", "default", ...args], { timeout: 20_000 });
      return stdout.trimEnd().split("\n");
    };
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it.each([
    {
      args: ["get", "pods"],
      want: [
        "NAME    READY   STATUS             RESTARTS     AGE", //
        "web-1   1/1     Running            0            60m",
        "crash   0/1     CrashLoopBackOff   5 (5m ago)   120m",
      ],
    },
    {
      args: ["get", "pods", "-o", "wide"],
      want: [
        "NAME    READY   STATUS             RESTARTS     AGE    IP           NODE   NOMINATED NODE   READINESS GATES",
        "web-1   1/1     Running            0            60m    10.244.0.5   n1     <none>           <none>",
        "crash   0/1     CrashLoopBackOff   5 (5m ago)   120m   <none>       n1     <none>           <none>",
      ],
    },
    {
      args: ["get", "nodes", "-o", "wide"],
      want: [
        "NAME   STATUS                     ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE     KERNEL-VERSION   CONTAINER-RUNTIME",
        "n1     Ready,SchedulingDisabled   control-plane   3d    v1.32.0   10.0.0.5      <none>        Wheelhouse   6.1              wheelhouse://1",
      ],
    },
    {
      args: ["get", "svc", "-o", "wide"],
      want: [
        "NAME   TYPE       CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR", //
        "web    NodePort   10.96.0.10   <none>        80:30080/TCP   10m   app=web",
      ],
    },
    {
      args: ["get", "deploy,rs", "-o", "wide"],
      want: [
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR",
        "deployment.apps/web   2/3     3            2           60m   app          nginx:1.27   app=web",
        "",
        "NAME                         DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES   SELECTOR",
        "replicaset.apps/web-7d4b9c   3         3         2       60m   app          nginx    app=web,pod-template-hash=7d4b9c",
      ],
    },
    {
      args: ["get", "events"],
      want: [
        "LAST SEEN   TYPE      REASON    OBJECT      MESSAGE", //
        "2m          Warning   BackOff   pod/crash   Back-off restarting failed container app",
      ],
    },
    {
      args: ["get", "events", "-o", "wide"],
      want: [
        "LAST SEEN   TYPE      REASON    OBJECT      SUBOBJECT              SOURCE        MESSAGE                                    FIRST SEEN   COUNT   NAME",
        "2m          Warning   BackOff   pod/crash   spec.containers{app}   kubelet, n1   Back-off restarting failed container app   100m         12      crash.1",
      ],
    },
    {
      args: ["get", "ep,cm,secret,sa"],
      want: [
        "NAME            ENDPOINTS                     AGE",
        "endpoints/web   10.244.0.5:80,10.244.1.6:80   10m",
        "",
        "NAME                 DATA   AGE",
        "configmap/settings   2      5m",
        "",
        "NAME           TYPE     DATA   AGE",
        "secret/creds   Opaque   1      5m",
        "",
        "NAME                     SECRETS   AGE",
        "serviceaccount/default   0         3d",
      ],
    },
    {
      args: ["get", "ns,leases"],
      want: [
        "NAME                STATUS   AGE",
        "namespace/default   Active   3d",
        "",
        "NAME                                          HOLDER         AGE",
        "lease.coordination.k8s.io/wheelhouse-leader   wheelhouse-0   60m",
      ],
    },
    {
      args: ["get", "pods", "--sort-by=.metadata.name"],
      want: [
        "NAME    READY   STATUS             RESTARTS     AGE", //
        "crash   0/1     CrashLoopBackOff   5 (5m ago)   120m",
        "web-1   1/1     Running            0            60m",
      ],
    },
    {
      args: ["get", "pods", "--watch-only", "--output-watch-events"],
      want: [
        "EVENT      NAME    READY   STATUS        RESTARTS   AGE", //
        "MODIFIED   web-1   1/1     Terminating   0          60m",
        "DELETED    web-1   1/1     Terminating   0          60m",
      ],
    },
  ])("kubectl $args", async ({ args, want }) => {
    expect(await kubectl(...args)).toEqual(want);
  });
});
