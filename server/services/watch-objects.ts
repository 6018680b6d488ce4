// Why: watches reach GraphQL subscriptions and the console as async iterables that stop the store watch when the reader goes away.

import { gone } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { Watch, WatchEvent, WatchOptions } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { resolveKind } from "./resolve-kind";

export interface WatchObjectsOptions extends WatchOptions {
  /** Ends the stream (cleanly) when aborted. */
  signal?: AbortSignal;
  /** Events buffered for a slow reader before the stream fails with 410 Expired (re-list and watch again). Default 10000. */
  maxBuffered?: number;
}

/** An async iterator of watch events; `return()` (or breaking a for-await loop) stops the watch. */
export type WatchStream<T extends KubeObject = KubeObject> = AsyncIterableIterator<WatchEvent<T>> & { stop(): void };

/**
 * Watches objects of `kind` as `user` (through the apiserver, so authorization applies).
 * The store watch starts at once, so an expired `resourceVersion` throws 410 Expired here,
 * not on the first read. Without `resourceVersion`, current matches arrive first as ADDED.
 * The watch stops when the consumer calls `return()`, breaks its loop, or `signal` aborts.
 */
export function watchObjects<T extends KubeObject = KubeObject>(
  rt: ClusterRuntime,
  user: UserInfo,
  kind: string | ResourceType,
  opts: WatchObjectsOptions = {},
): WatchStream<T> {
  const type = resolveKind(kind);
  const client = rt.apiServer.client(user);
  return streamWatch<T>(type, (o, onEvent) => client.watch<T>(type, o, onEvent), opts);
}

/** Opens the underlying watch (one pipeline watch, or several merged into one callback). */
export type OpenWatch<T extends KubeObject> = (opts: WatchOptions, onEvent: (e: WatchEvent<T>) => void) => Watch;

/** The async iterable of {@link watchObjects} over any watch `open` starts (`type` scopes `namespace` and names errors). */
export function streamWatch<T extends KubeObject = KubeObject>(type: ResourceType, open: OpenWatch<T>, opts: WatchObjectsOptions = {}): WatchStream<T> {
  const { signal, maxBuffered = 10_000, namespace, ...watchOpts } = opts;
  const buffer: WatchEvent<T>[] = [];
  let waiting: ((r: IteratorResult<WatchEvent<T>>) => void) | undefined;
  let failWaiting: ((e: unknown) => void) | undefined;
  let done = false;
  let failure: unknown;
  let watch: Watch | undefined;

  const finish = (err?: unknown) => {
    if (done) return;
    done = true;
    failure = err;
    watch?.stop();
    signal?.removeEventListener("abort", onAbort);
    if (waiting) {
      const [resolve, reject] = [waiting, failWaiting!];
      waiting = failWaiting = undefined;
      if (err) reject(err);
      else resolve({ done: true, value: undefined });
    }
  };
  const onAbort = () => finish();

  const onEvent = (e: WatchEvent<T>) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = failWaiting = undefined;
      resolve({ done: false, value: e });
      return;
    }
    buffer.push(e);
    if (buffer.length > maxBuffered) {
      buffer.length = 0;
      finish(gone(`watch of ${type.plural} fell too far behind; list again and watch from the new resourceVersion`));
    }
  };

  const scoped: WatchOptions = type.namespaced && namespace ? { ...watchOpts, namespace } : watchOpts;
  if (signal?.aborted) done = true;
  else {
    watch = open(scoped, onEvent);
    // Initial ADDED events arrive synchronously: an overflow among them ended the stream before `watch` was set.
    if (done) watch.stop();
    else signal?.addEventListener("abort", onAbort);
  }

  const stream: WatchStream<T> = {
    next() {
      if (buffer.length > 0) return Promise.resolve({ done: false, value: buffer.shift()! });
      if (done) {
        if (failure) {
          const err = failure;
          failure = undefined;
          return Promise.reject(err);
        }
        return Promise.resolve({ done: true, value: undefined });
      }
      return new Promise((resolve, reject) => {
        waiting = resolve;
        failWaiting = reject;
      });
    },
    return() {
      buffer.length = 0;
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(err?: unknown) {
      buffer.length = 0;
      finish();
      return Promise.reject(err);
    },
    stop() {
      buffer.length = 0;
      finish();
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
