// Why: /events: what controllers, the scheduler and kubelets reported, newest first, live.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { loadRows } from "@/app/lib/server/load-rows";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import { Forbidden } from "@/app/components/access/forbidden";
import { EventList } from "./event-list";

export const metadata: Metadata = { title: "Events" };

/** Events of the selected namespace. */
export default async function EventsPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const read = await readOrForbidden(() => loadRows("Event", { namespace }));
  if (!read.ok) return <Forbidden failure={read.failure} />;
  const initial = read.value;
  return (
    <>
      <PageHeader title="Events" subtitle={namespace ? <>Namespace <b className="font-medium text-slate-700">{namespace}</b></> : "All namespaces"} />
      <EventList key={namespace ?? ""} namespace={namespace} initial={initial} />
    </>
  );
}
