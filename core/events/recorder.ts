// Why: the one way components report what happened to an object; implementations aggregate repeats into Event objects.

import type { KubeObject } from "../api/types";

export type EventType = "Normal" | "Warning";

/** Records a core/v1 Event about `obj` (client-go's record.EventRecorder). Never throws; delivery is best-effort. */
export interface EventRecorder {
  event(obj: KubeObject, type: EventType, reason: string, message: string): void;
}

/** Who reports: `source.component` and `source.host` (the node for kubelets). */
export interface EventSource {
  component: string;
  host?: string;
}
