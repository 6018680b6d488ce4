// Why: a watch across namespaces streams what the user may watch (the namespaces they were granted), like the lists, instead of failing whole; GraphQL subscriptions and so the console's live lists use it.

import type { ResourceType } from "@/core/api/resources";
import type { KubeObject, Namespace } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { Watch, WatchEvent, WatchOptions } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { resolveKind } from "./resolve-kind";
import { canSeeNamespace, isNamespaces, NAMESPACES, namespacesWhere, userMay, verbOn } from "./visible-list";
import { streamWatch, watchObjects, type OpenWatch, type WatchObjectsOptions, type WatchStream } from "./watch-objects";

type OpenOne = (key: string, opts: WatchOptions, onEvent: (e: WatchEvent) => void) => Watch;

/** Opens one watch per key into the same callback, so the stream keeps one buffer: events arrive in the store's resourceVersion order. */
function fanOut<T extends KubeObject>(keys: string[], open: OpenOne): OpenWatch<T> {
  return (opts, onEvent) => {
    const watches: Watch[] = [];
    try {
      for (const k of keys) watches.push(open(k, opts, onEvent as (e: WatchEvent) => void));
    } catch (e) {
      for (const w of watches) w.stop();
      throw e;
    }
    return { stop: () => watches.forEach((w) => w.stop()) };
  };
}

function withName(fieldSelector: string | undefined, name: string): string {
  return fieldSelector ? `${fieldSelector},metadata.name=${name}` : `metadata.name=${name}`;
}

/**
 * Watches `kind` as `user`, streaming what they may watch:
 * - one namespace, a cluster-scoped kind, or cluster-wide `watch`: the pipeline's watch (403 when refused);
 * - all namespaces without cluster-wide `watch`: one pipeline watch per namespace where the user
 *   may `watch` that resource (decided when the watch starts, as Kubernetes authorizes a watch
 *   once), merged into one stream; none: an open stream that stays quiet;
 * - `namespaces` without cluster-wide `watch`: the namespaces the user may `get` by name, each
 *   watched in the store after that check (the same set the `namespaces` list shows).
 */
export function watchVisible<T extends KubeObject = KubeObject>(rt: ClusterRuntime, user: UserInfo, kind: string | ResourceType, opts: WatchObjectsOptions = {}): WatchStream<T> {
  const type = resolveKind(kind);
  const { namespace, ...rest } = opts;
  if (type.namespaced && namespace) return watchObjects<T>(rt, user, type, opts);
  if ((!type.namespaced && !isNamespaces(type)) || userMay(rt, user, verbOn("watch", type))) return watchObjects<T>(rt, user, type, rest);
  if (isNamespaces(type)) {
    const names = rt.store
      .list<Namespace>(NAMESPACES)
      .items.map((n) => n.metadata.name ?? "")
      .filter((n) => n !== "" && canSeeNamespace(rt, user, n));
    const store = rt.store;
    return streamWatch<T>(type, fanOut(names, (n, o, cb) => store.watch(NAMESPACES, { ...o, fieldSelector: withName(o.fieldSelector, n) }, cb)), rest);
  }
  const client = rt.apiServer.client(user);
  const { names } = namespacesWhere(rt, user, "watch", type);
  return streamWatch<T>(type, fanOut(names, (ns, o, cb) => client.watch(type, { ...o, namespace: ns }, cb)), rest);
}
