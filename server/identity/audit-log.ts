// Why: every mutating request is recorded for admins to review; records are queued by the apiserver's sink and written in batches so a request never waits for the audit table.

import { badRequest } from "@/core/api/errors";
import type { AuditRecord, AuditSink, AuditSource } from "@/core/apiserver/audit";
import type { Clock, TimerHandle } from "@/core/clock/clock";
import type { PrismaClient } from "@/generated/prisma/client";

/** A stored audit event, as the admin view lists it. */
export interface AuditEventRecord {
  /** Increasing with insertion order. */
  id: number;
  /** RFC 3339 with milliseconds. */
  time: string;
  user: string;
  groups: string[];
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  allowed: boolean;
  code: number;
  reason?: string;
  source: AuditSource;
  /** The authenticated user that impersonated `user` (kubectl --as). */
  impersonatedBy?: string;
  /** A dryRun=All request: answered, nothing stored. */
  dryRun?: boolean;
}

/** Filters of the admin view; every field narrows the result. */
export interface AuditQuery {
  user?: string;
  verb?: string;
  apiGroup?: string;
  resource?: string;
  namespace?: string;
  allowed?: boolean;
  /** Only events at or after this time (ms since the epoch or RFC 3339). */
  since?: number | string;
  /** Only events before this time. */
  until?: number | string;
  /** Page size, 1–1000 (default 100). */
  limit?: number;
  /** The `cursor` of the previous page, to continue after it. */
  cursor?: string;
}

/** One page of events, newest first; `cursor` is set when more may follow. */
export interface AuditPage {
  items: AuditEventRecord[];
  cursor?: string;
}

export interface AuditLogConfig {
  prisma: PrismaClient;
  /** How often queued records are written. Default 200 ms. */
  flushIntervalMs?: number;
  /** Timers from this clock (tests step a FakeClock); default the process's setInterval, unref'd. */
  clock?: Pick<Clock, "setTimer" | "clearTimer">;
  /** Records held at most while the database is slow; the oldest are dropped beyond (and reported). Default 10 000. */
  maxQueue?: number;
  /** Where write failures and drops are reported. Default console.error. */
  onError?: (message: string, err?: unknown) => void;
}

const BATCH_SIZE = 500;

function toMs(t: number | string, field: string): Date {
  const ms = typeof t === "number" ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw badRequest(`${field}: invalid time ${JSON.stringify(t)}`);
  return new Date(ms);
}

/**
 * The audit log. Pass `record` as the apiserver's AuditSink; it only queues. The queue is
 * written every 200 ms in batches (one INSERT per up to 500 records) and at `close`.
 */
export class AuditLog {
  private readonly prisma: PrismaClient;
  private readonly maxQueue: number;
  private readonly onError: (message: string, err?: unknown) => void;
  private queue: AuditRecord[] = [];
  private inFlight?: Promise<void>;
  private dropped = 0;
  private closed = false;
  private stopTimer: () => void;

  constructor(cfg: AuditLogConfig) {
    this.prisma = cfg.prisma;
    this.maxQueue = cfg.maxQueue ?? 10_000;
    this.onError = cfg.onError ?? ((message, err) => console.error(`wheelhouse: audit log: ${message}`, err ?? ""));
    const every = cfg.flushIntervalMs ?? 200;
    const tick = () => void this.flush();
    if (cfg.clock) {
      const clock = cfg.clock;
      let handle: TimerHandle;
      const loop = () => {
        handle = clock.setTimer(loop, every);
        tick();
      };
      handle = clock.setTimer(loop, every);
      this.stopTimer = () => clock.clearTimer(handle);
    } else {
      const interval = setInterval(tick, every);
      interval.unref();
      this.stopTimer = () => clearInterval(interval);
    }
  }

