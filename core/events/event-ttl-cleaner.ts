// Why: Kubernetes keeps Events for an hour (the apiserver's --event-ttl); without a cleaner they would pile up forever.

import type { Clock, TimerHandle } from "../clock/clock";
import { resourceTypeByKind } from "../api/resources";
import type { CoreEvent } from "../api/types";
import type { ObjectClient } from "../store/types";

const EVENTS = resourceTypeByKind("", "Event")!;

/** How an EventTtlCleaner is built. */
export interface EventTtlCleanerConfig {
  client: ObjectClient;
  clock: Clock;
  /** Events whose last write is older than this are deleted (default 1 hour). */
  ttlMs?: number;
  /** How often to sweep (default 1 minute). */
  intervalMs?: number;
}

/** The time an Event was last written: lastTimestamp, else eventTime (events.k8s.io), else creation. */
export function lastSeen(ev: CoreEvent): number {
  const t = ev.lastTimestamp || (ev.series as { lastObservedTime?: string } | undefined)?.lastObservedTime || ev.eventTime || ev.metadata.creationTimestamp;
  const ms = t ? Date.parse(String(t)) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Deletes expired Events periodically. */
export class EventTtlCleaner {
  private readonly client: ObjectClient;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  private readonly intervalMs: number;
  private timer?: TimerHandle;
  private running = false;

  constructor(config: EventTtlCleanerConfig) {
    this.client = config.client;
    this.clock = config.clock;
    this.ttlMs = config.ttlMs ?? 60 * 60_000;
    this.intervalMs = config.intervalMs ?? 60_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      if (!this.running) return;
      this.timer = this.clock.setTimer(() => {
        void this.sweep().finally(tick);
      }, this.intervalMs);
    };
    tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  /** Deletes every expired Event now; returns how many were deleted. */
  async sweep(): Promise<number> {
    const cutoff = this.clock.now() - this.ttlMs;
    let deleted = 0;
    for (const ev of this.client.list<CoreEvent>(EVENTS).items) {
      if (lastSeen(ev) > cutoff) continue;
      try {
        await this.client.delete(EVENTS, ev.metadata.namespace, ev.metadata.name ?? "");
        deleted++;
      } catch {
        // Already gone.
      }
    }
    return deleted;
  }
}
