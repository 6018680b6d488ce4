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
import { RESOURCE_TYPES, resourceTypeByKind } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import { makeNode, makePod } from "@/core/testing/builders";
import { tableForWatchEvent, toTable, type IncludeObject } from "./table";

const KUBECTL = "/usr/bin/kubectl";
const NOW = Date.parse("2026-01-01T12:00:00Z");
const iso = (ago: number) => new Date(NOW - ago).toISOString().replace(/\.\d+Z$/, "Z");
const MIN = 60_000;

const POD = resourceTypeByKind("", "Pod")!;
const NODE = resourceTypeByKind("", "Node")!;
const SERVICE = resourceTypeByKind("", "Service")!;

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

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://localhost");
  const json = (o: unknown, code = 200) => {
    res.writeHead(code, { "content-type": "application/json" });
    res.end(JSON.stringify(o));
  };
  const include = (url.searchParams.get("includeObject") ?? undefined) as IncludeObject | undefined;
  const listMeta = { resourceVersion: "10" };
  switch (url.pathname) {
    case "/api":
      return json({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1" }] });
    case "/apis":
      return json({ kind: "APIGroupList", apiVersion: "v1", groups: [] });
    case "/api/v1":
      return json({
        kind: "APIResourceList",
        groupVersion: "v1",
        resources: RESOURCE_TYPES.filter((t) => t.group === "").map((t) => ({ name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: ["get", "list", "watch"], shortNames: t.shortNames })),
      });
    case "/api/v1/namespaces/default/pods":
      if (url.searchParams.get("watch") === "true") {
        const deleting = structuredClone(pods[0]);
        deleting.metadata.resourceVersion = "11";
        deleting.metadata.deletionTimestamp = iso(0);
        res.writeHead(200, { "content-type": "application/json" });
        res.write(JSON.stringify({ type: "MODIFIED", object: tableForWatchEvent(POD, deleting, { now: NOW, headers: true }) }) + "\n");
        res.end(JSON.stringify({ type: "DELETED", object: tableForWatchEvent(POD, deleting, { now: NOW, headers: false }) }) + "\n");
        return;
      }
      return json(toTable(POD, pods, { now: NOW, listMeta, includeObject: include }));
    case "/api/v1/nodes":
      return json(toTable(NODE, nodes, { now: NOW, listMeta, includeObject: include }));
    case "/api/v1/namespaces/default/services":
      return json(toTable(SERVICE, services, { now: NOW, listMeta, includeObject: include }));
  }
  json({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" }, 404);
}

describe.skipIf(!existsSync(KUBECTL))("kubectl prints our Tables", () => {
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
