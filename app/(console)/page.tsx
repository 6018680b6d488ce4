// Why: / — the overview: first paint from the services, then live over four watches.
import { loadRows } from "@/app/lib/server/load-rows";
import { Overview } from "./overview";

/** Cluster overview for the selected namespace (nodes are cluster-wide). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const [nodes, pods, deployments, events] = await Promise.all([
    loadRows("Node"),
    loadRows("Pod", { namespace }),
    loadRows("Deployment", { namespace }),
    loadRows("Event", { namespace }),
  ]);
  return <Overview key={namespace ?? ""} namespace={namespace} nodes={nodes} pods={pods} deployments={deployments} events={events} />;
}
