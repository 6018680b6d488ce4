// Why: /deployments/<namespace>/<name>: the deployment with its ReplicaSets, pods and events, first paint from the services, then live.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getRuntime } from "@/server/runtime/runtime";
import { getObject, selectorString } from "@/server/services";
import type { Deployment } from "@/core/api/types";
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
import { PodList } from "../../../pods/pod-list";
import { ReplicaSetList } from "../../../replicasets/replicaset-list";
import { DeploymentDetail } from "./deployment-detail";

type Params = { namespace: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `Deployment ${decodeURIComponent(name)}` };
}

/** A deployment, its ReplicaSets, its pods and its events. */
export default async function DeploymentPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const namespace = decodeURIComponent(p.namespace);
  const name = decodeURIComponent(p.name);
  const user = await consoleUser();
  const rt = await getRuntime();
  const resourceVersion = rt.store.resourceVersion();
  let d: Deployment;
  try {
    const read = await readOrForbidden(() => getObject<Deployment>(rt, user, "Deployment", namespace, name));
    if (!read.ok) return <Forbidden failure={read.failure} />;
    d = read.value;
  } catch {
    notFound();
  }
  const may = (await consolePermissions()).objectActions("Deployment", namespace, name);
  const selector = selectorString(d.spec?.selector) || undefined;
  const [replicaSets, pods, events] = await Promise.all([
    loadRows("ReplicaSet", { namespace, labelSelector: selector }),
    loadRows("Pod", { namespace, labelSelector: selector }),
    loadRows("Event", { namespace, fieldSelector: `involvedObject.kind=Deployment,involvedObject.name=${name}` }),
  ]);
  return (
    <>
      <PageHeader
        title={name}
        crumbs={[{ label: "Deployments", href: `/deployments${nsQuery(namespace)}` }]}
        subtitle={<>Deployment in namespace <b className="font-medium text-slate-700">{namespace}</b>{selector && <> · selector <code className="font-mono text-[11.5px]">{selector}</code></>}</>}
        actions={may.delete && <DeleteButton kind="Deployment" namespace={namespace} name={name} after={`/deployments${nsQuery(namespace)}`} />}
      />
      <DeploymentDetail initial={d} resourceVersion={resourceVersion} canScale={may.scale} />
      <SectionTitle>ReplicaSets</SectionTitle>
      <ReplicaSetList namespace={namespace} labelSelector={selector} initial={replicaSets} height={170} showNamespace={false} />
      <SectionTitle>Pods</SectionTitle>
      <PodList namespace={namespace} labelSelector={selector} initial={pods} height={300} />
      <SectionTitle>Events</SectionTitle>
      <EventList namespace={namespace} initial={events} involved={{ kind: "Deployment", name }} height={220} />
    </>
  );
}
