// Why: controller tests assert the events a controller emits without depending on the real recorder.

import type { KubeObject } from "../../api/types";
import type { EventRecorder, EventType } from "../../events/recorder";

/** One recorded call of {@link EventRecorder.event}. */
export interface RecordedEvent {
  kind: string;
  namespace?: string;
  name: string;
  type: EventType;
  reason: string;
  message: string;
}

/** An {@link EventRecorder} that keeps every event in memory. */
export class RecordingRecorder implements EventRecorder {
  readonly events: RecordedEvent[] = [];

  event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    this.events.push({ kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name ?? "", type, reason, message });
  }

  /** Messages of the events with `reason`, in order. */
  messages(reason: string): string[] {
    return this.events.filter((e) => e.reason === reason).map((e) => e.message);
  }
}
