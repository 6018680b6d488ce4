// Why: one row printer per kind, computing the cells Kubernetes' printers (pkg/printers/internalversion) put in a Table, wide columns included.

import { ageOf } from "@/core/api/human-duration";
import type { ConfigMap, CoreEvent, Deployment, KubeObject, Lease, Namespace, Node, Pod, ReplicaSet, Secret, Service } from "@/core/api/types";
import { nodeSummary } from "@/server/services/summaries/node-summary";
import { deploymentSummary, replicaSetSummary } from "@/server/services/summaries/workload-summary";
import { formatEndpoints, formatLabels, formatLabelSelector, labelSelectorString } from "./format";
import { podRow } from "./pod-row";
import type { PrintedRow, RowPrinter } from "./printed-row";

export type { RowPrinter } from "./printed-row";


const age = (o: KubeObject, now: number) => ageOf(o.metadata.creationTimestamp, now);
const name = (o: KubeObject) => o.metadata.name ?? "";
const count = (m: object | undefined | null) => Object.keys(m ?? {}).length;

function nodeRow(node: Node, now: number): PrintedRow {
  const s = nodeSummary(node);
  return {
    cells: [
      name(node),
      s.status,
      s.roles.length ? s.roles.join(",") : "<none>",
      age(node, now),
      s.version,
      s.internalIP || "<none>",
      s.externalIP || "<none>",
      s.osImage || "<unknown>",
      s.kernelVersion || "<unknown>",
      s.containerRuntime || "<unknown>",
    ],
  };
}

function deploymentRow(d: Deployment, now: number): PrintedRow {
  const s = deploymentSummary(d);
  return { cells: [name(d), s.ready, s.upToDate, s.available, age(d, now), s.containers.join(","), s.images.join(","), labelSelectorString(d.spec?.selector)] };
}

function replicaSetRow(rs: ReplicaSet, now: number): PrintedRow {
  const s = replicaSetSummary(rs);
  return { cells: [name(rs), s.desired, s.current, s.ready, age(rs, now), s.containers.join(","), s.images.join(","), formatLabelSelector(rs.spec?.selector)] };
}

/** The load balancer's IPs or hostnames, sorted and deduplicated (wide form: never clipped). */
function loadBalancerIngress(svc: Service): string[] {
  const set = new Set<string>();
  for (const i of svc.status?.loadBalancer?.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort();
}

function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type || "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lb = loadBalancerIngress(svc);
      if (externalIPs.length) return [...lb, ...externalIPs].join(",");
      return lb.length ? lb.join(",") : "<pending>";
    }
    case "ExternalName":
      return svc.spec?.externalName ?? "";
  }
  return "<unknown>";
}

function servicePorts(svc: Service): string {
  const ports = (svc.spec?.ports ?? []).map((p) => {
    const protocol = p.protocol || "TCP";
    return p.nodePort ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
  });
  return ports.length ? ports.join(",") : "<none>";
}

function serviceRow(svc: Service, now: number): PrintedRow {
  const clusterIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || "<none>";
  return { cells: [name(svc), svc.spec?.type || "ClusterIP", clusterIP, serviceExternalIP(svc), servicePorts(svc), age(svc, now), formatLabels(svc.spec?.selector)] };
}

function eventSource(e: CoreEvent): string {
  const component = e.source?.component || e.reportingComponent || "";
  const instance = e.source?.host || e.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

/** printEvent: LAST SEEN falls back to first seen, which falls back to eventTime; a series overrides both count and last seen. */
function eventRow(e: CoreEvent, now: number): PrintedRow {
  const firstSeen = e.firstTimestamp ? ageOf(e.firstTimestamp, now) : ageOf(e.eventTime, now);
  let lastSeen = e.lastTimestamp ? ageOf(e.lastTimestamp, now) : firstSeen;
  let n = e.count ?? 0;
  if (e.series) {
    lastSeen = ageOf(e.series.lastObservedTime, now);
    n = e.series.count ?? 0;
  } else if (n === 0) {
    n = 1;
  }
  const kind = (e.involvedObject?.kind ?? "").toLowerCase();
  const target = e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
  return {
    cells: [lastSeen, e.type ?? "", e.reason ?? "", target, e.involvedObject?.fieldPath ?? "", eventSource(e), (e.message ?? "").trim(), firstSeen, n, name(e)],
  };
}

/** Row printers by `group/Kind`. */
export const PRINTERS: Readonly<Record<string, RowPrinter>> = {
  "/Pod": (o, now) => podRow(o as Pod, now),
  "/Node": (o, now) => nodeRow(o as Node, now),
  "/Namespace": (o, now) => ({ cells: [name(o), (o as Namespace).status?.phase ?? "", age(o, now)] }),
  "apps/Deployment": (o, now) => deploymentRow(o as Deployment, now),
  "apps/ReplicaSet": (o, now) => replicaSetRow(o as ReplicaSet, now),
  "/Service": (o, now) => serviceRow(o as Service, now),
  "/Endpoints": (o, now) => ({ cells: [name(o), formatEndpoints(o.subsets as Parameters<typeof formatEndpoints>[0]), age(o, now)] }),
  "/ConfigMap": (o, now) => ({ cells: [name(o), count((o as ConfigMap).data) + count((o as ConfigMap).binaryData), age(o, now)] }),
  "/Secret": (o, now) => ({ cells: [name(o), (o as Secret).type ?? "", count((o as Secret).data), age(o, now)] }),
  "/ServiceAccount": (o, now) => ({ cells: [name(o), Array.isArray(o.secrets) ? o.secrets.length : 0, age(o, now)] }),
  "/Event": (o, now) => eventRow(o as CoreEvent, now),
  "coordination.k8s.io/Lease": (o, now) => ({ cells: [name(o), (o as Lease).spec?.holderIdentity ?? "", age(o, now)] }),
};

/** The Name/Age row of a kind without a printer. */
export const defaultRow: RowPrinter = (o, now) => ({ cells: [name(o), age(o, now)] });
