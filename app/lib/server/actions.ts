"use server";
// Why: the console's mutations and on-demand reads (apply, scale, delete, logs, re-list) as server actions over the shared services.

import { getRuntime } from "@/server/runtime/runtime";
import { applyManifest, deleteObject, getObject, podLogs, scaleDeployment } from "@/server/services";
import type { KubeObject } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ListKind } from "@/app/lib/rows/types";
import { loadRows, type LoadRowsOptions, type RowSnapshot } from "./load-rows";
import { apiFailure, type ApiFailure } from "./api-failure";
import { consoleUser } from "./console-user";

export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

/**
 * Runs `fn` as the session's user, re-read on every call: a server action is a public
 * endpoint, so nothing the browser sends says who acts. No session: a 401 result.
 */
async function attempt<T>(fn: (user: UserInfo) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const user = await consoleUser("action");
    return { ok: true, value: await fn(user) };
  } catch (e) {
    return { ok: false, error: apiFailure(e) };
  }
}

/** Re-list after a watch expired (410 Gone). */
export async function relistAction<K extends ListKind>(kind: K, opts: LoadRowsOptions): Promise<ActionResult<RowSnapshot<K>>> {
  // Only the list options are taken from the browser, never anything else in the object.
  return attempt((user) =>
    loadRows(
      kind,
      {
        ...(typeof opts?.namespace === "string" ? { namespace: opts.namespace } : {}),
        ...(typeof opts?.labelSelector === "string" ? { labelSelector: opts.labelSelector } : {}),
        ...(typeof opts?.fieldSelector === "string" ? { fieldSelector: opts.fieldSelector } : {}),
      },
      user,
    ),
  );
}

/** One object and the store's resourceVersion, to resume an object watch. */
export async function getObjectAction(kind: string, namespace: string | undefined, name: string): Promise<ActionResult<{ object: KubeObject; resourceVersion: string }>> {
  return attempt(async (user) => {
    const rt = await getRuntime();
    const object = await getObject(rt, user, kind, namespace, name);
    return { object, resourceVersion: rt.store.resourceVersion() };
  });
}

/** What one document of an apply did, for the results panel. */
export interface AppliedDocument {
  index: number;
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  action: string;
}

/** `kubectl apply -f` (with `--dry-run=server` when `dryRun`). */
export async function applyAction(manifest: string, dryRun: boolean, namespace?: string): Promise<ActionResult<AppliedDocument[]>> {
  return attempt(async (user) => {
    const rt = await getRuntime();
    const results = await applyManifest(rt, user, manifest, { dryRun, ...(namespace ? { namespace } : {}), source: "console" });
    return results.map((r) => ({ index: r.index, kind: r.kind, apiVersion: r.apiVersion, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name, action: r.action }));
  });
}

/** `kubectl scale deployment/<name> --replicas=<n>`. */
export async function scaleAction(namespace: string, name: string, replicas: number): Promise<ActionResult<number>> {
  return attempt(async (user) => {
    const rt = await getRuntime();
    const d = await scaleDeployment(rt, user, namespace, name, replicas, { source: "console" });
    return d.spec?.replicas ?? replicas;
  });
}

/** `kubectl delete <kind> <name>`. */
export async function deleteAction(kind: string, namespace: string | undefined, name: string): Promise<ActionResult<true>> {
  return attempt(async (user) => {
    const rt = await getRuntime();
    await deleteObject(rt, user, kind, namespace, name, { source: "console" });
    return true as const;
  });
}

export interface LogRequest {
  namespace: string;
  pod: string;
  container?: string;
  tailLines?: number;
  previous?: boolean;
  timestamps?: boolean;
}

/** `kubectl logs` for one container. */
export async function logsAction(req: LogRequest): Promise<ActionResult<string>> {
  return attempt(async (user) => {
    const rt = await getRuntime();
    return podLogs(rt, user, req.namespace, req.pod, req.container, {
      ...(req.tailLines ? { tailLines: req.tailLines } : {}),
      ...(req.previous ? { previous: true } : {}),
      ...(req.timestamps ? { timestamps: true } : {}),
    });
  });
}
