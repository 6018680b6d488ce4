// Why: Services get a cluster IP and node ports from the apiserver's registry, unique across the cluster; the used set is derived from the stored Services (so restarts and deletes by any path are right) plus short-lived reservations for writes in flight.

import type { Clock } from "../../clock/clock";
import { CauseType, internalError, invalid, type StatusCause } from "../../api/errors";
import { resourceTypeByKind, type ResourceType } from "../../api/resources";
import type { KubeObject } from "../../api/types";
import { goFormat } from "../../api/validation/field-errors";
import type { ObjectClient } from "../../store/types";
import { IpRange } from "./ip-range";
import { pickFree, staticBandSize } from "./pick-free";
import { PortRange } from "./port-range";
import {
  CLUSTER_IP_NONE,
  clusterIPsOf,
  dropTypeDependentFields,
  initIPFamilyFields,
  needsHealthCheckNodePort,
  nodePortsOf,
  normalizeClusterIPsOnUpdate,
  patchAllocatedValues,
  shouldAllocateNodePorts,
} from "./service-fields";

/* eslint-disable @typescript-eslint/no-explicit-any -- Services arrive as decoded JSON */
type Json = any;

/** kube-apiserver's defaults for --service-cluster-ip-range and --service-node-port-range. */
export const DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
export const DEFAULT_NODE_PORT_RANGE = "30000-32767";
/** How long a reservation outlives a write whose caller never settled it (apply's batch, a crash between admit and store). */
export const RESERVATION_TTL_MS = 60_000;

const SERVICES = resourceTypeByKind("", "Service")!;

export interface ServiceAllocatorConfig {
  /** Where Services are stored; only `list` is used (reads from memory). */
  store: Pick<ObjectClient, "list">;
  clock: Clock;
  /** Default {@link DEFAULT_SERVICE_CIDR}. IPv4 only. */
  serviceCIDR?: string;
  /** Default {@link DEFAULT_NODE_PORT_RANGE}. */
  nodePortRange?: string;
  /** Picks among free values (default Math.random), as Kubernetes allocates at random. */
  random?: () => number;
}

interface Reservation {
  key: string;
  expires: number;
}

const isService = (type: ResourceType) => type.group === "" && type.kind === "Service";
const keyOf = (svc: KubeObject) => `${svc.metadata?.namespace ?? ""}/${svc.metadata?.name ?? ""}`;

/**
 * Allocates Service cluster IPs and node ports as the apiserver's service registry does.
 *
 * The pipeline calls {@link admitCreate} after validation, {@link prepareUpdate} before update
 * validation and {@link admitUpdate} after it, then {@link settle} around the store write so
 * the reservation ends with the write. Nothing is held once a Service is stored or deleted:
 * the used set is read from the store on each allocation.
 */
export class ServiceAllocator {
  readonly ipRange: IpRange;
  readonly nodePorts: PortRange;
  private readonly store: Pick<ObjectClient, "list">;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly ipBand: number;
  private readonly portBand: number;
  private readonly reservedIPs = new Map<number, Reservation>();
  private readonly reservedPorts = new Map<number, Reservation>();

  constructor(cfg: ServiceAllocatorConfig) {
    this.store = cfg.store;
    this.clock = cfg.clock;
    this.random = cfg.random ?? Math.random;
    this.ipRange = IpRange.parse(cfg.serviceCIDR ?? DEFAULT_SERVICE_CIDR);
    this.nodePorts = PortRange.parse(cfg.nodePortRange ?? DEFAULT_NODE_PORT_RANGE);
    this.ipBand = staticBandSize(this.ipRange.size + 2, { min: 16, max: 256, step: 16 });
    this.portBand = staticBandSize(this.nodePorts.size, { min: 16, max: 128, step: 32 });
  }

  /** The first address of the range: the `kubernetes` Service's cluster IP. */
  firstIP(): string {
    return this.ipRange.ipAt(0);
  }

  /** Fill IP families, the cluster IP and node ports of a Service about to be created (in place). Throws 422/500 as Kubernetes does. */
  admitCreate(type: ResourceType, svc: KubeObject): void {
    if (!isService(type)) return;
    this.throwIfAny(svc, initIPFamilyFields(svc, undefined));
    const key = keyOf(svc);
    const ctx = this.usage(undefined);
    this.allocClusterIP(svc, key, ctx);
    if (svc.spec?.type === "NodePort" || svc.spec?.type === "LoadBalancer") this.initNodePorts(svc, key, ctx);
    if (needsHealthCheckNodePort(svc)) this.allocHealthCheck(svc, key, ctx, undefined);
  }

