// Why: Endpoints must follow pods as they come, go, turn ready or not, on the Service's resolved ports, and disappear with the Service, exactly as kube-controller-manager keeps them.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../../api/resources";
import type { Pod, Service } from "../../api/types";
import { makePod } from "../../testing/builders";
import { TestCluster } from "../testing/test-cluster";
import { EndpointsController, HEADLESS_LABEL, LAST_CHANGE_TRIGGER_TIME, type Endpoints } from "./endpoints-controller";

/* eslint-disable @typescript-eslint/no-explicit-any */
const SVC = resourceTypeByKind("", "Service")!;
const POD = resourceTypeByKind("", "Pod")!;
const EP = resourceTypeByKind("", "Endpoints")!;

let c: TestCluster;
beforeEach(() => {
  c = new TestCluster([(ctx) => new EndpointsController(ctx)]);
  c.start();
});
afterEach(() => c.stop());

const service = (name: string, spec: any = {}, labels?: Record<string, string>): Service => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "default", ...(labels ? { labels } : {}) },
  spec: { type: "ClusterIP", clusterIP: "10.96.10.10", selector: { app: "web" }, ports: [{ port: 80, protocol: "TCP", targetPort: 8080 }], ...spec },
});

/** A pod of app=web on node n1 with `ip`; ready unless told otherwise. */
function pod(name: string, ip: string | undefined, opts: { ready?: boolean; labels?: Record<string, string>; ports?: { name: string; containerPort: number }[] } = {}): Pod {
  return makePod(name)
    .labels(opts.labels ?? { app: "web" })
    .onNode("n1")
    .container("app", "nginx")
    .with((p) => {
      if (opts.ports) p.spec!.containers[0].ports = opts.ports.map((x) => ({ ...x, protocol: "TCP" }));
      p.status = { phase: "Running", ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}), conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True", lastTransitionTime: "2025-12-31T23:00:00Z" }] };
    })
    .build();
}

/** Store a pod with its status (a create resets status, as the apiserver does). */
async function addPod(p: Pod): Promise<void> {
  const created = await c.store.create(p);
  await c.store.update({ ...structuredClone(created), status: p.status }, { subresource: "status" });
}

const uidOf = (name: string) => c.store.get<Pod>(POD, "default", name)!.metadata.uid;
const endpoints = (name = "web") => c.store.get<Endpoints>(EP, "default", name);
const ips = (list: any[] | undefined) => (list ?? []).map((a) => a.ip);

async function setPodStatus(name: string, change: (p: Pod) => void): Promise<void> {
  const p = structuredClone(c.store.get<Pod>(POD, "default", name)!);
  change(p);
  await c.store.update(p, { subresource: "status" });
}

