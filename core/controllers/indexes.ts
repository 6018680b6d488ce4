// Why: controllers share informers, so the indexes they query are defined once and added once.

import type { KubeObject } from "../api/types";
import type { Informer } from "../informer/informer";

/** Objects by the uid of their controller ownerReference. */
export const CONTROLLER_UID_INDEX = "controller-uid";
/** Objects by the uid of every ownerReference. */
export const OWNER_UID_INDEX = "owner-uid";

const ORPHANS_IN = "orphans-in:";

/** Add the controller-uid index to `inf` unless another controller already did. Objects without a controller are filed per namespace. */
export function ensureControllerIndex<T extends KubeObject>(inf: Informer<T>): void {
  if (inf.hasIndexer(CONTROLLER_UID_INDEX)) return;
  inf.addIndexer(CONTROLLER_UID_INDEX, (o) => {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
    return [ref ? ref.uid : `${ORPHANS_IN}${o.metadata.namespace ?? ""}`];
  });
}

/**
 * What an owner may claim: the objects it controls plus the orphans of its namespace
 * (objects controlled by someone else can never be claimed), without scanning the namespace.
 */
export function claimCandidates<T extends KubeObject>(inf: Informer<T>, owner: KubeObject): T[] {
  return [...inf.byIndex(CONTROLLER_UID_INDEX, owner.metadata.uid ?? ""), ...inf.byIndex(CONTROLLER_UID_INDEX, `${ORPHANS_IN}${owner.metadata.namespace ?? ""}`)];
}

/** Add the owner-uid index to `inf` unless another controller already did. */
export function ensureOwnerIndex<T extends KubeObject>(inf: Informer<T>): void {
  if (inf.hasIndexer(OWNER_UID_INDEX)) return;
  inf.addIndexer(OWNER_UID_INDEX, (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid));
}
