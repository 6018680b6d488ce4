// Why: /replicasets: the ReplicaSets deployments own, with their revision, live.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { loadRows } from "@/app/lib/server/load-rows";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import { Forbidden } from "@/app/components/access/forbidden";
import { ReplicaSetList } from "./replicaset-list";

export const metadata: Metadata = { title: "ReplicaSets" };

/** ReplicaSets of the selected namespace. */
export default async function ReplicaSetsPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const read = await readOrForbidden(() => loadRows("ReplicaSet", { namespace }));
  if (!read.ok) return <Forbidden failure={read.failure} />;
  const initial = read.value;
  return (
    <>
      <PageHeader title="ReplicaSets" subtitle={namespace ? <>Namespace <b className="font-medium text-slate-700">{namespace}</b></> : "All namespaces"} />
      <ReplicaSetList key={namespace ?? ""} namespace={namespace} initial={initial} />
    </>
  );
}
