// Why: /tokens: the signed-in user's personal access tokens (create, list, revoke) and a kubeconfig for kubectl as themselves.
import type { Metadata } from "next";
import { PageHeader } from "@/app/components/page-header";
import { SectionTitle } from "@/app/components/section-title";
import { ActionButton } from "@/app/components/access/action-button";
import { Panel } from "@/app/components/access/form-bits";
import { SimpleTable } from "@/app/components/access/simple-table";
import { pageFrame } from "@/app/lib/server/admin/page-frame";
import { PersonalTokens } from "@/app/lib/server/admin/personal-tokens";
import { revokeTokenAction } from "./actions";
import { NewTokenForm } from "./new-token-form";

export const metadata: Metadata = { title: "Access tokens" };

/** When a token stopped working, or "Active". */
function stateOf(t: { revokedAt?: string; expiresAt?: string }, now: number): string {
  if (t.revokedAt) return `Revoked ${t.revokedAt.slice(0, 16).replace("T", " ")}`;
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return "Expired";
  return "Active";
}

/** The user's tokens and the kubeconfig download. */
export default async function TokensPage() {
  const { permissions, identity } = await pageFrame();
  const user = permissions.user;
  const tokens = user.uid ? await new PersonalTokens(identity().accessTokens, user, Date.now).list() : [];
  const now = Date.now();
  return (
    <>
      <PageHeader title="Access tokens" subtitle={<>Personal access tokens act as <b className="font-medium text-slate-700">{user.name}</b> with your teams&apos; access, over kubectl, the REST API and GraphQL.</>} />
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-[minmax(0,2fr)_minmax(280px,1fr)]">
        <Panel title="New token" testId="new-token-panel">
          <NewTokenForm />
        </Panel>
        <Panel title="kubectl" testId="kubeconfig-panel">
          <p className="mb-3 text-[12px] text-slate-600">
            A kubeconfig for the cluster&apos;s TLS API endpoint with a new token of yours (listed below as &ldquo;kubeconfig &lt;date&gt;&rdquo;; revoke it to cut that file off).
          </p>
          <form method="post" action="/tokens/kubeconfig">
            <button type="submit" data-testid="download-kubeconfig" className="h-8 rounded-md bg-slate-800 px-3.5 text-[12.5px] font-medium text-white shadow-sm hover:bg-slate-900">
              Download kubeconfig
            </button>
          </form>
          <p className="mt-2 font-mono text-[11px] text-slate-500">KUBECONFIG=./wheelhouse-{user.name}.kubeconfig kubectl get pods</p>
        </Panel>
      </div>
      <SectionTitle>Your tokens ({tokens.length})</SectionTitle>
      <SimpleTable
        testId="token-table"
        rowTestId="token-row"
        columns={["Name", "Created", "Expires", "Last used", "State", ""]}
        empty="No tokens yet."
        rows={tokens.map((t) => {
          const state = stateOf(t, now);
          return {
            key: t.id,
            name: t.name,
            cells: [
              <span key="n" className="font-medium text-slate-900">{t.name}</span>,
              t.createdAt.slice(0, 16).replace("T", " "),
              t.expiresAt ? t.expiresAt.slice(0, 10) : "never",
              t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace("T", " ") : "never",
              <span key="s" data-testid="token-state" className={state === "Active" ? "text-emerald-700" : "text-slate-500"}>{state}</span>,
              state === "Active" ? <ActionButton key="r" action={revokeTokenAction.bind(null, t.id)} label="Revoke" variant="danger" confirm={`Revoke token "${t.name}"? Anything using it is refused from its next request.`} testId="token-revoke" /> : null,
            ],
          };
        })}
      />
    </>
  );
}