  /** Before update validation: keep what the server allocated, sync clusterIP(s), drop fields the new type does not use. */
  prepareUpdate(type: ResourceType, svc: KubeObject, prev: KubeObject): void {
    if (!isService(type)) return;
    patchAllocatedValues(svc, prev);
    normalizeClusterIPsOnUpdate(svc, prev);
    dropTypeDependentFields(svc, prev);
  }

  /** After update validation: allocate what a type change needs (an IP leaving ExternalName, node ports becoming NodePort). */
  admitUpdate(type: ResourceType, svc: KubeObject, prev: KubeObject): void {
    if (!isService(type)) return;
    this.throwIfAny(svc, initIPFamilyFields(svc, prev));
    const key = keyOf(svc);
    const ctx = this.usage(key);
    if (prev.spec?.type === "ExternalName" && svc.spec?.type !== "ExternalName") this.allocClusterIP(svc, key, ctx);
    if (svc.spec?.type === "NodePort" || svc.spec?.type === "LoadBalancer") this.updateNodePorts(svc, prev, key, ctx);
    if (needsHealthCheckNodePort(svc)) this.allocHealthCheck(svc, key, ctx, prev);
  }

  /** Ends the reservations of `svc` when `write` settles (stored: the store now holds them; failed or dry-run: they are free). */
  settle<T>(svc: KubeObject, write: Promise<T>): Promise<T> {
    if (svc.kind !== "Service" || svc.apiVersion !== "v1") return write;
    const key = keyOf(svc);
    return write.finally(() => this.release(key));
  }

  /** Drop every reservation held for the Service `namespace/name`. */
  release(key: string): void {
    for (const m of [this.reservedIPs, this.reservedPorts]) for (const [v, r] of m) if (r.key === key) m.delete(v);
  }

  /** How many reservations are held (tests). */
  reservations(): number {
    return this.reservedIPs.size + this.reservedPorts.size;
  }

  /** IP offsets and node ports in use by stored Services (except `exceptKey`) and live reservations of other writes. */
  private usage(exceptKey: string | undefined): { ips: Set<number>; ports: Set<number> } {
    const ips = new Set<number>();
    const ports = new Set<number>();
    const stored = new Map<string, KubeObject>();
    for (const svc of this.store.list(SERVICES).items) {
      const key = keyOf(svc);
      stored.set(key, svc);
      if (key === exceptKey) continue;
      for (const ip of clusterIPsOf(svc)) {
        const off = this.ipRange.offsetOf(ip);
        if (off !== undefined) ips.add(off);
      }
      for (const p of nodePortsOf(svc)) ports.add(p);
    }
    const now = this.clock.now();
    const sweep = (m: Map<number, Reservation>, into: Set<number>, held: (svc: KubeObject, v: number) => boolean) => {
      for (const [v, r] of m) {
        const landed = stored.get(r.key);
        if (r.expires <= now || (landed && held(landed, v))) m.delete(v);
        else if (r.key !== exceptKey) into.add(v);
      }
    };
    sweep(this.reservedIPs, ips, (svc, off) => clusterIPsOf(svc).some((ip) => this.ipRange.offsetOf(ip) === off));
    sweep(this.reservedPorts, ports, (svc, p) => nodePortsOf(svc).includes(p));
    return { ips, ports };
  }

  private reserve(m: Map<number, Reservation>, v: number, key: string): void {
    m.set(v, { key, expires: this.clock.now() + RESERVATION_TTL_MS });
  }

  private allocClusterIP(svc: Json, key: string, ctx: { ips: Set<number> }): void {
    const spec = (svc.spec ??= {});
    if (spec.type === "ExternalName") return;
    if (spec.clusterIP === CLUSTER_IP_NONE || spec.clusterIPs?.[0] === CLUSTER_IP_NONE) {
      spec.clusterIP = CLUSTER_IP_NONE;
      spec.clusterIPs = [CLUSTER_IP_NONE];
      return;
    }
    const requested: string | undefined = spec.clusterIPs?.[0] || spec.clusterIP || undefined;
    let off: number | undefined;
    if (requested) {
      off = this.ipRange.offsetOf(requested);
      const fail = (why: string) =>
        invalid({ kind: "Service", name: svc.metadata?.name }, [
          { reason: CauseType.Invalid, field: "spec.clusterIPs", message: `Invalid value: ${goFormat(spec.clusterIPs ?? [requested])}: failed to allocate IP ${requested}: ${why}` },
        ]);
      if (off === undefined) throw fail(`the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.ipRange.cidr}`);
      if (ctx.ips.has(off)) throw fail("provided IP is already allocated");
    } else {
      off = pickFree(this.ipRange.size, this.ipBand, (o) => ctx.ips.has(o), this.random);
      if (off === undefined) throw internalError("failed to allocate a serviceIP: range is full");
    }
    ctx.ips.add(off);
    this.reserve(this.reservedIPs, off, key);
    const ip = this.ipRange.ipAt(off);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }

