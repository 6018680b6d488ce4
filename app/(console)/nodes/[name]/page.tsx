// Why: /nodes/<name>: one node and the pods it runs, first paint from the services, then live.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRuntime } from "@/server/runtime/runtime";
import { getObject } from "@/server/services";
import type { Node } from "@/core/api/types";
import { PageHeader } from "@/app/components/page-header";
import { SectionTitle } from "@/app/components/section-title";
import { consoleUser } from "@/app/lib/server/console-user";
import { readOrForbidden } from "@/app/lib/server/read-or-forbidden";
import { Forbidden } from "@/app/components/access/forbidden";
import { loadRows } from "@/app/lib/server/load-rows";
import { EventList } from "../../events/event-list";
import { PodList } from "../../pods/pod-list";
import { NodeDetail } from "./node-detail";

type Params = { name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Node ${decodeURIComponent(name)}` };
}

/** A node, its pods (all namespaces) and its events. */
export default async function NodePage({ params }: { params: Promise<Params> }) {
  const name = decodeURIComponent((await params).name);
  const user = await consoleUser();
  const rt = await getRuntime();
  const resourceVersion = rt.store.resourceVersion();
  let node: Node;
  try {
    const read = await readOrForbidden(() => getObject<Node>(rt, user, "Node", undefined, name));
    if (!read.ok) return <Forbidden failure={read.failure} />;
    node = read.value;
  } catch {
    notFound();
  }
  const podSelector = `spec.nodeName=${name}`;
  const [pods, events] = await Promise.all([loadRows("Pod", { fieldSelector: podSelector }), loadRows("Event", { fieldSelector: `involvedObject.kind=Node,involvedObject.name=${name}` })]);
  return (
    <>
      <PageHeader title={name} crumbs={[{ label: "Nodes", href: "/nodes" }]} subtitle="Node" />
      <NodeDetail initial={node} resourceVersion={resourceVersion} />
      <SectionTitle>Pods</SectionTitle>
      <PodList fieldSelector={podSelector} initial={pods} height={360} />
      <SectionTitle>Events</SectionTitle>
      <EventList initial={events} involved={{ kind: "Node", name }} height={220} />
    </>
  );
}
