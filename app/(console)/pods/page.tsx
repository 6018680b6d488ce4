// Why: /pods: first paint from the services, then live via the watch subscription.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { loadRows } from "@/app/lib/server/load-rows";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import { Forbidden } from "@/app/components/access/forbidden";
import { PodList } from "./pod-list";

export const metadata: Metadata = { title: "Pods" };

/** All pods of the selected namespace. */
export default async function PodsPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const read = await readOrForbidden(() => loadRows("Pod", { namespace }));
  if (!read.ok) return <Forbidden failure={read.failure} />;
  const initial = read.value;
  return (
    <>
      <PageHeader title="Pods" subtitle={namespace ? <>Namespace <b className="font-medium text-slate-700">{namespace}</b></> : "All namespaces"} />
      <PodList key={namespace ?? ""} namespace={namespace} initial={initial} />
    </>
  );
}
