// Why: Secret values are readable only with `get secrets` on that secret; every field that hands out a whole object passes it through here first.

import type { KubeObject } from "@/core/api/types";
import { isAllowed } from "../access";
import type { GraphQLContext } from "../context";

/** kubectl apply's annotation holds the applied manifest, Secret values included. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Whether `o` is a core v1 Secret. */
export function isSecret(o: unknown): o is KubeObject {
  const k = o as KubeObject | undefined;
  return !!k && typeof k === "object" && k.apiVersion === "v1" && k.kind === "Secret";
}

/** Whether the user may read this secret's values: `get secrets` on it by name. */
export function mayReadSecretData(ctx: GraphQLContext, s: KubeObject): boolean {
  return isAllowed(ctx, { verb: "get", group: "", resource: "secrets", namespace: s.metadata?.namespace, name: s.metadata?.name });
}

/**
 * `o` as the user may see it: a Secret without `get` on it loses `data`, `stringData` and the
 * last-applied annotation (which repeats them); anything else is returned unchanged.
 */
export function visibleObject<T>(ctx: GraphQLContext, o: T): T {
  if (!isSecret(o) || mayReadSecretData(ctx, o)) return o;
  const copy = structuredClone(o) as KubeObject & { data?: unknown; stringData?: unknown };
  delete copy.data;
  delete copy.stringData;
  const ann = copy.metadata?.annotations;
  if (ann && LAST_APPLIED in ann) {
    delete ann[LAST_APPLIED];
    if (Object.keys(ann).length === 0) delete copy.metadata.annotations;
  }
  return copy as T;
}
