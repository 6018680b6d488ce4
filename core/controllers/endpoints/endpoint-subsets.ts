// Why: which pods back a Service, on which ports, ready or not, is the heart of the Endpoints controller; a pure function of the Service and its pods, as Kubernetes computes it (addresses per pod and port, then repacked into subsets).

import type * as k8s from "@kubernetes/client-node";
import type { Pod, Service, Wire } from "../../api/types";
import { isPodReady } from "../pod-util";

export type EndpointAddress = Wire<k8s.V1EndpointAddress>;
export type EndpointPort = Wire<k8s.CoreV1EndpointPort>;
export type EndpointSubset = Wire<k8s.V1EndpointSubset>;

/** Endpoints beyond this many are truncated, and the object says so (`endpoints.kubernetes.io/over-capacity`). */
export const MAX_ENDPOINTS = 1000;

/** Terminal or IP-less pods never back a Service; terminating ones only when the Service publishes not-ready addresses (ShouldPodBeInEndpoints). */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** The container port a Service port's targetPort names (a number as is; a name looked up with the same protocol), or undefined (podutil.FindPort). */
export function findPort(pod: Pod, sp: { targetPort?: number | string; port?: number; protocol?: string }): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === "number") return target;
  if (typeof target === "string" && /^[0-9]+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? "TCP";
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always");
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? "TCP") === protocol) return p.containerPort;
  }
  return undefined;
}

const isIPv6 = (ip: string) => ip.includes(":");

/** The pod's address in the Service's IP family, as an EndpointAddress (podToEndpointAddressForService); undefined when it has none. */
export function endpointAddressFor(svc: Service, pod: Pod): EndpointAddress | undefined {
  const family = svc.spec?.ipFamilies?.[0] ?? (svc.spec?.clusterIP && svc.spec.clusterIP !== "None" && isIPv6(svc.spec.clusterIP) ? "IPv6" : "IPv4");
  const ips = pod.status?.podIPs?.length ? pod.status.podIPs.map((p) => p.ip) : [pod.status?.podIP ?? ""];
  const ip = ips.find((x) => x && isIPv6(x) === (family === "IPv6"));
  if (!ip) return undefined;
  const addr: EndpointAddress = { ip, nodeName: pod.spec?.nodeName ?? "", targetRef: { kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
  if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace) addr.hostname = pod.spec.hostname;
  return addr;
}

const addressKey = (a: EndpointAddress) => `${a.ip}|${a.targetRef?.uid ?? ""}`;
const lessAddress = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? "") < (b.targetRef?.uid ?? "") ? -1 : (a.targetRef?.uid ?? "") > (b.targetRef?.uid ?? "") ? 1 : 0);
const portKey = (p: EndpointPort) => `${p.name ?? ""}|${p.port}|${p.protocol ?? ""}|${p.appProtocol ?? ""}`;

/**
 * The subsets of a Service's Endpoints: every pod that should be in endpoints contributes its
 * address (ready, or in notReadyAddresses) for each Service port it resolves; addresses that
 * offer the same ports share a subset (RepackSubsets). A headless Service without ports lists
 * addresses with no ports. Sorted, so equal inputs give equal output.
 */
export function computeSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const servicePorts = svc.spec?.ports ?? [];
  const NO_PORT = "\u0000";
  const addrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port?: EndpointPort; members: Map<string, boolean> }>();
  const add = (port: EndpointPort | undefined, addr: EndpointAddress, ready: boolean) => {
    const k = port ? portKey(port) : NO_PORT;
    let e = byPort.get(k);
    if (!e) byPort.set(k, (e = { port, members: new Map() }));
    e.members.set(addressKey(addr), ready);
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const addr = endpointAddressFor(svc, pod);
    if (!addr) continue;
    const isReady = publishNotReady || isPodReady(pod);
    addrs.set(addressKey(addr), addr);
    if (servicePorts.length === 0) {
      if (svc.spec?.clusterIP === "None") {
        add(undefined, addr, isReady);
      }
      continue;
    }
    for (const sp of servicePorts) {
      const num = findPort(pod, sp);
      if (num === undefined) continue;
      const ep: EndpointPort = { ...(sp.name ? { name: sp.name } : {}), port: num, protocol: sp.protocol ?? "TCP", ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) };
      add(ep, addr, isReady);
    }
  }
  // Group ports by the exact set of (address, readiness) that offers them.
  const groups = new Map<string, { members: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, members } of byPort.values()) {
    const k = [...members.entries()].map(([a, r]) => `${a}=${r}`).sort().join(",");
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { members, ports: [] }));
    if (port) g.ports.push(port);
  }
  const subsets: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const readyAddrs: EndpointAddress[] = [];
    const notReadyAddrs: EndpointAddress[] = [];
    for (const [k, r] of g.members) (r ? readyAddrs : notReadyAddrs).push(addrs.get(k)!);
    const s: EndpointSubset = {};
    if (readyAddrs.length) s.addresses = readyAddrs.sort(lessAddress);
    if (notReadyAddrs.length) s.notReadyAddresses = notReadyAddrs.sort(lessAddress);
    if (g.ports.length) s.ports = g.ports.sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || a.port - b.port || (a.protocol ?? "").localeCompare(b.protocol ?? ""));
    subsets.push(s);
  }
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? "";
  subsets.sort((a, b) => first(a).localeCompare(first(b)) || portKey(a.ports?.[0] ?? { port: 0 }).localeCompare(portKey(b.ports?.[0] ?? { port: 0 })));
  return subsets;
}

/** The number of addresses (ready and not) over all subsets. */
export function countAddresses(subsets: EndpointSubset[]): number {
  return subsets.reduce((n, s) => n + (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0), 0);
}

/**
 * Keep at most {@link MAX_ENDPOINTS} addresses: not-ready ones go first; if ready ones alone are
 * too many, they are cut too, each subset keeping its share (truncateEndpoints).
 */
export function truncateSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0);
  if (ready + notReady <= MAX_ENDPOINTS) return subsets;
  const cutReady = ready > MAX_ENDPOINTS;
  const max = cutReady ? MAX_ENDPOINTS : MAX_ENDPOINTS - ready;
  const total = cutReady ? ready : notReady;
  let left = max;
  const out = structuredClone(subsets).map((s) => {
    const list = cutReady ? s.addresses : s.notReadyAddresses;
    const keep = Math.min(left, Math.floor(((list?.length ?? 0) * max) / total));
    left -= keep;
    if (cutReady) {
      s.addresses = (s.addresses ?? []).slice(0, keep);
      delete s.notReadyAddresses;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, keep);
    }
    if (!s.addresses?.length) delete s.addresses;
    if (!s.notReadyAddresses?.length) delete s.notReadyAddresses;
    return s;
  });
  return out.filter((s) => s.addresses || s.notReadyAddresses);
}
