// Why: /deployments: first paint from the services, then live via the watch subscription.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/components/page-header";
import { loadRows } from "@/app/lib/server/load-rows";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import { Forbidden } from "@/app/components/access/forbidden";
import { nsQuery } from "@/app/lib/hrefs";
import { DeploymentList } from "./deployment-list";

export const metadata: Metadata = { title: "Deployments" };

/** Deployments of the selected namespace. */
export default async function DeploymentsPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const read = await readOrForbidden(() => loadRows("Deployment", { namespace }));
  if (!read.ok) return <Forbidden failure={read.failure} />;
  const initial = read.value;
  return (
    <>
      <PageHeader
        title="Deployments"
        subtitle={namespace ? <>Namespace <b className="font-medium text-slate-700">{namespace}</b></> : "All namespaces"}
        actions={
          <Link href={`/apply${nsQuery(namespace)}`} className="rounded-md bg-sky-600 px-3 py-1.5 text-[12.5px] font-medium text-white shadow-sm hover:bg-sky-700">
            Create from YAML
          </Link>
        }
      />
      <DeploymentList key={namespace ?? ""} namespace={namespace} initial={initial} />
    </>
  );
}
