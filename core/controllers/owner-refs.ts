// Why: controllers own objects through controller ownerReferences; adoption and release follow Kubernetes' ControllerRefManager so ownership stays consistent with selectors.

import { ApiError, isReason } from "../api/errors";
import type { ResourceType } from "../api/resources";
import { matches, type LabelRequirements } from "../api/selectors";
import type { KubeObject, OwnerReference } from "../api/types";
import type { ObjectClient } from "../store/types";

/** The ownerReference with `controller: true`, if any. */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The controller ownerReference a controller writes on what it creates or adopts. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true };
}

export interface ClaimConfig<T extends KubeObject> {
  client: ObjectClient;
  /** The type of the objects being claimed. */
  type: ResourceType;
  owner: KubeObject;
  selector: LabelRequirements | null;
  /** Candidates: objects in the owner's namespace. */
  objects: readonly T[];
  /** Re-checks (live) that the owner still exists with the same uid and is not being deleted; adoption only happens when true. */
  canAdopt: () => boolean;
}

/**
 * Kubernetes' ClaimObjects: keep what the owner controls and still matches, adopt matching
 * orphans (not being deleted), release owned objects that stopped matching. Returns the
 * objects the owner controls afterwards. Throws after trying all when a write failed
 * (other than NotFound), so the caller retries.
 */
export async function claimObjects<T extends KubeObject>(cfg: ClaimConfig<T>): Promise<T[]> {
  const { owner, client } = cfg;
  const uid = owner.metadata.uid;
  const claimed: T[] = [];
  let firstError: unknown;
  let adoptable: boolean | undefined;
  for (const obj of cfg.objects) {
    const ref = controllerRefOf(obj);
    const matching = matches(cfg.selector, obj.metadata.labels);
    try {
      if (ref) {
        if (ref.uid !== uid) continue;
        if (matching) {
          claimed.push(obj);
          continue;
        }
        if (owner.metadata.deletionTimestamp) continue;
        const copy = structuredClone(obj) as T;
        copy.metadata.ownerReferences = copy.metadata.ownerReferences!.filter((r) => r.uid !== uid);
        await client.update(copy);
        continue;
      }
      if (!matching || owner.metadata.deletionTimestamp || obj.metadata.deletionTimestamp) continue;
      adoptable ??= cfg.canAdopt();
      if (!adoptable) continue;
      const copy = structuredClone(obj) as T;
      copy.metadata.ownerReferences = [...(copy.metadata.ownerReferences ?? []), newControllerRef(owner)];
      claimed.push(await client.update(copy));
    } catch (e) {
      if (!isReason(e, "NotFound")) firstError ??= e;
    }
  }
  if (firstError) throw firstError;
  return claimed;
}

/** canAdopt for {@link claimObjects}: reads the owner live and compares uid and deletion. */
export function ownerStillValid(client: ObjectClient, type: ResourceType, owner: KubeObject): () => boolean {
  return () => {
    const fresh = client.get(type, owner.metadata.namespace, owner.metadata.name ?? "");
    return !!fresh && fresh.metadata.uid === owner.metadata.uid && !fresh.metadata.deletionTimestamp;
  };
}

/** The write was refused because the namespace is being deleted (Kubernetes' NamespaceTerminatingCause): nothing to retry. */
export function isNamespaceTerminating(e: unknown): boolean {
  return e instanceof ApiError && (e.status.details?.causes ?? []).some((c) => c.reason === "NamespaceTerminating");
}
