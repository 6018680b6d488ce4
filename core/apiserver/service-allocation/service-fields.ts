// Why: the Service registry's field bookkeeping around allocation (keep allocated values on resubmit, sync clusterIP/clusterIPs, drop fields a new type does not use, pick IP families) is subtle; one pure module, tested on its own.

import { CauseType, type StatusCause } from "../../api/errors";
import { goFormat } from "../../api/validation/field-errors";

/* eslint-disable @typescript-eslint/no-explicit-any -- Services arrive as decoded JSON */
type Json = any;

/** `clusterIP: None`. */
export const CLUSTER_IP_NONE = "None";

/** Every type but ExternalName carries a cluster IP (or None). */
export function needsClusterIP(svc: Json): boolean {
  return svc?.spec?.type !== "ExternalName";
}

/** NodePort and LoadBalancer expose node ports. */
export function needsNodePort(svc: Json): boolean {
  const t = svc?.spec?.type;
  return t === "NodePort" || t === "LoadBalancer";
}

/** A LoadBalancer with externalTrafficPolicy Local gets a health-check node port. */
export function needsHealthCheckNodePort(svc: Json): boolean {
  return svc?.spec?.type === "LoadBalancer" && svc?.spec?.externalTrafficPolicy === "Local";
}

/** Whether node ports are allocated for ports that name none (LoadBalancers may opt out). */
export function shouldAllocateNodePorts(svc: Json): boolean {
  if (svc?.spec?.type === "NodePort") return true;
  if (svc?.spec?.type === "LoadBalancer") return svc.spec.allocateLoadBalancerNodePorts !== false;
  return false;
}

/** True when `clusterIPs` is exactly `["None"]`. */
export function isHeadless(svc: Json): boolean {
  const ips: string[] = svc?.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === CLUSTER_IP_NONE;
}

/** Every node port the Service holds (ports and health check). */
export function nodePortsOf(svc: Json): number[] {
  const out: number[] = [];
  for (const p of svc?.spec?.ports ?? []) if (p?.nodePort) out.push(p.nodePort);
  if (svc?.spec?.healthCheckNodePort) out.push(svc.spec.healthCheckNodePort);
  return out;
}

/** The cluster IPs the Service holds (not None, not empty). */
export function clusterIPsOf(svc: Json): string[] {
  const spec = svc?.spec ?? {};
  const ips: string[] = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return ips.filter((ip) => ip && ip !== CLUSTER_IP_NONE);
}

