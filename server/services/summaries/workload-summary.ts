// Why: the console and GraphQL show deployments and replica sets with `kubectl get`'s columns (READY, UP-TO-DATE, AVAILABLE).

import type { Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from "@/core/api/types";

/** The columns of `kubectl get deployments -o wide`. */
export interface DeploymentSummary {
  replicas: number;
  readyReplicas: number;
  /** `2/3` */
  ready: string;
  upToDate: number;
  available: number;
  unavailable: number;
  images: string[];
  containers: string[];
  /** `app=web` */
  selector: string;
  paused: boolean;
}

/** The columns of `kubectl get replicasets -o wide`. */
export interface ReplicaSetSummary {
  desired: number;
  current: number;
  ready: number;
  images: string[];
  containers: string[];
  selector: string;
  /** The owning Deployment's name, when one controls it. */
  owner?: string;
  /** `deployment.kubernetes.io/revision` */
  revision?: string;
}

/** Renders a LabelSelector the way kubectl prints it (`app=web,tier in (a,b)`). */
export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return "";
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const values = (e.values ?? []).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${values})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.join(",");
}

function templateImages(t: PodTemplateSpec | undefined) {
  const cs = t?.spec?.containers ?? [];
  return { images: cs.map((c) => c.image ?? ""), containers: cs.map((c) => c.name) };
}

export function deploymentSummary(d: Deployment): DeploymentSummary {
  const replicas = d.spec?.replicas ?? 1;
  const readyReplicas = d.status?.readyReplicas ?? 0;
  return {
    replicas,
    readyReplicas,
    ready: `${readyReplicas}/${replicas}`,
    upToDate: d.status?.updatedReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
    unavailable: d.status?.unavailableReplicas ?? 0,
    ...templateImages(d.spec?.template),
    selector: selectorString(d.spec?.selector),
    paused: d.spec?.paused === true,
  };
}

export function replicaSetSummary(rs: ReplicaSet): ReplicaSetSummary {
  const owner = (rs.metadata.ownerReferences ?? []).find((o) => o.controller && o.kind === "Deployment");
  return {
    desired: rs.spec?.replicas ?? 1,
    current: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    ...templateImages(rs.spec?.template),
    selector: selectorString(rs.spec?.selector),
    owner: owner?.name,
    revision: rs.metadata.annotations?.["deployment.kubernetes.io/revision"],
  };
}
