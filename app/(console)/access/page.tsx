// Why: /access: what the signed-in user may do in a namespace (SelfSubjectRulesReview), the namespace's roles and role bindings for those who may read them, and the access checker.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/components/page-header";
import { SectionTitle } from "@/app/components/section-title";
import { ForbiddenNote } from "@/app/components/access/forbidden";
import { Panel } from "@/app/components/access/form-bits";
import { RulesTable, Subjects } from "@/app/components/access/rbac-views";
import { SimpleTable } from "@/app/components/access/simple-table";
import { AccessChecker } from "@/app/components/access/access-checker";
import { ROLE_BINDING_TYPE, ROLE_TYPE, RBAC_GROUP, type Role, type RoleBinding } from "@/core/rbac/types";
import { pageFrame } from "@/app/lib/server/admin/page-frame";
import { readableList } from "@/app/lib/server/admin/rbac-admin";

export const metadata: Metadata = { title: "Access" };

const enc = encodeURIComponent;

/** Access in one namespace (the switcher's, else `default`). */
export default async function AccessPage({ searchParams }: { searchParams: Promise<{ namespace?: string }> }) {
  const { namespace } = await searchParams;
  const ns = namespace || "default";
  const { rt, permissions } = await pageFrame();
  const user = permissions.user;
  const [bindings, roles] = await Promise.all([readableList<RoleBinding>(rt, user, ROLE_BINDING_TYPE, ns), readableList<Role>(rt, user, ROLE_TYPE, ns)]);
  const rbac = (verb: string, resource: string, n?: string) => permissions.can({ verb, group: RBAC_GROUP, resource, ...(n ? { namespace: n } : {}) });
  const review = permissions.rules(ns);
  return (
    <>
      <PageHeader
        title="Access"
        subtitle={<>Roles and bindings in namespace <b className="font-medium text-slate-700">{ns}</b>. Pick another namespace at the top right.</>}
        actions={
          <Link href="/access/cluster" className="text-[12.5px] text-sky-700 hover:underline" data-testid="access-cluster-link">
            Cluster roles and bindings →
          </Link>
        }
      />
      <Panel title="Check access" testId="check-panel">
        <AccessChecker
          me={user.name}
          namespace={ns}
          canAskOthers={permissions.can({ verb: "create", group: "authorization.k8s.io", resource: "subjectaccessreviews" })}
          canAskWho={rbac("list", "clusterrolebindings") && rbac("list", "rolebindings", ns)}
        />
      </Panel>

      <SectionTitle>
        Role bindings in {ns}
        {bindings.ok && rbac("create", "rolebindings", ns) && (
          <Link href={`/access/new/rolebinding?namespace=${enc(ns)}`} className="ml-3 text-[12px] font-normal text-sky-700 hover:underline" data-testid="new-rolebinding">
            New binding
          </Link>
        )}
      </SectionTitle>
      {bindings.ok ? (
        <SimpleTable
          testId="rolebinding-table"
          rowTestId="rolebinding-row"
          columns={["Name", "Role", "Subjects"]}
          empty="No role bindings in this namespace."
          rows={bindings.items.map((b) => ({
            key: b.metadata.name ?? "",
            name: b.metadata.name,
            cells: [
              <Link key="n" href={`/access/rolebindings/${enc(ns)}/${enc(b.metadata.name ?? "")}`} className="font-medium text-sky-700 hover:underline">
                {b.metadata.name}
              </Link>,
              `${b.roleRef.kind}/${b.roleRef.name}`,
              <Subjects key="s" subjects={b.subjects} namespace={ns} />,
            ],
          }))}
        />
      ) : (
        <ForbiddenNote failure={bindings.error} />
      )}

      <SectionTitle>
        Roles in {ns}
        {roles.ok && rbac("create", "roles", ns) && (
          <Link href={`/access/new/role?namespace=${enc(ns)}`} className="ml-3 text-[12px] font-normal text-sky-700 hover:underline" data-testid="new-role">
            New role
          </Link>
        )}
      </SectionTitle>
      {roles.ok ? (
        <SimpleTable
          testId="role-table"
          rowTestId="role-row"
          columns={["Name", "Rules", "Created"]}
          empty="No roles in this namespace (bindings here usually name ClusterRoles)."
          rows={roles.items.map((r) => ({
            key: r.metadata.name ?? "",
            name: r.metadata.name,
            cells: [
              <Link key="n" href={`/access/roles/${enc(ns)}/${enc(r.metadata.name ?? "")}`} className="font-medium text-sky-700 hover:underline">
                {r.metadata.name}
              </Link>,
              String(r.rules?.length ?? 0),
              (r.metadata.creationTimestamp ?? "").slice(0, 10),
            ],
          }))}
        />
      ) : (
        <ForbiddenNote failure={roles.error} />
      )}

      <SectionTitle>Your access in {ns}</SectionTitle>
      <p className="mb-1.5 text-[12px] text-slate-500">
        What {user.name} (groups {user.groups.join(", ")}) may do here, as <code className="font-mono">kubectl auth can-i --list -n {ns}</code> shows it.
        {review.evaluationError && <span className="text-amber-700"> Some roles could not be read: {review.evaluationError}</span>}
      </p>
      <RulesTable rules={review.resourceRules} testId="my-rules" />
    </>
  );
}
