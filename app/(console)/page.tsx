// Why: / — the overview: first paint from the services, then live over four watches; a section the user may not read says so instead of failing the page.
import { getRuntime } from "@/server/runtime/runtime";
import { loadRows } from "@/app/lib/server/load-rows";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import type { ListKind } from "@/app/lib/rows/types";
import { Overview, type OverviewSection } from "./overview";

/**
 * The rows of one overview panel. Across namespaces the lists show what the user may list; a
 * list RBAC still refuses (nodes, or a namespace the user has no access to) becomes an empty,
 * refused section rather than failing the whole page.
 */
async function section<K extends ListKind>(kind: K, namespace?: string): Promise<OverviewSection<K>> {
  const r = await readOrForbidden(() => loadRows(kind, { namespace }));
  if (r.ok) return r.value;
  return { rows: [], resourceVersion: (await getRuntime()).store.resourceVersion(), refused: r.failure.message };
}

/** Cluster overview for the selected namespace (nodes are cluster-wide). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const [nodes, pods, deployments, events] = await Promise.all([section("Node"), section("Pod", namespace), section("Deployment", namespace), section("Event", namespace)]);
  return <Overview key={namespace ?? ""} namespace={namespace} nodes={nodes} pods={pods} deployments={deployments} events={events} />;
}
