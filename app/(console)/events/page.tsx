// Why: /events: what controllers, the scheduler and kubelets reported, newest first, live.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { loadRows } from "@/app/lib/server/load-rows";
import { EventList } from "./event-list";

export const metadata: Metadata = { title: "Events" };

/** Events of the selected namespace. */
export default async function EventsPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const initial = await loadRows("Event", { namespace });
  return (
    <>
      <PageHeader title="Events" subtitle={namespace ? <>Namespace <b className="font-medium text-slate-700">{namespace}</b></> : "All namespaces"} />
      <EventList key={namespace ?? ""} namespace={namespace} initial={initial} />
    </>
  );
}
