// Why: what every controller is built from, so the manager and tests construct them the same way.

import type { Clock } from "../clock/clock";
import type { EventRecorder } from "../events/recorder";
import type { InformerFactory } from "../informer/informer-factory";
import type { ObjectClient } from "../store/types";

/** The shared dependencies of a controller. Informers are shared; controllers register handlers in their constructors. */
export interface ControllerContext {
  client: ObjectClient;
  clock: Clock;
  recorder: EventRecorder;
  informers: InformerFactory;
  /** Workers per controller. Default 1. */
  workers?: number;
  /** Reconcile failures (logging). */
  onError?: (controller: string, key: string, err: unknown) => void;
}
