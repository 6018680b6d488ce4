// Why: /admin/teams: teams are the groups RBAC bindings name; admins create and delete them and manage their members (RBAC on teams.iam.wheelhouse.dev).
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
import { deleteTeamAction, removeMemberAction } from "../actions";
import { AddMember, NewTeamForm } from "./team-forms";

export const metadata: Metadata = { title: "Teams" };

const teams = (verb: string, name?: string) => ({ verb, group: IAM_GROUP, resource: "teams", ...(name ? { name } : {}) });

/** Every team with its members, and the changes the signed-in admin may make. */
export default async function TeamsPage() {
  const { permissions, people } = await pageFrame();
  const refusal = permissions.forbidden(teams("list"));
  if (refusal) return <Forbidden failure={apiFailure(refusal)} what="Listing teams needs list on teams.iam.wheelhouse.dev." />;
  const all = await people().listTeams();
  const users = permissions.can({ verb: "list", group: IAM_GROUP, resource: "users" }) ? (await people().listUsers()).map((u) => u.username) : undefined;
  return (
    <>
      <PageHeader
        title="Teams"
        subtitle="A team is a Kubernetes group: bind roles to it in Access. Membership changes apply on the member's next request."
        actions={
          <Link href="/access" className="text-[12.5px] text-sky-700 hover:underline">
            Access
          </Link>
        }
      />
      {permissions.can(teams("create")) && (
        <Panel title="New team" testId="new-team-panel">
          <NewTeamForm />
        </Panel>
      )}
      <SectionTitle>Teams ({all.length})</SectionTitle>
      <SimpleTable
        testId="team-table"
        rowTestId="team-row"
        columns={["Team", "Description", "Members", ""]}
        rows={all.map((t) => {
          const canUpdate = permissions.can(teams("update", t.name));
          return {
            key: t.id,
            name: t.name,
            cells: [
              <span key="n" className="font-medium text-slate-900">{t.name}</span>,
              t.description ?? "",
              <div key="m" className="flex flex-col gap-1.5">
                <div className="flex flex-wrap gap-1" data-testid="team-members">
                  {t.members.map((m) => (
                    <span key={m} className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-0.5 text-[12px]" data-testid="team-member" data-name={m}>
                      {m}
                      {canUpdate && <ActionButton action={removeMemberAction.bind(null, t.name, m)} label="×" pendingLabel="…" testId="remove-member" />}
                    </span>
                  ))}
                  {t.members.length === 0 && <span className="text-slate-400">No members</span>}
                </div>
                {canUpdate && <AddMember team={t.name} users={users?.filter((u) => !t.members.includes(u))} />}
              </div>,
              permissions.can(teams("delete", t.name)) ? (
                <ActionButton key="d" action={deleteTeamAction.bind(null, t.name)} label="Delete" variant="danger" confirm={`Delete team "${t.name}"? Bindings to the group stay but apply to nobody.`} testId="team-delete" />
              ) : null,
            ],
          };
        })}
      />
    </>
  );
}