const sameList = (a: unknown[] | undefined, b: unknown[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/**
 * Resubmitting a Service without the values the server allocated keeps them (patchAllocatedValues):
 * clusterIP(s), node ports by port name (unless another port now uses them), health-check port.
 */
export function patchAllocatedValues(next: Json, prev: Json): void {
  const spec = (next.spec ??= {});
  const old = prev.spec ?? {};
  if (needsClusterIP(prev) && needsClusterIP(next)) {
    if (!spec.clusterIP) spec.clusterIP = old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs?.length) spec.clusterIPs = [...old.clusterIPs];
    if (spec.clusterIP === undefined) delete spec.clusterIP;
  }
  if (needsNodePort(prev) && needsNodePort(next)) {
    const inBoth = new Set((old.ports ?? []).map((p: Json) => p.nodePort).filter((n: number) => n && (spec.ports ?? []).some((q: Json) => q.nodePort === n)));
    const byName = new Map<string, number>((old.ports ?? []).map((p: Json) => [p.name ?? "", p.nodePort]));
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const v = byName.get(p.name ?? "");
      if (v && !inBoth.has(v)) p.nodePort = v;
    }
  }
  if (needsHealthCheckNodePort(prev) && needsHealthCheckNodePort(next) && !spec.healthCheckNodePort && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/** Keep clusterIP and clusterIPs in step on update, guessing what an old client meant (normalizeClusterIPs). */
export function normalizeClusterIPsOnUpdate(next: Json, prev: Json): void {
  const spec = (next.spec ??= {});
  const old = prev.spec ?? {};
  if (old.clusterIPs?.length && !spec.clusterIPs?.length && (old.clusterIP ?? "") === (spec.clusterIP ?? "")) spec.clusterIPs = [...old.clusterIPs];
  if ((old.clusterIP ?? "") !== (spec.clusterIP ?? "")) {
    const sameIPs = sameList(old.clusterIPs, spec.clusterIPs);
    if (old.clusterIP && !spec.clusterIP) {
      if (sameIPs) delete spec.clusterIPs;
    } else if (sameIPs) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

/** On create, an old client's lone `clusterIP` becomes `clusterIPs` too. */
export function normalizeClusterIPsOnCreate(svc: Json): void {
  const spec = svc.spec;
  if (spec?.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
}

/**
 * Fields that only some types use are cleared when the type changes away from them and the
 * client left them as they were (the strategy's dropTypeDependentFields).
 */
export function dropTypeDependentFields(next: Json, prev: Json): void {
  const spec = (next.spec ??= {});
  const old = prev.spec ?? {};
  if (needsClusterIP(prev) && !needsClusterIP(next)) {
    if ((spec.clusterIP ?? "") === (old.clusterIP ?? "") && sameList(spec.clusterIPs, old.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(spec.ipFamilies, old.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === old.ipFamilyPolicy) delete spec.ipFamilyPolicy;
    if (spec.internalTrafficPolicy === old.internalTrafficPolicy) delete spec.internalTrafficPolicy;
  }
  if (needsNodePort(prev) && !needsNodePort(next)) {
    const oldPorts = new Set(nodePortsOf({ spec: { ports: old.ports } }));
    if ((spec.ports ?? []).every((p: Json) => !p.nodePort || oldPorts.has(p.nodePort))) for (const p of spec.ports ?? []) delete p.nodePort;
    if (spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  }
  if (needsHealthCheckNodePort(prev) && !needsHealthCheckNodePort(next) && spec.healthCheckNodePort === old.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (prev.spec?.type === "LoadBalancer" && spec.type !== "LoadBalancer" && spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
}

function invalidCause(field: string, value: unknown, detail: string): StatusCause {
  return { reason: CauseType.Invalid, field, message: `Invalid value: ${goFormat(value)}: ${detail}` };
}

/**
 * Fill ipFamilyPolicy and ipFamilies on a single-stack IPv4 cluster as the registry's
 * initIPFamilyFields does, or return the causes that make the request impossible here.
 */
export function initIPFamilyFields(svc: Json, prev: Json | undefined): StatusCause[] {
  const spec = (svc.spec ??= {});
  if (spec.type === "ExternalName") return [];
  const selectorless = !spec.selector || Object.keys(spec.selector).length === 0;
  const headlessCandidate = spec.clusterIP === CLUSTER_IP_NONE;
  if (!spec.ipFamilyPolicy) {
    if (prev?.spec?.ipFamilyPolicy) spec.ipFamilyPolicy = prev.spec.ipFamilyPolicy;
    else spec.ipFamilyPolicy = headlessCandidate && selectorless ? "RequireDualStack" : "SingleStack";
  }
  const causes: StatusCause[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  spec.ipFamilies ??= [];
  for (let i = 0; i < ips.length; i++) {
    if (ips[i] === CLUSTER_IP_NONE) break;
    const fam = ips[i].includes(":") ? "IPv6" : "IPv4";
    if (i >= spec.ipFamilies.length) {
      if (fam === "IPv6") causes.push(invalidCause(`spec.clusterIPs[${i}]`, ips, "IPv6 is not configured on this cluster"));
      else spec.ipFamilies.push(fam);
    }
  }
  if (causes.length) return causes;
  if (headlessCandidate && selectorless) {
    // Headless without selector: any family goes, and dual-stack is recorded even on a single-stack cluster.
    if (spec.ipFamilies.length === 0) spec.ipFamilies.push("IPv4");
    if (spec.ipFamilies.length < 2 && spec.ipFamilyPolicy !== "SingleStack") spec.ipFamilies.push(spec.ipFamilies[0] === "IPv4" ? "IPv6" : "IPv4");
    return [];
  }
  if (spec.ipFamilyPolicy === "RequireDualStack") causes.push(invalidCause("spec.ipFamilyPolicy", "RequireDualStack", "this cluster is not configured for dual-stack services"));
  spec.ipFamilies.forEach((f: string, i: number) => {
    if (f !== "IPv4") causes.push(invalidCause(`spec.ipFamilies[${i}]`, f, "not configured on this cluster"));
  });
  if (causes.length) return causes;
  if (spec.ipFamilies.length === 0) spec.ipFamilies.push("IPv4");
  return [];
}
