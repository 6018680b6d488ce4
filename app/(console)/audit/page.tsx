// Why: /audit: admins (RBAC `list auditevents.iam.wheelhouse.dev`) review every mutating request, allowed or denied, filtered by user, verb, resource, namespace and outcome, newest first.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/components/page-header";
import { Forbidden } from "@/app/components/access/forbidden";
import { SimpleTable } from "@/app/components/access/simple-table";
import { apiFailure } from "@/app/lib/server/api-failure";
import { IAM_GROUP } from "@/app/lib/server/permissions";
import { pageFrame } from "@/app/lib/server/admin/page-frame";
import { auditFilters, auditHref, auditQueryOf, type AuditSearchParams } from "@/app/lib/server/admin/audit-filters";

export const metadata: Metadata = { title: "Audit log" };

const input = "h-8 rounded border border-slate-300 bg-white px-2 text-[12.5px] outline-none focus:border-sky-500";

/** One page of audit events with the filter form. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  const { permissions, identity } = await pageFrame();
  const refusal = permissions.forbidden({ verb: "list", group: IAM_GROUP, resource: "auditevents" });
  if (refusal) return <Forbidden failure={apiFailure(refusal)} what="The audit log needs list on auditevents.iam.wheelhouse.dev." />;
  const f = auditFilters(await searchParams);
  let page;
  try {
    page = await identity().audit.query(auditQueryOf(f));
  } catch (e) {
    return <Forbidden failure={apiFailure(e)} what="The audit log could not be read." />;
  }
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every create, update, patch and delete, through kubectl, GraphQL or the console, with who made it and how it ended." />
      <form method="get" action="/audit" className="mb-3 flex flex-wrap items-end gap-2 text-[12px] text-slate-600" data-testid="audit-filters">
        {(
          [
            ["user", "User", "alice"],
            ["verb", "Verb", "delete"],
            ["resource", "Resource", "deployments.apps"],
            ["namespace", "Namespace", "demo"],
          ] as const
        ).map(([k, label, ph]) => (
          <label key={k} className="flex flex-col gap-1">
            <span className="font-medium">{label}</span>
            <input name={k} defaultValue={f[k]} placeholder={ph} data-testid={`audit-filter-${k}`} className={`${input} w-36`} />
          </label>
        ))}
        <label className="flex flex-col gap-1">
          <span className="font-medium">Outcome</span>
          <select name="outcome" defaultValue={f.outcome} data-testid="audit-filter-outcome" className={input}>
            <option value="">Any</option>
            <option value="allowed">Allowed</option>
            <option value="denied">Denied</option>
          </select>
        </label>
        <button type="submit" data-testid="audit-apply" className="h-8 rounded-md bg-sky-600 px-3.5 font-medium text-white shadow-sm hover:bg-sky-700">
          Filter
        </button>
        <Link href="/audit" className="h-8 px-2 leading-8 text-sky-700 hover:underline">
          Clear
        </Link>
      </form>
      <SimpleTable
        testId="audit-table"
        rowTestId="audit-row"
        columns={["Time (UTC)", "User", "Verb", "Resource", "Namespace", "Name", "Result", "Source"]}
        empty="No events match."
        rows={page.items.map((e) => ({
          key: String(e.id),
          name: e.name,
          cells: [
            <span key="t" className="tabular whitespace-nowrap text-slate-500">{e.time.slice(0, 19).replace("T", " ")}</span>,
            <span key="u" title={e.groups.join(", ")}>
              {e.user}
              {e.impersonatedBy ? <span className="text-slate-500"> (as by {e.impersonatedBy})</span> : null}
            </span>,
            e.dryRun ? `${e.verb} (dry run)` : e.verb,
            <span key="r" className="font-mono text-[11.5px]">{`${e.resource}${e.subresource ? `/${e.subresource}` : ""}${e.apiGroup ? `.${e.apiGroup}` : ""}`}</span>,
            e.namespace ?? "",
            e.name ?? "",
            <span key="o" data-testid="audit-outcome" className={e.allowed ? "text-emerald-700" : "text-rose-700"} title={e.reason}>
              {e.allowed ? "Allowed" : "Denied"} · {e.code}
              {e.reason ? ` ${e.reason}` : ""}
            </span>,
            e.source,
          ],
        }))}
      />
      <div className="mt-2 flex gap-4 text-[12.5px]">
        {f.cursor && (
          <Link href={auditHref(f)} className="text-sky-700 hover:underline">
            ← Newest
          </Link>
        )}
        {page.cursor && (
          <Link href={auditHref(f, page.cursor)} className="text-sky-700 hover:underline" data-testid="audit-next">
            Older →
          </Link>
        )}
      </div>
    </>
  );
}
