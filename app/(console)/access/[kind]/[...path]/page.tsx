// Why: /access/{roles,rolebindings}/<ns>/<name> and /access/{clusterroles,clusterrolebindings}/<name>: one RBAC object, read as the signed-in user, with the edits and delete RBAC lets them make.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { stringify } from "yaml";
import { PageHeader } from "@/app/components/page-header";
import { SectionTitle } from "@/app/components/section-title";
import { Forbidden } from "@/app/components/access/forbidden";
import { ActionButton } from "@/app/components/access/action-button";
import { BindingForm } from "@/app/components/access/binding-form";
import { Panel } from "@/app/components/access/form-bits";
import { RulesTable, Subjects } from "@/app/components/access/rbac-views";
import { isReason } from "@/core/api/errors";
import type { ResourceType } from "@/core/api/resources";
import { CLUSTER_ROLE_BINDING_TYPE, CLUSTER_ROLE_TYPE, ROLE_BINDING_TYPE, ROLE_TYPE, type ClusterRole, type RoleBinding } from "@/core/rbac/types";
import { getObject } from "@/server/services";
import { apiFailure } from "@/app/lib/server/api-failure";
import { IAM_GROUP, questionFor } from "@/app/lib/server/permissions";
import { pageFrame } from "@/app/lib/server/admin/page-frame";
import { ApplyEditor } from "../../../apply/apply-editor";
import { deleteRbacAction } from "../../actions";

type Params = { kind: string; path: string[] };

const TYPES: Record<string, ResourceType> = { roles: ROLE_TYPE, rolebindings: ROLE_BINDING_TYPE, clusterroles: CLUSTER_ROLE_TYPE, clusterrolebindings: CLUSTER_ROLE_BINDING_TYPE };

/** The type and the object's coordinates in the URL, or undefined for a URL that names none. */
function target(p: Params): { type: ResourceType; namespace?: string; name: string } | undefined {
  const type = TYPES[p.kind];
  const parts = p.path.map(decodeURIComponent);
  if (!type) return undefined;
  if (type.namespaced) return parts.length === 2 ? { type, namespace: parts[0], name: parts[1] } : undefined;
  return parts.length === 1 ? { type, name: parts[0] } : undefined;
}

/** The object as a manifest to edit: what a person wrote, without server-set metadata. */
function editableYaml(obj: ClusterRole): string {
  const { name, namespace, labels, annotations } = obj.metadata;
  const kept = Object.fromEntries(Object.entries(annotations ?? {}).filter(([k]) => k !== "kubectl.kubernetes.io/last-applied-configuration"));
  const metadata = { name, ...(namespace ? { namespace } : {}), ...(labels && Object.keys(labels).length ? { labels } : {}), ...(Object.keys(kept).length ? { annotations: kept } : {}) };
  return stringify({ apiVersion: obj.apiVersion, kind: obj.kind, metadata, ...(obj.aggregationRule ? { aggregationRule: obj.aggregationRule } : {}), rules: obj.rules ?? [] }, { lineWidth: 0 });
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const t = target(await params);
  return { title: t ? `${t.type.kind} ${t.name}` : "Access" };
}

/** One role or binding. */
export default async function RbacObjectPage({ params }: { params: Promise<Params> }) {
  const t = target(await params);
  if (!t) notFound();
  const { rt, permissions, identity } = await pageFrame();
  const user = permissions.user;
  let obj: ClusterRole & RoleBinding;
  try {
    obj = await getObject<ClusterRole & RoleBinding>(rt, user, t.type, t.namespace, t.name);
  } catch (e) {
    if (isReason(e, "Forbidden")) return <Forbidden failure={apiFailure(e)} />;
    notFound();
  }
  const can = (verb: string) => permissions.can(questionFor(verb, t.type, t.namespace, t.name));
  const listHref = t.type.namespaced ? `/access?namespace=${encodeURIComponent(t.namespace!)}` : "/access/cluster";
  const isBinding = t.type.kind.endsWith("Binding");
  const header = (
    <PageHeader
      title={t.name}
      crumbs={[{ label: "Access", href: listHref }]}
      subtitle={
        <>
          {t.type.kind}
          {t.namespace && (
            <>
              {" "}in namespace <b className="font-medium text-slate-700">{t.namespace}</b>
            </>
          )}
        </>
      }
      actions={
        can("delete") && (
          <ActionButton action={deleteRbacAction.bind(null, t.type.kind, t.namespace, t.name)} label="Delete" variant="danger" confirm={`Delete ${t.type.kind} "${t.name}"?`} testId="delete-button" after={listHref} />
        )
      }
    />
  );

  if (isBinding) {
    const suggestions = async () => {
      try {
        const ids = identity();
        const teams = permissions.can({ verb: "list", group: IAM_GROUP, resource: "teams" }) ? (await ids.teams.list()).map((x) => x.name) : [];
        const users = permissions.can({ verb: "list", group: IAM_GROUP, resource: "users" }) ? (await ids.users.list()).map((x) => x.username) : [];
        return { teams, users };
      } catch {
        return { teams: [], users: [] };
      }
    };
    const editable = can("update");
    return (
      <>
        {header}
        <div className="mb-3 text-[12.5px] text-slate-600" data-testid="binding-role">
          Grants <b className="font-medium text-slate-800">{obj.roleRef.kind} {obj.roleRef.name}</b> to <Subjects subjects={obj.subjects} namespace={t.namespace} />
        </div>
        {editable ? (
          <Panel title="Subjects" testId="binding-edit">
            <BindingForm
              mode="update"
              namespace={t.namespace}
              initial={{
                name: t.name,
                roleRef: { kind: obj.roleRef.kind as "Role" | "ClusterRole", name: obj.roleRef.name },
                subjects: (obj.subjects ?? []).map((s) => ({ kind: s.kind as "User" | "Group" | "ServiceAccount", name: s.name, ...(s.namespace ? { namespace: s.namespace } : {}) })),
              }}
              {...(await suggestions())}
            />
          </Panel>
        ) : (
          <pre className="overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-[11.5px] text-slate-700">{stringify({ roleRef: obj.roleRef, subjects: obj.subjects ?? [] })}</pre>
        )}
      </>
    );
  }

  return (
    <>
      {header}
      <SectionTitle>Rules{obj.aggregationRule ? " (aggregated from the ClusterRoles its selectors match)" : ""}</SectionTitle>
      <RulesTable rules={obj.rules ?? []} />
      {can("update") && (
        <>
          <SectionTitle>Edit</SectionTitle>
          <p className="mb-1.5 text-[12px] text-slate-500">You can only grant what you hold yourself, unless you may escalate roles.</p>
          <ApplyEditor initialText={editableYaml(obj)} namespace={t.namespace ?? "default"} />
        </>
      )}
    </>
  );
}
