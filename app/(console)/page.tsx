// Why: / — the overview: first paint from the services, then live over four watches.
import { getRuntime } from "@/server/runtime/runtime";
import { loadRows, type RowSnapshot } from "@/app/lib/server/load-rows";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import type { ListKind } from "@/app/lib/rows/types";
import { Overview } from "./overview";

/** The rows of one overview panel; a list RBAC refuses shows as empty rather than failing the whole page. */
async function rowsOrEmpty<K extends ListKind>(kind: K, namespace?: string): Promise<RowSnapshot<K>> {
  const r = await readOrForbidden(() => loadRows(kind, { namespace }));
  return r.ok ? r.value : { rows: [], resourceVersion: (await getRuntime()).store.resourceVersion() };
}

/** Cluster overview for the selected namespace (nodes are cluster-wide). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const [nodes, pods, deployments, events] = await Promise.all([
    rowsOrEmpty("Node"),
    rowsOrEmpty("Pod", namespace),
    rowsOrEmpty("Deployment", namespace),
    rowsOrEmpty("Event", namespace),
  ]);
  return <Overview key={namespace ?? ""} namespace={namespace} nodes={nodes} pods={pods} deployments={deployments} events={events} />;
}