  /** The AuditSink: queues one record (never throws, never waits). Records after `close` are dropped. */
  readonly record: AuditSink = (r) => {
    if (this.closed) {
      this.dropped++;
      return;
    }
    this.queue.push(r);
    if (this.queue.length > this.maxQueue) {
      this.dropped += this.queue.length - this.maxQueue;
      this.queue.splice(0, this.queue.length - this.maxQueue);
    }
  };

  /** Records queued and not yet written. */
  pending(): number {
    return this.queue.length;
  }

  /** Writes everything queued so far (one write at a time). Failures are reported and the batch is dropped. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.dropped) {
        this.onError(`dropped ${this.dropped} audit records (queue full or log closed)`);
        this.dropped = 0;
      }
      if (!this.queue.length) return;
      const batch = this.queue.splice(0, BATCH_SIZE);
      this.inFlight = this.write(batch).finally(() => {
        this.inFlight = undefined;
      });
    }
  }

  /** Stops the timer and writes what is queued. */
  async close(): Promise<void> {
    this.stopTimer();
    await this.flush();
    this.closed = true;
  }

  private async write(batch: AuditRecord[]): Promise<void> {
    try {
      await this.prisma.auditEvent.createMany({
        data: batch.map((r) => ({
          time: new Date(r.time),
          user: r.user,
          groups: JSON.stringify(r.groups),
          verb: r.verb,
          apiGroup: r.apiGroup,
          resource: r.resource,
          subresource: r.subresource ?? "",
          namespace: r.namespace ?? "",
          name: r.name ?? "",
          allowed: r.allowed,
          code: r.code,
          reason: r.reason ?? null,
          source: r.source,
          impersonatedBy: r.impersonatedBy ?? null,
          dryRun: r.dryRun === true,
        })),
      });
    } catch (err) {
      this.onError(`could not write ${batch.length} audit records`, err);
    }
  }

  /** Events matching `q`, newest first, one page at a time. */
  async query(q: AuditQuery = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 100), 1), 1000);
    let before: number | undefined;
    if (q.cursor !== undefined) {
      if (!/^[1-9][0-9]*$/.test(q.cursor)) throw badRequest(`invalid cursor ${JSON.stringify(q.cursor)}`);
      before = Number(q.cursor);
    }
    const time = {
      ...(q.since !== undefined ? { gte: toMs(q.since, "since") } : {}),
      ...(q.until !== undefined ? { lt: toMs(q.until, "until") } : {}),
    };
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        ...(q.user !== undefined ? { user: q.user } : {}),
        ...(q.verb !== undefined ? { verb: q.verb } : {}),
        ...(q.apiGroup !== undefined ? { apiGroup: q.apiGroup } : {}),
        ...(q.resource !== undefined ? { resource: q.resource } : {}),
        ...(q.namespace !== undefined ? { namespace: q.namespace } : {}),
        ...(q.allowed !== undefined ? { allowed: q.allowed } : {}),
        ...(Object.keys(time).length ? { time } : {}),
        ...(before !== undefined ? { id: { lt: before } } : {}),
      },
      orderBy: { id: "desc" },
      take: limit + 1,
    });
    const items = rows.slice(0, limit).map(
      (r): AuditEventRecord => ({
        id: r.id,
        time: r.time.toISOString(),
        user: r.user,
        groups: JSON.parse(r.groups) as string[],
        verb: r.verb,
        apiGroup: r.apiGroup,
        resource: r.resource,
        ...(r.subresource ? { subresource: r.subresource } : {}),
        ...(r.namespace ? { namespace: r.namespace } : {}),
        ...(r.name ? { name: r.name } : {}),
        allowed: r.allowed,
        code: r.code,
        ...(r.reason !== null ? { reason: r.reason } : {}),
        source: r.source as AuditSource,
        ...(r.impersonatedBy !== null ? { impersonatedBy: r.impersonatedBy } : {}),
        ...(r.dryRun ? { dryRun: true } : {}),
      }),
    );
    return rows.length > limit ? { items, cursor: String(items[items.length - 1].id) } : { items };
  }
}