  private takePort(svc: Json, field: string, port: number, ctx: { ports: Set<number> }, key: string): void {
    const fail = (why: string) => invalid({ kind: "Service", name: svc.metadata?.name }, [{ reason: CauseType.Invalid, field, message: `Invalid value: ${port}: ${why}` }]);
    if (!this.nodePorts.contains(port)) throw fail(`provided port is not in the valid range. The range of valid ports is ${this.nodePorts}`);
    if (ctx.ports.has(port)) throw fail("provided port is already allocated");
    ctx.ports.add(port);
    this.reserve(this.reservedPorts, port, key);
  }

  private nextPort(ctx: { ports: Set<number> }, key: string, what = "a nodePort"): number {
    const off = pickFree(this.nodePorts.size, this.portBand, (o) => ctx.ports.has(this.nodePorts.base + o), this.random);
    if (off === undefined) throw internalError(`failed to allocate ${what}: range is full`);
    const port = this.nodePorts.base + off;
    ctx.ports.add(port);
    this.reserve(this.reservedPorts, port, key);
    return port;
  }

  /** initNodePorts: ports sharing a number (TCP and UDP 53) share a node port; requested values are taken, others allocated. */
  private initNodePorts(svc: Json, key: string, ctx: { ports: Set<number> }): void {
    const ports: Json[] = svc.spec.ports ?? [];
    const byPort = new Map<number, number>();
    ports.forEach((p, i) => {
      if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
      const shared = byPort.get(p.port);
      if (shared === undefined) {
        const requested = ports.slice(i).find((q) => q.port === p.port && q.nodePort)?.nodePort;
        if (requested) {
          this.takePort(svc, `spec.ports[${i}].nodePort`, requested, ctx, key);
          p.nodePort = requested;
        } else p.nodePort = this.nextPort(ctx, key);
        byPort.set(p.port, p.nodePort);
      } else if (p.nodePort !== shared) {
        if (!p.nodePort) p.nodePort = shared;
        else this.takePort(svc, `spec.ports[${i}].nodePort`, p.nodePort, ctx, key);
      }
    });
  }

  /** updateNodePorts: keep the Service's own ports, take newly requested ones, allocate the missing. */
  private updateNodePorts(svc: Json, prev: Json, key: string, ctx: { ports: Set<number> }): void {
    const had = new Set(nodePortsOf({ spec: { ports: prev.spec?.ports } }));
    const taken = new Set<number>();
    (svc.spec.ports ?? []).forEach((p: Json, i: number) => {
      if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
      if (p.nodePort) {
        if (!had.has(p.nodePort) && !taken.has(p.nodePort)) this.takePort(svc, `spec.ports[${i}].nodePort`, p.nodePort, ctx, key);
        taken.add(p.nodePort);
      } else {
        p.nodePort = this.nextPort(ctx, key);
      }
    });
  }

  private allocHealthCheck(svc: Json, key: string, ctx: { ports: Set<number> }, prev: Json | undefined): void {
    const spec = svc.spec;
    if (spec.healthCheckNodePort) {
      if (prev?.spec?.healthCheckNodePort === spec.healthCheckNodePort) return;
      if (!this.nodePorts.contains(spec.healthCheckNodePort) || ctx.ports.has(spec.healthCheckNodePort)) {
        throw internalError(`failed to allocate requested HealthCheck NodePort ${spec.healthCheckNodePort}: provided port is ${ctx.ports.has(spec.healthCheckNodePort) ? "already allocated" : `not in the valid range. The range of valid ports is ${this.nodePorts}`}`);
      }
      ctx.ports.add(spec.healthCheckNodePort);
      this.reserve(this.reservedPorts, spec.healthCheckNodePort, key);
      return;
    }
    spec.healthCheckNodePort = this.nextPort(ctx, key, "a HealthCheck NodePort");
  }

  private throwIfAny(svc: KubeObject, causes: StatusCause[]): void {
    if (causes.length) throw invalid({ kind: "Service", name: svc.metadata?.name }, causes);
  }
}
