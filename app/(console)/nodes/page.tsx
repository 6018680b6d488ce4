// Why: /nodes: the cluster's simulated machines and their readiness, live.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { loadRows } from "@/app/lib/server/load-rows";
import { NodeList } from "./node-list";

export const metadata: Metadata = { title: "Nodes" };

/** All nodes (cluster-scoped: the namespace does not apply). */
export default async function NodesPage() {
  const initial = await loadRows("Node");
  return (
    <>
      <PageHeader title="Nodes" subtitle="Cluster-scoped" />
      <NodeList initial={initial} />
    </>
  );
}
