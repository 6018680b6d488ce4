"use client";
// Why: "can user X do V on R in N?" (SubjectAccessReview) and "who can do V on R in N?" answered in the console with the authorizer's reasons and the bindings that grant it.

import { useState, useTransition } from "react";
import type { AccessReview } from "@/core/rbac/rbac-authorizer";
import type { SubjectAnswer } from "@/app/lib/server/admin/rbac-admin";
import { checkAccessAction, whoCanAction } from "@/app/(console)/access/actions";
import { parseResourceRef } from "@/app/lib/access-question";
import { FormError } from "./form-bits";

const input = "h-8 rounded border border-slate-300 bg-white px-2 text-[12.5px] outline-none focus:border-sky-500";
const VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "bind", "escalate", "impersonate", "*"];

function Labeled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-[12px] text-slate-600">
      <span className="font-medium">{label}</span>
      {children}
    </label>
  );
}

/** The two questions, side by side; `me` is the signed-in user (the default subject), `namespace` the one in view. */
export function AccessChecker({ me, namespace, canAskOthers, canAskWho }: { me: string; namespace: string; canAskOthers: boolean; canAskWho: boolean }) {
  const [user, setUser] = useState(me);
  const [groups, setGroups] = useState("");
  const [verb, setVerb] = useState("delete");
  const [resource, setResource] = useState("deployments.apps");
  const [name, setName] = useState("");
  const [ns, setNs] = useState(namespace);
  const [answer, setAnswer] = useState<SubjectAnswer>();
  const [who, setWho] = useState<AccessReview>();
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();

  const question = () => ({ verb, ...parseResourceRef(resource), ...(name.trim() ? { name: name.trim() } : {}), ...(ns.trim() ? { namespace: ns.trim() } : {}) });
  const askCan = () =>
    start(async () => {
      const r = await checkAccessAction({ user, groups: groups.split(",").map((g) => g.trim()).filter(Boolean) }, question());
      setWho(undefined);
      if (r.ok) {
        setAnswer(r.value);
        setError(undefined);
      } else {
        setAnswer(undefined);
        setError(r.error.message);
      }
    });
  const askWho = () =>
    start(async () => {
      const r = await whoCanAction(question());
      setAnswer(undefined);
      if (r.ok) {
        setWho(r.value);
        setError(undefined);
      } else {
        setWho(undefined);
        setError(r.error.message);
      }
    });

  return (
    <div className="flex flex-col gap-3" data-testid="access-checker">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          askCan();
        }}
      >
        <Labeled label="User">
          <input data-testid="check-user" value={user} onChange={(e) => setUser(e.target.value)} disabled={!canAskOthers} className={`${input} w-36`} />
        </Labeled>
        {canAskOthers && (
          <Labeled label="Extra groups">
            <input data-testid="check-groups" value={groups} onChange={(e) => setGroups(e.target.value)} placeholder="team-a, team-b" className={`${input} w-36`} />
          </Labeled>
        )}
        <Labeled label="Verb">
          <input data-testid="check-verb" list="check-verbs" value={verb} onChange={(e) => setVerb(e.target.value)} className={`${input} w-28`} />
        </Labeled>
        <datalist id="check-verbs">
          {VERBS.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <Labeled label="Resource">
          <input data-testid="check-resource" value={resource} onChange={(e) => setResource(e.target.value)} placeholder="pods, deployments.apps, pods/log" className={`${input} w-44`} />
        </Labeled>
        <Labeled label="Name">
          <input data-testid="check-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="any" className={`${input} w-28`} />
        </Labeled>
        <Labeled label="Namespace">
          <input data-testid="check-namespace" value={ns} onChange={(e) => setNs(e.target.value)} placeholder="cluster-wide" className={`${input} w-28`} />
        </Labeled>
        <button type="submit" disabled={pending} data-testid="check-submit" className="h-8 rounded-md bg-sky-600 px-3.5 text-[12.5px] font-medium text-white shadow-sm hover:bg-sky-700 disabled:opacity-50">
          Can they?
        </button>
        {canAskWho && (
          <button type="button" disabled={pending} onClick={askWho} data-testid="who-can-submit" className="h-8 rounded-md border border-slate-300 bg-white px-3.5 text-[12.5px] font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-50">
            Who can?
          </button>
        )}
      </form>
      <FormError message={error} testId="check-error" />
      {answer && (
        <div className={`rounded-md border px-3 py-2 text-[12.5px] ${answer.allowed ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-rose-300 bg-rose-50 text-rose-900"}`} data-testid="check-answer" data-allowed={answer.allowed ? "yes" : "no"}>
          <b>{answer.allowed ? "yes" : "no"}</b> — {answer.subject.name} (groups {answer.subject.groups.join(", ")}){" "}
          {answer.allowed ? "may" : "may not"} {verb} {resource}
          {name.trim() ? ` "${name.trim()}"` : ""} {ns.trim() ? `in namespace "${ns.trim()}"` : "cluster-wide"}.
          <div className="mt-1 font-mono text-[11.5px]" data-testid="check-reason">
            {answer.reason ?? (answer.allowed ? "" : "No RBAC rule of any binding naming them or their groups allows it.")}
          </div>
        </div>
      )}
      {who && (
        <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-[12.5px]" data-testid="who-can-answer">
          <div className="mb-1 text-slate-600">
            Who can {verb} {resource} {ns.trim() ? `in namespace "${ns.trim()}"` : "cluster-wide"}:
          </div>
          <ul className="flex flex-col gap-0.5">
            {who.subjects.map((s, i) => (
              <li key={i} data-testid="who-can-subject" data-name={s.name}>
                <b className="font-medium">
                  {s.kind} {s.namespace ? `${s.namespace}/` : ""}
                  {s.name}
                </b>{" "}
                <span className="text-slate-500">
                  via {s.binding.kind} {s.binding.namespace ? `${s.binding.namespace}/` : ""}
                  {s.binding.name} ({s.roleRef.kind} {s.roleRef.name})
                </span>
              </li>
            ))}
            {who.subjects.length === 0 && <li className="text-slate-400">Nobody but system:masters.</li>}
          </ul>
          {who.evaluationError && <div className="mt-1 text-[11.5px] text-amber-700">Some roles could not be read: {who.evaluationError}</div>}
        </div>
      )}
    </div>
  );
}
