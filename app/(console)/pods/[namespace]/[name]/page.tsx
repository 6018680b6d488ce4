// Why: /pods/<namespace>/<name>: one pod's first paint from the services, then live, with its events below.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRuntime } from "@/server/runtime/runtime";
import { getObject } from "@/server/services";
import type { Pod } from "@/core/api/types";
import { PageHeader } from "@/app/components/page-header";
import { DeleteButton } from "@/app/components/delete-button";
import { SectionTitle } from "@/app/components/section-title";
import { consoleUser } from "@/app/lib/server/console-user";
import { consolePermissions } from "@/app/lib/server/permissions";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import { Forbidden } from "@/app/components/access/forbidden";
import { loadRows } from "@/app/lib/server/load-rows";
import { nsQuery } from "@/app/lib/hrefs";
import { EventList } from "../../../events/event-list";
import { PodDetail } from "./pod-detail";

type Params = { namespace: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Pod ${decodeURIComponent(name)}` };
}

/** A pod and its events. */
export default async function PodPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const namespace = decodeURIComponent(p.namespace);
  const name = decodeURIComponent(p.name);
  const user = await consoleUser();
  const rt = await getRuntime();
  // Read before the object: the watch may replay a change, but never miss one.
  const resourceVersion = rt.store.resourceVersion();
  let pod: Pod;
  try {
    const read = await readOrForbidden(() => getObject<Pod>(rt, user, "Pod", namespace, name));
    if (!read.ok) return <Forbidden failure={read.failure} />;
    pod = read.value;
  } catch {
    notFound();
  }
  const may = (await consolePermissions()).objectActions("Pod", namespace, name);
  const events = await loadRows("Event", { namespace, fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${name}` });
  return (
    <>
      <PageHeader
        title={name}
        crumbs={[{ label: "Pods", href: `/pods${nsQuery(namespace)}` }]}
        subtitle={<>Pod in namespace <b className="font-medium text-slate-700">{namespace}</b></>}
        actions={may.delete && <DeleteButton kind="Pod" namespace={namespace} name={name} after={`/pods${nsQuery(namespace)}`} />}
      />
      <PodDetail initial={pod} resourceVersion={resourceVersion} />
      <SectionTitle>Events</SectionTitle>
      <EventList namespace={namespace} initial={events} involved={{ kind: "Pod", name }} height={260} />
    </>
  );
}
