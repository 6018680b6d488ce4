// Why: roles, bindings and rules review answers are shown the way `kubectl describe` lays them out: rules as resources × verbs, subjects as kind/name.
import type { ResourceRuleInfo } from "@/core/apiserver/authorizer";
import type { PolicyRule, Subject } from "@/core/rbac/types";
import { SimpleTable } from "./simple-table";

/** `deployments.apps`, `pods`, or `*.*`: how kubectl describe names a rule's resources. */
function qualified(resources: string[] | undefined, groups: string[] | undefined): string[] {
  const out: string[] = [];
  for (const r of resources ?? []) for (const g of groups?.length ? groups : [""]) out.push(g ? `${r}.${g}` : r);
  return out;
}

/** The rules of a role, or of a rules review (resource and non-resource rules alike). */
export function RulesTable({ rules, testId = "rules-table" }: { rules: (PolicyRule | ResourceRuleInfo)[]; testId?: string }) {
  return (
    <SimpleTable
      testId={testId}
      rowTestId="rule-row"
      columns={["Resources", "Non-resource URLs", "Resource names", "Verbs"]}
      empty="No rules."
      rows={rules.map((r, i) => ({
        key: String(i),
        cells: [
          <span key="r" className="font-mono text-[11.5px]">{qualified(r.resources, r.apiGroups).join(", ")}</span>,
          <span key="u" className="font-mono text-[11.5px]">{("nonResourceURLs" in r ? (r.nonResourceURLs ?? []) : []).join(", ")}</span>,
          <span key="n" className="font-mono text-[11.5px]">{(r.resourceNames ?? []).join(", ")}</span>,
          <span key="v" className="font-mono text-[11.5px]" data-testid="rule-verbs">{r.verbs.join(", ")}</span>,
        ],
      }))}
    />
  );
}

/** `Group viewers`, `ServiceAccount demo/ci`, `User alice`. */
export function subjectLabel(s: Subject, bindingNamespace?: string): string {
  if (s.kind === "ServiceAccount") return `ServiceAccount ${s.namespace || bindingNamespace || ""}/${s.name}`;
  return `${s.kind} ${s.name}`;
}

/** A binding's subjects as chips. */
export function Subjects({ subjects, namespace }: { subjects?: Subject[]; namespace?: string }) {
  if (!subjects?.length) return <span className="text-slate-400">none</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {subjects.map((s, i) => (
        <span key={i} className="rounded bg-slate-100 px-1.5 py-0.5 text-[11.5px] text-slate-700" data-testid="binding-subject">
          {subjectLabel(s, namespace)}
        </span>
      ))}
    </span>
  );
}
