// Why: controllers share informers, so the indexes they query are defined once and added once.

import type { KubeObject } from "../api/types";
import type { Informer } from "../informer/informer";

/** Objects by the uid of their controller ownerReference. */
export const CONTROLLER_UID_INDEX = "controller-uid";
/** Objects by the uid of every ownerReference. */
export const OWNER_UID_INDEX = "owner-uid";

/** Add the controller-uid index to `inf` unless another controller already did. */
export function ensureControllerIndex<T extends KubeObject>(inf: Informer<T>): void {
  if (inf.hasIndexer(CONTROLLER_UID_INDEX)) return;
  inf.addIndexer(CONTROLLER_UID_INDEX, (o) => {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
    return ref ? [ref.uid] : [];
  });
}

/** Add the owner-uid index to `inf` unless another controller already did. */
export function ensureOwnerIndex<T extends KubeObject>(inf: Informer<T>): void {
  if (inf.hasIndexer(OWNER_UID_INDEX)) return;
  inf.addIndexer(OWNER_UID_INDEX, (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid));
}
