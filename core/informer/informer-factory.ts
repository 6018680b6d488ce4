// Why: every controller shares one informer per resource type (client-go's SharedInformerFactory), so each type is listed and watched once.

import type { Clock } from "../clock/clock";
import { qualifiedResource, type ResourceType } from "../api/resources";
import type { KubeObject } from "../api/types";
import type { ObjectClient } from "../store/types";
import { Informer } from "./informer";

export interface InformerFactoryConfig {
  client: ObjectClient;
  clock: Clock;
  /** Passed to every informer (a handler threw). */
  onHandlerError?: (err: unknown) => void;
}

/**
 * Hands out one shared {@link Informer} per resource type. Controllers ask for informers
 * and register handlers and indexers in their constructors; `start()` then lists and
 * watches every type asked for (types asked for later start at once).
 */
export class InformerFactory {
  private readonly client: ObjectClient;
  private readonly clock: Clock;
  private readonly onHandlerError?: (err: unknown) => void;
  private informers = new Map<string, Informer>();
  private started = false;

  constructor(config: InformerFactoryConfig) {
    this.client = config.client;
    this.clock = config.clock;
    this.onHandlerError = config.onHandlerError;
  }

  /** The shared informer of `type` (created on first request). */
  informerFor<T extends KubeObject = KubeObject>(type: ResourceType): Informer<T> {
    const id = qualifiedResource(type);
    let inf = this.informers.get(id);
    if (!inf) {
      inf = new Informer({ client: this.client, clock: this.clock, type, onHandlerError: this.onHandlerError });
      this.informers.set(id, inf);
      if (this.started) inf.start();
    }
    return inf as unknown as Informer<T>;
  }

  /** Every informer handed out so far. */
  all(): Informer[] {
    return [...this.informers.values()];
  }

  start(): void {
    this.started = true;
    for (const inf of this.informers.values()) inf.start();
  }

  stop(): void {
    this.started = false;
    for (const inf of this.informers.values()) inf.stop();
  }

  /** True when every informer has loaded its first list. */
  hasSynced(): boolean {
    return this.all().every((i) => i.hasSynced());
  }

  /** Sum of the informers' change counters: unchanged between two looks means no event arrived. */
  changeCount(): number {
    let n = 0;
    for (const i of this.informers.values()) n += i.changeCount();
    return n;
  }
}
