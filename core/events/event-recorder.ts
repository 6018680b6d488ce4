// Why: components report what happened as core/v1 Events; repeats are folded into one Event with a count, as client-go's EventCorrelator does.

import type { Clock } from "../clock/clock";
import { rfc3339 } from "../clock/clock";
import { resourceTypeByKind } from "../api/resources";
import type { CoreEvent, KubeObject } from "../api/types";
import type { ObjectClient } from "../store/types";
import type { EventRecorder, EventSource, EventType } from "./recorder";

const EVENTS = resourceTypeByKind("", "Event")!;

/** After this many distinct messages for one object+reason within the window, messages are combined (client-go's EventAggregator). */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_WINDOW_MS = 10 * 60_000;
const COMBINED_PREFIX = "(combined from similar events): ";

/** How an EventRecorderImpl is built. */
export interface EventRecorderConfig {
  client: ObjectClient;
  clock: Clock;
  /** `source.component` (e.g. "kubelet", "default-scheduler") and `source.host` (the node, for kubelets). */
  source: EventSource;
  /** reportingInstance; default `source.host` (empty for controllers), as client-go's recorder sets it. */
  reportingInstance?: string;
  /** Remembered events for de-duplication (LRU; default 4096, as client-go). */
  cacheSize?: number;
}

interface Seen {
  namespace: string;
  name: string;
  count: number;
  firstTimestamp: string;
}

interface Aggregate {
  messages: Set<string>;
  last: number;
}

/** Writes Events through `client`; never throws, write errors are swallowed. */
export class EventRecorderImpl implements EventRecorder {
  private readonly client: ObjectClient;
  private readonly clock: Clock;
  private readonly source: EventSource;
  private readonly reportingInstance: string;
  private readonly cacheSize: number;
  private readonly seen = new Map<string, Seen>();
  private readonly aggregates = new Map<string, Aggregate>();
  /** Writes for one key run in order, so a count increment never races the create. */
  private readonly chains = new Map<string, Promise<void>>();
  private lastNano = 0n;

  constructor(config: EventRecorderConfig) {
    this.client = config.client;
    this.clock = config.clock;
    this.source = { ...config.source };
    this.reportingInstance = config.reportingInstance ?? config.source.host ?? "";
    this.cacheSize = config.cacheSize ?? 4096;
  }

  event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    try {
      this.record(obj, type, reason, message);
    } catch {
      // Best effort, like client-go: a broken event never breaks the caller.
    }
  }

  /** Resolves once every write started so far has finished (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.chains.size) await Promise.all([...this.chains.values()]);
  }

  private record(obj: KubeObject, type: EventType, reason: string, rawMessage: string): void {
    const now = this.clock.now();
    const ref = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
    };
    const objectPart = [this.source.component, this.source.host, ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, type, reason].join("\u0000");
    let key = `${objectPart}\u0000${rawMessage}`;
    let message = rawMessage;
    const agg = this.aggregates.get(objectPart);
    if (agg && now - agg.last > AGGREGATE_WINDOW_MS) agg.messages.clear();
    const a = agg ?? { messages: new Set<string>(), last: now };
    a.last = now;
    if (!a.messages.has(rawMessage) && a.messages.size >= AGGREGATE_MAX_EVENTS) {
      key = objectPart;
      message = COMBINED_PREFIX + rawMessage;
    } else a.messages.add(rawMessage);
    this.aggregates.delete(objectPart);
    this.aggregates.set(objectPart, a);
    if (this.aggregates.size > this.cacheSize) this.aggregates.delete(this.aggregates.keys().next().value!);

    const ts = rfc3339(now);
    const prior = this.seen.get(key);
    this.seen.delete(key);
    const entry: Seen = prior
      ? { ...prior, count: prior.count + 1 }
      : { namespace: ref.namespace || "default", name: `${ref.name}.${this.uniqueHex(now)}`, count: 1, firstTimestamp: ts };
    this.seen.set(key, entry);
    if (this.seen.size > this.cacheSize) this.seen.delete(this.seen.keys().next().value!);

    const write = async () => {
      const existing = prior ? this.client.get<CoreEvent>(EVENTS, entry.namespace, entry.name) : undefined;
      if (existing) {
        const next = structuredClone(existing) as CoreEvent;
        next.count = entry.count;
        next.lastTimestamp = ts;
        next.message = message;
        await this.client.update(next);
        return;
      }
      if (prior) entry.name = `${ref.name}.${this.uniqueHex(now)}`; // the old one expired or was deleted
      const ev: CoreEvent = {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: entry.name, namespace: entry.namespace },
        involvedObject: Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== undefined && v !== "")),
        reason,
        message,
        source: Object.fromEntries(Object.entries(this.source).filter(([, v]) => v)),
        firstTimestamp: prior ? entry.firstTimestamp : ts,
        lastTimestamp: ts,
        count: entry.count,
        type,
        eventTime: null as unknown as string,
        reportingComponent: this.source.component,
        reportingInstance: this.reportingInstance,
      };
      await this.client.create(ev);
    };
    const before = this.chains.get(key) ?? Promise.resolve();
    const p: Promise<void> = before
      .then(write)
      .catch(() => undefined)
      .finally(() => {
        if (this.chains.get(key) === p) this.chains.delete(key);
      });
    this.chains.set(key, p);
  }

  /** `%x` of the time in nanoseconds, as client-go names events; bumped to stay unique within one millisecond. */
  private uniqueHex(ms: number): string {
    let nano = BigInt(Math.floor(ms)) * 1_000_000n;
    if (nano <= this.lastNano) nano = this.lastNano + 1n;
    this.lastNano = nano;
    return nano.toString(16);
  }
}