describe("EndpointsController", () => {
  it("lists ready pods in addresses and the others in notReadyAddresses, on the target port", async () => {
    await addPod(pod("b", "10.244.1.7"));
    await addPod(pod("a", "10.244.2.3"));
    await addPod(pod("slow", "10.244.1.9", { ready: false }));
    await addPod(pod("other", "10.244.1.8", { labels: { app: "db" } }));
    const svc = await c.store.create(service("web", {}, { app: "web" }));
    await c.idle();
    const ep = endpoints()!;
    expect(ep.metadata.labels).toEqual({ app: "web" });
    expect(ep.metadata.annotations?.[LAST_CHANGE_TRIGGER_TIME]).toBe(svc.metadata.creationTimestamp);
    expect(ep.subsets).toEqual([
      {
        addresses: [
          { ip: "10.244.1.7", nodeName: "n1", targetRef: { kind: "Pod", namespace: "default", name: "b", uid: uidOf("b") } },
          { ip: "10.244.2.3", nodeName: "n1", targetRef: { kind: "Pod", namespace: "default", name: "a", uid: uidOf("a") } },
        ],
        notReadyAddresses: [{ ip: "10.244.1.9", nodeName: "n1", targetRef: { kind: "Pod", namespace: "default", name: "slow", uid: uidOf("slow") } }],
        ports: [{ port: 8080, protocol: "TCP" }],
      },
    ]);
  });

  it("follows pods as they turn ready, come, go and terminate", async () => {
    await c.store.create(service("web"));
    await addPod(pod("a", "10.244.1.2", { ready: false }));
    await c.idle();
    expect(ips(endpoints()!.subsets![0].notReadyAddresses)).toEqual(["10.244.1.2"]);

    await c.clock.advance(5000);
    await c.markReady(c.store.get<Pod>(POD, "default", "a")!);
    await c.idle();
    const readyAt = c.store.get<Pod>(POD, "default", "a")!.status!.conditions![0].lastTransitionTime;
    expect(ips(endpoints()!.subsets![0].addresses)).toEqual(["10.244.1.2"]);
    expect(endpoints()!.subsets![0].notReadyAddresses).toBeUndefined();
    expect(endpoints()!.metadata.annotations?.[LAST_CHANGE_TRIGGER_TIME]).toBe(readyAt);

    await addPod(pod("b", "10.244.1.3"));
    await addPod(pod("pending", undefined));
    await c.idle();
    expect(ips(endpoints()!.subsets![0].addresses)).toEqual(["10.244.1.2", "10.244.1.3"]);

    await setPodStatus("b", (p) => (p.status!.phase = "Succeeded"));
    await c.store.delete(POD, "default", "a", { gracePeriodSeconds: 30 }); // bound: terminating, still stored
    await c.idle();
    expect(c.store.get(POD, "default", "a")?.metadata.deletionTimestamp).toBeDefined();
    expect(endpoints()!.subsets).toBeUndefined();
  });

  it("resolves named target ports per pod; pods without the port are left out of it", async () => {
    await c.store.create(
      service("web", {
        ports: [
          { name: "http", port: 80, protocol: "TCP", targetPort: "web" },
          { name: "metrics", port: 9090, protocol: "TCP", targetPort: 9090 },
        ],
      }),
    );
    await addPod(pod("a", "10.244.1.2", { ports: [{ name: "web", containerPort: 8080 }] }));
    await addPod(pod("b", "10.244.1.3", { ports: [{ name: "web", containerPort: 8081 }] }));
    await addPod(pod("c", "10.244.1.4"));
    await c.idle();
    const subsets = endpoints()!.subsets!.map((s) => ({ ips: ips(s.addresses), ports: s.ports }));
    expect(subsets).toEqual([
      { ips: ["10.244.1.2"], ports: [{ name: "http", port: 8080, protocol: "TCP" }] },
      { ips: ["10.244.1.2", "10.244.1.3", "10.244.1.4"], ports: [{ name: "metrics", port: 9090, protocol: "TCP" }] },
      { ips: ["10.244.1.3"], ports: [{ name: "http", port: 8081, protocol: "TCP" }] },
    ]);
  });

  it("deletes the Endpoints with the Service, and puts back Endpoints deleted under a live Service", async () => {
    await c.store.create(service("web"));
    await addPod(pod("a", "10.244.1.2"));
    await c.idle();
    await c.store.delete(EP, "default", "web");
    await c.idle();
    expect(ips(endpoints()!.subsets![0].addresses)).toEqual(["10.244.1.2"]);
    await c.store.delete(SVC, "default", "web");
    await c.idle();
    expect(endpoints()).toBeUndefined();
  });

  it("leaves Endpoints of selectorless Services alone, and gives ExternalName ones none", async () => {
    const manual: Endpoints = { apiVersion: "v1", kind: "Endpoints", metadata: { name: "db", namespace: "default" }, subsets: [{ addresses: [{ ip: "192.168.0.9" }], ports: [{ port: 5432 }] }] };
    await c.store.create(manual);
    await c.store.create(service("db", { selector: undefined }));
    await c.store.create(service("ext", { type: "ExternalName", externalName: "example.com", clusterIP: undefined }));
    await addPod(pod("a", "10.244.1.2"));
    await c.idle();
    expect(endpoints("db")!.subsets).toEqual(manual.subsets);
    expect(endpoints("ext")).toBeUndefined();
  });

  it("labels headless Endpoints, lists a portless headless Service's pods, and publishes not-ready ones when asked", async () => {
    await c.store.create(service("h", { clusterIP: "None", ports: [] }));
    await c.store.create(service("all", { publishNotReadyAddresses: true }));
    await addPod(pod("a", "10.244.1.2", { ready: false }));
    await c.idle();
    expect(endpoints("h")!.metadata.labels).toEqual({ [HEADLESS_LABEL]: "" });
    expect(endpoints("h")!.subsets).toEqual([{ notReadyAddresses: [expect.objectContaining({ ip: "10.244.1.2" })] }]);
    expect(ips(endpoints("all")!.subsets![0].addresses)).toEqual(["10.244.1.2"]);
  });

  it("does not rewrite Endpoints that are already right", async () => {
    await c.store.create(service("web"));
    await addPod(pod("a", "10.244.1.2"));
    await c.idle();
    const rv = endpoints()!.metadata.resourceVersion;
    const svc = structuredClone(c.store.get<Service>(SVC, "default", "web")!);
    svc.metadata.annotations = { note: "x" };
    await c.store.update(svc);
    await c.idle();
    expect(endpoints()!.metadata.resourceVersion).toBe(rv);
  });
});

describe("leftover Endpoints", () => {
  it("deletes, at start, Endpoints whose Service went away while the controller was down", async () => {
    const later = new TestCluster([(ctx) => new EndpointsController(ctx)]);
    await later.store.create({ apiVersion: "v1", kind: "Endpoints", metadata: { name: "gone", namespace: "default" } });
    later.start();
    await later.idle();
    expect(later.store.get(EP, "default", "gone")).toBeUndefined();
    later.stop();
  });
});
