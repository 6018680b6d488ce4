// Why: the contract of the versioned object store, shared by the in-memory store, the apiserver pipeline and every controller.

import type { KubeObject } from "../api/types";
import type { ResourceType } from "../api/resources";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK";

/** One change, as a Kubernetes watch stream sends it. */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}

/** Selection shared by list and watch. Selectors use Kubernetes' string syntax. */
export interface SelectOptions {
  /** Omit for all namespaces (and for cluster-scoped types). */
  namespace?: string;
  /** `app=web,tier!=db,env in (a,b),!legacy` */
  labelSelector?: string;
  /** `metadata.name=x,status.phase!=Running,spec.nodeName=n1` */
  fieldSelector?: string;
}

export interface ListOptions extends SelectOptions {
  /** At most this many items; a `continue` token is returned when more remain. */
  limit?: number;
  /** The token from the previous page. */
  continue?: string;
}

export interface ListResult<T extends KubeObject = KubeObject> {
  items: T[];
  /** The store's resourceVersion when the (first page of the) list was served. */
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WatchOptions extends SelectOptions {
  /**
   * Start after this resourceVersion. Omitted, "" or "0": first send every current match
   * as ADDED, then stream. Older than the retained history: throws 410 Gone (`Expired`).
   */
  resourceVersion?: string;
  /** Send BOOKMARK events carrying only metadata.resourceVersion now and then. */
  allowBookmarks?: boolean;
}

/** A running watch. `stop()` ends it; no event is delivered after. */
export interface Watch {
  stop(): void;
}

export interface CreateOptions {
  /** Validate and default, but store nothing (dryRun=All). */
  dryRun?: boolean;
}

export interface UpdateOptions {
  /**
   * "status": change only `.status` (the status subresource). Otherwise `.status` changes are ignored for types with a status.
   * "finalize" (Namespace only): change only `spec.finalizers`; a main update keeps them, as Kubernetes does.
   */
  subresource?: "status" | "finalize";
  dryRun?: boolean;
}

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

export interface DeleteOptions {
  /** Pods bound to a node are deleted gracefully: deletionTimestamp is set and the kubelet finishes the deletion. 0 deletes at once. */
  gracePeriodSeconds?: number;
  /** Foreground adds the `foregroundDeletion` finalizer, Orphan the `orphan` finalizer; the garbage collector acts on them. */
  propagationPolicy?: PropagationPolicy;
  /** Fail with 409 Conflict unless the object still has this uid / resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/**
 * Reads and writes of Kubernetes objects. Implemented by the store itself (trusted, no
 * admission) and by the apiserver pipeline for a given user (authorization and admission
 * first). Controllers, the scheduler and kubelets take one of these.
 *
 * Objects returned are frozen: clone (`structuredClone`) before changing them.
 */
export interface ObjectClient {
  /** 409 AlreadyExists when present. Assigns uid, creationTimestamp, resourceVersion, and generation 1 for kinds that track one (`tracksGeneration`). */
  create<T extends KubeObject>(obj: T, opts?: CreateOptions): Promise<T>;
  /**
   * Replace the object. When `metadata.resourceVersion` is set and is not the current one:
   * 409 Conflict. Bumps generation (kinds that track one) when the spec (anything but metadata and status) changes.
   * Removing the last finalizer of an object being deleted removes it.
   */
  update<T extends KubeObject>(obj: T, opts?: UpdateOptions): Promise<T>;
  /** Returns the object as deleted, or as marked for deletion when finalizers or grace remain. 404 NotFound when absent. */
  delete(type: ResourceType, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<KubeObject>;
  /** undefined when absent (no throw). */
  get<T extends KubeObject = KubeObject>(type: ResourceType, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject = KubeObject>(type: ResourceType, opts?: ListOptions): ListResult<T>;
  /** Calls `onEvent` for each change in resourceVersion order, after it is durable. */
  watch<T extends KubeObject = KubeObject>(type: ResourceType, opts: WatchOptions, onEvent: (e: WatchEvent<T>) => void): Watch;
}

/** The store adds what only it knows: the current resourceVersion and durability hooks. */
export interface ObjectStore extends ObjectClient {
  /** The latest resourceVersion handed out, as a decimal string. */
  resourceVersion(): string;
}

/** One durable change: the object as stored after the write, or `null` when it was removed. */
export interface StoredChange {
  resourceVersion: number;
  /** `group/plural`, e.g. `apps/deployments`, `/pods` for the core group. */
  resource: string;
  namespace: string;
  name: string;
  object: KubeObject | null;
}

/**
 * Where the store makes writes durable. The store groups every write of one event-loop
 * turn into one `commit` call (group commit) and acknowledges them when it resolves.
 */
export interface CommitLog {
  commit(changes: StoredChange[]): Promise<void>;
}

/** What a durable store hands back at start-up to rebuild memory. */
export interface StoreSnapshot {
  objects: KubeObject[];
  resourceVersion: number;
}
