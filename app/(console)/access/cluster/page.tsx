// Why: /access/cluster: ClusterRoles and ClusterRoleBindings (the cluster-wide half of RBAC) for those who may read them.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/components/page-header";
import { SectionTitle } from "@/app/components/section-title";
import { ForbiddenNote } from "@/app/components/access/forbidden";
import { Subjects } from "@/app/components/access/rbac-views";
import { SimpleTable } from "@/app/components/access/simple-table";
import { CLUSTER_ROLE_BINDING_TYPE, CLUSTER_ROLE_TYPE, RBAC_GROUP, type ClusterRole, type ClusterRoleBinding } from "@/core/rbac/types";
import { pageFrame } from "@/app/lib/server/admin/page-frame";
import { readableList } from "@/app/lib/server/admin/rbac-admin";

export const metadata: Metadata = { title: "Cluster access" };

const enc = encodeURIComponent;
const isSystem = (name?: string) => !!name?.startsWith("system:");

/** Cluster roles and bindings; system: objects are folded away unless asked for. */
export default async function ClusterAccessPage({ searchParams }: { searchParams: Promise<{ system?: string }> }) {
  const showSystem = (await searchParams).system === "1";
  const { rt, permissions } = await pageFrame();
  const user = permissions.user;
  const [bindings, roles] = await Promise.all([readableList<ClusterRoleBinding>(rt, user, CLUSTER_ROLE_BINDING_TYPE), readableList<ClusterRole>(rt, user, CLUSTER_ROLE_TYPE)]);
  const can = (verb: string, resource: string) => permissions.can({ verb, group: RBAC_GROUP, resource });
  const visible = <T extends { metadata: { name?: string } }>(items: T[]) => (showSystem ? items : items.filter((o) => !isSystem(o.metadata.name)));
  return (
    <>
      <PageHeader
        title="Cluster access"
        crumbs={[{ label: "Access", href: "/access" }]}
        subtitle="ClusterRoleBindings grant a ClusterRole everywhere; RoleBindings in a namespace can also name ClusterRoles."
        actions={
          <Link href={showSystem ? "/access/cluster" : "/access/cluster?system=1"} className="text-[12.5px] text-sky-700 hover:underline">
            {showSystem ? "Hide system: objects" : "Show system: objects"}
          </Link>
        }
      />
      <SectionTitle>
        Cluster role bindings
        {bindings.ok && can("create", "clusterrolebindings") && (
          <Link href="/access/new/clusterrolebinding" className="ml-3 text-[12px] font-normal text-sky-700 hover:underline" data-testid="new-clusterrolebinding">
            New binding
          </Link>
        )}
      </SectionTitle>
      {bindings.ok ? (
        <SimpleTable
          testId="clusterrolebinding-table"
          rowTestId="clusterrolebinding-row"
          columns={["Name", "Role", "Subjects"]}
          rows={visible(bindings.items).map((b) => ({
            key: b.metadata.name ?? "",
            name: b.metadata.name,
            cells: [
              <Link key="n" href={`/access/clusterrolebindings/${enc(b.metadata.name ?? "")}`} className="font-medium text-sky-700 hover:underline">
                {b.metadata.name}
              </Link>,
              `${b.roleRef.kind}/${b.roleRef.name}`,
              <Subjects key="s" subjects={b.subjects} />,
            ],
          }))}
        />
      ) : (
        <ForbiddenNote failure={bindings.error} />
      )}
      <SectionTitle>
        Cluster roles
        {roles.ok && can("create", "clusterroles") && (
          <Link href="/access/new/clusterrole" className="ml-3 text-[12px] font-normal text-sky-700 hover:underline" data-testid="new-clusterrole">
            New cluster role
          </Link>
        )}
      </SectionTitle>
      {roles.ok ? (
        <SimpleTable
          testId="clusterrole-table"
          rowTestId="clusterrole-row"
          columns={["Name", "Rules", "Aggregated"]}
          rows={visible(roles.items).map((r) => ({
            key: r.metadata.name ?? "",
            name: r.metadata.name,
            cells: [
              <Link key="n" href={`/access/clusterroles/${enc(r.metadata.name ?? "")}`} className="font-medium text-sky-700 hover:underline">
                {r.metadata.name}
              </Link>,
              String(r.rules?.length ?? 0),
              r.aggregationRule ? "yes" : "",
            ],
          }))}
        />
      ) : (
        <ForbiddenNote failure={roles.error} />
      )}
    </>
  );
}
