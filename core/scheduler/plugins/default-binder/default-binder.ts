// Why: binding is what makes a decision real: the pod's spec.nodeName is set, as a Binding subresource does.

import type { Pod } from "../../../api/types";
import { resourceTypeByKind } from "../../../api/resources";
import { errorStatus, type BindPlugin, type FrameworkHandle, type Status } from "../../framework/types";

export const DEFAULT_BINDER = "DefaultBinder";

/** The DefaultBinder plugin: writes spec.nodeName on the current version of the pod. */
export function newDefaultBinder(handle: FrameworkHandle) {
  const pods = resourceTypeByKind("", "Pod")!;
  return {
    name: DEFAULT_BINDER,
    async bind(pod: Pod, nodeName: string): Promise<Status> {
      const current = handle.client.get<Pod>(pods, pod.metadata.namespace, pod.metadata.name ?? "");
      if (!current || current.metadata.uid !== pod.metadata.uid) return errorStatus(`pods "${pod.metadata.name}" not found`);
      if (current.spec?.nodeName) return errorStatus(`pod ${pod.metadata.namespace}/${pod.metadata.name} is already assigned to node "${current.spec.nodeName}"`);
      const next = structuredClone(current) as Pod;
      next.spec!.nodeName = nodeName;
      try {
        await handle.client.update(next);
        return null;
      } catch (e) {
        return errorStatus(e instanceof Error ? e.message : String(e));
      }
    },
  } satisfies BindPlugin;
}
