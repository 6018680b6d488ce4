// Why: tests and the integration harness need to know when the control plane has nothing left to do right now.

import type { InformerFactory } from "../informer/informer-factory";
import type { ManagedController } from "./controller";

/** Options of {@link waitForIdle}. */
export interface WaitForIdleOptions {
  /** Give up (reject) after this many event-loop turns. Default 10 000. */
  maxTurns?: number;
}

/**
 * Resolves once every queue is empty, nothing is reconciling, and two consecutive looks (a
 * macrotask apart, so in-flight store writes and watch deliveries land) saw no informer
 * change and no finished reconcile. Timers (requeueAfter, retries) are not waited for: on
 * a FakeClock, advance time and call this again.
 */
export async function waitForIdle(informers: InformerFactory, controllers: readonly ManagedController[], opts: WaitForIdleOptions = {}): Promise<void> {
  const maxTurns = opts.maxTurns ?? 10_000;
  let last = -1;
  let quiet = 0;
  for (let turn = 0; turn < maxTurns; turn++) {
    await nextTurn();
    const mark = informers.changeCount() + controllers.reduce((n, c) => n + c.reconcileCount(), 0);
    if (controllers.every((c) => c.isIdle()) && mark === last) {
      if (++quiet >= 2) return;
    } else {
      quiet = 0;
    }
    last = mark;
  }
  const busy = controllers.filter((c) => !c.isIdle()).map((c) => c.name);
  throw new Error(`controllers not idle after ${maxTurns} turns (busy: ${busy.join(", ") || "none, but still changing"})`);
}

/** One macrotask turn: lets promise chains and the store's group commit run. Not a timer. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
