// Why: /access/new/{rolebinding,clusterrolebinding,role,clusterrole}: bindings from a form, roles from a YAML template in the apply editor; the apiserver decides whether the user may.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/components/page-header";
import { Forbidden } from "@/app/components/access/forbidden";
import { BindingForm } from "@/app/components/access/binding-form";
import { Panel } from "@/app/components/access/form-bits";
import { CLUSTER_ROLE_TYPE, RBAC_GROUP, ROLE_TYPE, type ClusterRole, type Role } from "@/core/rbac/types";
import { apiFailure } from "@/app/lib/server/api-failure";
import { IAM_GROUP } from "@/app/lib/server/permissions";
import { pageFrame } from "@/app/lib/server/admin/page-frame";
import { readableList } from "@/app/lib/server/admin/rbac-admin";
import { ApplyEditor } from "../../../apply/apply-editor";

type Kind = "rolebinding" | "clusterrolebinding" | "role" | "clusterrole";
const RESOURCES: Record<Kind, string> = { rolebinding: "rolebindings", clusterrolebinding: "clusterrolebindings", role: "roles", clusterrole: "clusterroles" };

const roleTemplate = (kind: "Role" | "ClusterRole", ns: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: pod-reader${kind === "Role" ? `\n  namespace: ${ns}` : ""}
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list", "watch"]
`;

export const metadata: Metadata = { title: "New RBAC object" };

/** The creation form for one kind. */
export default async function NewRbacPage({ params, searchParams }: { params: Promise<{ kind: string }>; searchParams: Promise<{ namespace?: string }> }) {
  const kind = (await params).kind as Kind;
  if (!(kind in RESOURCES)) notFound();
  const ns = (await searchParams).namespace || "default";
  const namespaced = kind === "rolebinding" || kind === "role";
  const { rt, permissions, identity } = await pageFrame();
  const refusal = permissions.forbidden({ verb: "create", group: RBAC_GROUP, resource: RESOURCES[kind], ...(namespaced ? { namespace: ns } : {}) });
  if (refusal) return <Forbidden failure={apiFailure(refusal)} />;
  const where = namespaced ? <>in namespace <b className="font-medium text-slate-700">{ns}</b></> : <>cluster-wide</>;
  const back = namespaced ? `/access?namespace=${encodeURIComponent(ns)}` : "/access/cluster";

  if (kind === "role" || kind === "clusterrole") {
    return (
      <>
        <PageHeader title={`New ${kind === "role" ? "Role" : "ClusterRole"}`} crumbs={[{ label: "Access", href: back }]} subtitle={<>Write the rules {where}; you can only grant what you hold yourself.</>} />
        <ApplyEditor initialText={roleTemplate(kind === "role" ? "Role" : "ClusterRole", ns)} namespace={ns} />
      </>
    );
  }

  const [roles, clusterRoles] = await Promise.all([namespaced ? readableList<Role>(rt, permissions.user, ROLE_TYPE, ns) : undefined, readableList<ClusterRole>(rt, permissions.user, CLUSTER_ROLE_TYPE)]);
  const names = (r: typeof clusterRoles | undefined) => (r?.ok ? r.items.map((o) => o.metadata.name ?? "").filter((n) => !n.startsWith("system:")) : []);
  let teams: string[] = [];
  let users: string[] = [];
  try {
    if (permissions.can({ verb: "list", group: IAM_GROUP, resource: "teams" })) teams = (await identity().teams.list()).map((t) => t.name);
    if (permissions.can({ verb: "list", group: IAM_GROUP, resource: "users" })) users = (await identity().users.list()).map((u) => u.username);
  } catch {
    // Suggestions only: the form works without them.
  }
  return (
    <>
      <PageHeader title={`New ${namespaced ? "RoleBinding" : "ClusterRoleBinding"}`} crumbs={[{ label: "Access", href: back }]} subtitle={<>Grant a role to users, teams or service accounts {where}.</>} />
      <Panel title="Binding" testId="new-binding-panel">
        <BindingForm
          mode="create"
          {...(namespaced ? { namespace: ns } : {})}
          initial={{ name: "", roleRef: { kind: "ClusterRole", name: "view" }, subjects: [] }}
          roles={names(roles)}
          clusterRoles={names(clusterRoles)}
          teams={teams}
          users={users}
        />
      </Panel>
    </>
  );
}
