// Why: first paint of every console list: objects read through the shared services as the console user (across namespaces: those they may list), turned into compact rows.

import type { UserInfo } from "@/core/apiserver/types";
import { getRuntime } from "@/server/runtime/runtime";
import { listVisible } from "@/server/services";
import { toRow } from "@/app/lib/rows/to-row";
import type { ListKind, RowOf } from "@/app/lib/rows/types";
import { consoleUser } from "./console-user";

/** A list snapshot: rows plus the resourceVersion a watch resumes from. */
export interface RowSnapshot<K extends ListKind> {
  rows: RowOf[K][];
  resourceVersion: string;
}

export interface LoadRowsOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/**
 * Lists `kind` as `user` (default: the signed-in user of this page request) and maps each
 * object to its row. Without `namespace`: every namespace the user may list that kind in (all
 * of them with cluster-wide `list`), so "All namespaces" never fails for a namespaced kind; one
 * namespace or a cluster-scoped kind the user may not list is the apiserver's 403.
 */
export async function loadRows<K extends ListKind>(kind: K, opts: LoadRowsOptions = {}, user?: UserInfo): Promise<RowSnapshot<K>> {
  const rt = await getRuntime();
  const list = listVisible(rt, user ?? (await consoleUser()), kind, {
    ...(opts.namespace ? { namespace: opts.namespace } : {}),
    ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
    ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}),
  });
  return { rows: list.items.map((o) => toRow(kind, o)), resourceVersion: list.resourceVersion };
}
