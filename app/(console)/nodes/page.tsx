// Why: /nodes: the cluster's simulated machines and their readiness, live.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { loadRows } from "@/app/lib/server/load-rows";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import { Forbidden } from "@/app/components/access/forbidden";
import { NodeList } from "./node-list";

export const metadata: Metadata = { title: "Nodes" };

/** All nodes (cluster-scoped: the namespace does not apply). */
export default async function NodesPage() {
  const read = await readOrForbidden(() => loadRows("Node"));
  if (!read.ok) return <Forbidden failure={read.failure} />;
  const initial = read.value;
  return (
    <>
      <PageHeader title="Nodes" subtitle="Cluster-scoped" />
      <NodeList initial={initial} />
    </>
  );
}
