// Why: authorizing a request must not scan every binding; this watch-fed cache files RoleBindings and ClusterRoleBindings under the subjects they name.

import type { ObjectClient, Watch, WatchEvent } from "../store/types";
import { subjectKey } from "./subjects";
import { CLUSTER_ROLE_BINDING_TYPE, ROLE_BINDING_TYPE, type ClusterRoleBinding, type RoleBinding } from "./types";

type Binding = RoleBinding | ClusterRoleBinding;

/** Bindings of one scope (the cluster, or one namespace) by key and by subject key. */
class BindingSet<T extends Binding> {
  readonly byName = new Map<string, T>();
  private readonly bySubject = new Map<string, Set<string>>();

  put(b: T): void {
    const name = b.metadata.name ?? "";
    this.remove(name);
    this.byName.set(name, b);
    for (const key of keysOf(b)) {
      let set = this.bySubject.get(key);
      if (!set) this.bySubject.set(key, (set = new Set()));
      set.add(name);
    }
  }

  remove(name: string): void {
    const old = this.byName.get(name);
    if (!old) return;
    this.byName.delete(name);
    for (const key of keysOf(old)) {
      const set = this.bySubject.get(key);
      set?.delete(name);
      if (set && set.size === 0) this.bySubject.delete(key);
    }
  }

  /** The bindings naming any of `keys`, sorted by name so reasons and rules come out in a stable order. */
  forKeys(keys: readonly string[]): T[] {
    const names = new Set<string>();
    for (const k of keys) for (const n of this.bySubject.get(k) ?? []) names.add(n);
    return [...names].sort().map((n) => this.byName.get(n)!);
  }

  all(): T[] {
    return [...this.byName.keys()].sort().map((n) => this.byName.get(n)!);
  }
}

function keysOf(b: Binding): Set<string> {
  const ns = b.metadata.namespace ?? "";
  const keys = new Set<string>();
  for (const s of b.subjects ?? []) {
    const k = subjectKey(s, ns);
    if (k) keys.add(k);
  }
  return keys;
}

export interface BindingIndexConfig {
  /** Trusted reads (the store): the index must see every binding, whoever asks. */
  client: ObjectClient;
}

/**
 * ClusterRoleBindings and RoleBindings filed by subject (`User:<name>`, `Group:<name>`, service
 * accounts under their user name), kept current by watches on the store. Store watch events
 * arrive before a write is acknowledged, so a binding is in effect as soon as its create returns.
 * Starts on first use.
 */
export class BindingIndex {
  private readonly client: ObjectClient;
  private readonly cluster = new BindingSet<ClusterRoleBinding>();
  private readonly namespaced = new Map<string, BindingSet<RoleBinding>>();
  private watches: Watch[] = [];
  private started = false;

  constructor(config: BindingIndexConfig) {
    this.client = config.client;
  }

  /** List and watch both binding types (idempotent). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.watches = [
      this.client.watch<ClusterRoleBinding>(CLUSTER_ROLE_BINDING_TYPE, {}, (e) => this.onCluster(e)),
      this.client.watch<RoleBinding>(ROLE_BINDING_TYPE, {}, (e) => this.onNamespaced(e)),
    ];
  }

  stop(): void {
    for (const w of this.watches) w.stop();
    this.watches = [];
    this.started = false;
    this.cluster.byName.clear();
    this.namespaced.clear();
  }

  /** ClusterRoleBindings naming any of `keys` (see {@link userKeys}). */
  clusterBindingsFor(keys: readonly string[]): ClusterRoleBinding[] {
    this.start();
    return this.cluster.forKeys(keys);
  }

  /** RoleBindings in `namespace` naming any of `keys`. */
  roleBindingsFor(namespace: string, keys: readonly string[]): RoleBinding[] {
    this.start();
    return this.namespaced.get(namespace)?.forKeys(keys) ?? [];
  }

  /** Every ClusterRoleBinding, by name. */
  allClusterBindings(): ClusterRoleBinding[] {
    this.start();
    return this.cluster.all();
  }

  /** Every RoleBinding in `namespace`, by name. */
  allRoleBindings(namespace: string): RoleBinding[] {
    this.start();
    return this.namespaced.get(namespace)?.all() ?? [];
  }

  private onCluster(e: WatchEvent<ClusterRoleBinding>): void {
    if (e.type === "BOOKMARK") return;
    if (e.type === "DELETED") this.cluster.remove(e.object.metadata.name ?? "");
    else this.cluster.put(e.object);
  }

  private onNamespaced(e: WatchEvent<RoleBinding>): void {
    if (e.type === "BOOKMARK") return;
    const ns = e.object.metadata.namespace ?? "";
    let set = this.namespaced.get(ns);
    if (e.type === "DELETED") {
      set?.remove(e.object.metadata.name ?? "");
      if (set && set.byName.size === 0) this.namespaced.delete(ns);
      return;
    }
    if (!set) this.namespaced.set(ns, (set = new BindingSet<RoleBinding>()));
    set.put(e.object);
  }
}
