// Why: a watch across namespaces streams what the user may watch (the namespaces they were granted), like the lists, instead of failing whole.

import type { ResourceType } from "@/core/api/resources";
import type { KubeObject, Namespace } from "@/core/api/types";
import type { ObjectClient, Watch, WatchEvent, WatchOptions } from "@/core/store/types";
import type { ClusterRuntime } from "@/server/runtime/types";
import { resolveKind } from "@/server/services/resolve-kind";
import { watchObjects, type WatchObjectsOptions, type WatchStream } from "@/server/services/watch-objects";
import { accessTo, actingUser, clientOf, isAllowed } from "../access";
import type { GraphQLContext } from "../context";
import { canSeeNamespace, isNamespaces, NAMESPACES, namespacesWhere } from "./visible-list";

type OpenOne = (key: string, opts: WatchOptions, onEvent: (e: WatchEvent) => void) => Watch;

/**
 * A runtime whose client's `watch` opens one watch per key into the same callback, so
 * watchObjects keeps one buffer: events arrive in the store's resourceVersion order.
 */
function fanOutRuntime(rt: ClusterRuntime, keys: string[], open: OpenOne): ClusterRuntime {
  const client = {
    watch(_type: ResourceType, opts: WatchOptions, onEvent: (e: WatchEvent) => void): Watch {
      const watches: Watch[] = [];
      try {
        for (const k of keys) watches.push(open(k, opts, onEvent));
      } catch (e) {
        for (const w of watches) w.stop();
        throw e;
      }
      return { stop: () => watches.forEach((w) => w.stop()) };
    },
  } as unknown as ObjectClient;
  return { ...rt, apiServer: { client: () => client, apply: (...a) => rt.apiServer.apply(...a) } };
}

function withName(fieldSelector: string | undefined, name: string): string {
  return fieldSelector ? `${fieldSelector},metadata.name=${name}` : `metadata.name=${name}`;
}

/**
 * Watches `kind` as the user, streaming what they may watch:
 * - one namespace, a cluster-scoped kind, or cluster-wide `watch`: the pipeline's watch (403 when refused);
 * - all namespaces without cluster-wide `watch`: one pipeline watch per namespace where the user
 *   may `watch` that resource (decided when the subscription starts, as Kubernetes authorizes a
 *   watch once), merged into one stream; none: an open stream that stays quiet;
 * - `namespaces` without cluster-wide `watch`: the namespaces the user may `get` by name, each
 *   watched in the store after that check (the same set the `namespaces` list shows).
 */
export function watchVisible<T extends KubeObject = KubeObject>(ctx: GraphQLContext, kind: string, opts: WatchObjectsOptions): WatchStream<T> {
  const type = resolveKind(kind);
  const user = actingUser(ctx);
  const { namespace, ...rest } = opts;
  if (type.namespaced && namespace) return watchObjects<T>(ctx.rt, user, type, opts);
  if ((!type.namespaced && !isNamespaces(type)) || isAllowed(ctx, accessTo("watch", type))) return watchObjects<T>(ctx.rt, user, type, rest);
  if (isNamespaces(type)) {
    const names = ctx.rt.store
      .list<Namespace>(NAMESPACES)
      .items.map((n) => n.metadata.name ?? "")
      .filter((n) => n !== "" && canSeeNamespace(ctx, n));
    const store = ctx.rt.store;
    const rt = fanOutRuntime(ctx.rt, names, (n, o, cb) => store.watch(NAMESPACES, { ...o, fieldSelector: withName(o.fieldSelector, n) }, cb));
    return watchObjects<T>(rt, user, type, rest);
  }
  const client = clientOf(ctx);
  const { names } = namespacesWhere(ctx, "watch", type);
  const rt = fanOutRuntime(ctx.rt, names, (ns, o, cb) => client.watch(type, { ...o, namespace: ns }, cb));
  return watchObjects<T>(rt, user, type, rest);
}
