// Why: /admin/users: admins (RBAC on users.iam.wheelhouse.dev) see every user, create users with an initial password and teams, and disable, re-enable or delete them.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/components/page-header";
import { SectionTitle } from "@/app/components/section-title";
import { Forbidden } from "@/app/components/access/forbidden";
import { ActionButton } from "@/app/components/access/action-button";
import { Panel } from "@/app/components/access/form-bits";
import { SimpleTable } from "@/app/components/access/simple-table";
import { apiFailure } from "@/app/lib/server/api-failure";
import { IAM_GROUP } from "@/app/lib/server/permissions";
import { pageFrame } from "@/app/lib/server/admin/page-frame";
import { deleteUserAction, setUserDisabledAction } from "../actions";
import { NewUserForm } from "./new-user-form";
import { PasswordReset } from "./password-reset";

export const metadata: Metadata = { title: "Users" };

const users = (verb: string, name?: string) => ({ verb, group: IAM_GROUP, resource: "users", ...(name ? { name } : {}) });

/** Every user, with the actions the signed-in admin may take on each. */
export default async function UsersPage() {
  const { permissions, people } = await pageFrame();
  const refusal = permissions.forbidden(users("list"));
  if (refusal) return <Forbidden failure={apiFailure(refusal)} what="Listing users needs list on users.iam.wheelhouse.dev." />;
  const all = await people().listUsers();
  const teams = permissions.can({ verb: "list", group: IAM_GROUP, resource: "teams" }) ? (await people().listTeams()).map((t) => t.name) : [];
  const me = permissions.user.name;
  return (
    <>
      <PageHeader
        title="Users"
        subtitle={<>People who sign in to the console. A user&apos;s Kubernetes groups are their teams; changes apply on their next request.</>}
        actions={
          <Link href="/admin/teams" className="text-[12.5px] text-sky-700 hover:underline">
            Teams
          </Link>
        }
      />
      {permissions.can(users("create")) && (
        <Panel title="New user" testId="new-user-panel">
          <NewUserForm teams={teams} />
        </Panel>
      )}
      <SectionTitle>Users ({all.length})</SectionTitle>
      <SimpleTable
        testId="user-table"
        rowTestId="user-row"
        columns={["Name", "Display name", "Teams", "Status", "Sign-in", "Created", ""]}
        rows={all.map((u) => ({
          key: u.id,
          name: u.username,
          cells: [
            <span key="n" className="font-medium text-slate-900">{u.username}</span>,
            u.displayName ?? "",
            <span key="t" data-testid="user-teams">{u.teams.join(", ")}</span>,
            <span key="s" data-testid="user-status" className={u.disabled ? "text-rose-700" : "text-emerald-700"}>{u.disabled ? "Disabled" : "Active"}</span>,
            [u.hasPassword && "password", u.oidcSubject && "OIDC"].filter(Boolean).join(", "),
            <span key="c" className="tabular text-slate-500">{u.createdAt.slice(0, 10)}</span>,
            <span key="a" className="flex flex-wrap items-center gap-1.5">
              {permissions.can(users("update", u.username)) && u.username !== me && (
                <ActionButton action={setUserDisabledAction.bind(null, u.username, !u.disabled)} label={u.disabled ? "Enable" : "Disable"} testId="user-toggle" />
              )}
              {permissions.can(users("update", u.username)) && u.hasPassword && <PasswordReset username={u.username} />}
              {permissions.can(users("delete", u.username)) && u.username !== me && (
                <ActionButton action={deleteUserAction.bind(null, u.username)} label="Delete" variant="danger" confirm={`Delete user "${u.username}" with their tokens?`} testId="user-delete" />
              )}
            </span>,
          ],
        }))}
      />
    </>
  );
}
