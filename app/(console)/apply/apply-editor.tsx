"use client";
// Why: `kubectl apply -f` in the browser: a YAML editor, Apply and server-side Dry run, a result per document, and errors that point at the document and field.

import { useRef, useState, useTransition } from "react";
import Link from "next/link";
import CodeMirror, { EditorSelection, EditorView, type ReactCodeMirrorRef } from "@uiw/react-codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { applyAction, type AppliedDocument } from "@/app/lib/server/actions";
import type { ApiFailure } from "@/app/lib/server/api-failure";
import { documentIndexOf, documentStartLines, fieldLine } from "@/app/lib/manifest-documents";
import { objectHref } from "@/app/lib/hrefs";

const EXTENSIONS = [yaml(), EditorView.lineWrapping];

type Outcome = { kind: "ok"; dryRun: boolean; docs: AppliedDocument[] } | { kind: "error"; dryRun: boolean; error: ApiFailure };

function detailHref(d: AppliedDocument): string | undefined {
  if (d.kind === "Pod") return objectHref("pods", d.namespace, d.name);
  if (d.kind === "Deployment") return objectHref("deployments", d.namespace, d.name);
  return undefined;
}

/** The editor with its toolbar and results. */
export function ApplyEditor({ initialText, namespace }: { initialText: string; namespace: string }) {
  const [text, setText] = useState(initialText);
  const [outcome, setOutcome] = useState<Outcome>();
  const [pending, start] = useTransition();
  const [running, setRunning] = useState<"apply" | "dry">();
  const cm = useRef<ReactCodeMirrorRef>(null);

  const run = (dryRun: boolean) => {
    setRunning(dryRun ? "dry" : "apply");
    start(async () => {
      const r = await applyAction(text, dryRun, namespace);
      setOutcome(r.ok ? { kind: "ok", dryRun, docs: r.value } : { kind: "error", dryRun, error: r.error });
      setRunning(undefined);
    });
  };

  const goToLine = (line: number | undefined) => {
    const view = cm.current?.view;
    if (!line || !view) return;
    const l = view.state.doc.line(Math.min(line, view.state.doc.lines));
    view.dispatch({ selection: EditorSelection.range(l.from, l.to), scrollIntoView: true });
    view.focus();
  };
  const goToDocument = (index: number) => goToLine(documentStartLines(text)[index]);

  const errDoc = outcome?.kind === "error" ? documentIndexOf(outcome.error.message) : undefined;
  const btn = "h-8 rounded-md px-3.5 text-[12.5px] font-medium shadow-sm disabled:opacity-50";

  return (
    <div className="grid min-h-0 flex-1 grid-cols-1 gap-3 xl:grid-cols-[minmax(0,1.6fr)_minmax(320px,1fr)]">
      <div className="flex min-h-[420px] flex-col overflow-hidden rounded-md border border-slate-200 bg-white shadow-sm">
        <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
          <span className="text-[12.5px] font-semibold text-slate-800">Manifest</span>
          <span className="text-[11.5px] text-slate-500">
            Objects without a namespace go to <b className="font-medium text-slate-700">{namespace}</b>. Separate documents with <code className="font-mono">---</code>.
          </span>
          <label className="ml-auto cursor-pointer rounded border border-slate-300 bg-white px-2 py-1 text-[12px] text-slate-700 hover:bg-slate-50">
            Load file
            <input
              type="file"
              data-testid="apply-file"
              accept=".yaml,.yml,.json,text/yaml,application/json"
              className="hidden"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                if (f) setText(await f.text());
                e.target.value = "";
              }}
            />
          </label>
        </div>
        <div className="min-h-0 flex-1 overflow-auto" data-testid="yaml-editor">
          <CodeMirror
            ref={cm}
            value={text}
            height="100%"
            className="h-full"
            extensions={EXTENSIONS}
            onChange={setText}
            basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false }}
            onKeyDown={(e) => {
              if ((e.metaKey || e.ctrlKey) && e.key === "Enter") {
                e.preventDefault();
                run(false);
              }
            }}
          />
        </div>
        <div className="flex items-center gap-2 border-t border-slate-200 bg-slate-50 px-3 py-2">
          <button type="button" data-testid="apply-button" disabled={pending} onClick={() => run(false)} className={`${btn} bg-sky-600 text-white hover:bg-sky-700`}>
            {running === "apply" ? "Applying…" : "Apply"}
          </button>
          <button type="button" data-testid="dry-run-button" disabled={pending} onClick={() => run(true)} className={`${btn} border border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}>
            {running === "dry" ? "Checking…" : "Dry run"}
          </button>
          <span className="text-[11.5px] text-slate-400">Ctrl+Enter applies</span>
        </div>
      </div>

      <div className="flex min-w-0 flex-col gap-3">
        {!outcome && (
          <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-[12.5px] text-slate-500">
            Results appear here. <b className="font-medium">Dry run</b> validates and defaults every document on the server without storing anything.
          </div>
        )}
        {outcome?.kind === "ok" && (
          <section className="overflow-hidden rounded-md border border-emerald-200 bg-white shadow-sm" data-testid="apply-results">
            <header className="border-b border-emerald-200 bg-emerald-50 px-3 py-2 text-[12.5px] font-semibold text-emerald-800">
              {outcome.dryRun ? "Dry run passed" : "Applied"} · {outcome.docs.length} {outcome.docs.length === 1 ? "object" : "objects"}
            </header>
            <ul className="divide-y divide-slate-100">
              {outcome.docs.map((d) => {
                const href = outcome.dryRun ? undefined : detailHref(d);
                const label = `${d.kind.toLowerCase()}${d.apiVersion.includes("/") ? `.${d.apiVersion.split("/")[0]}` : ""}/${d.name}`;
                return (
                  <li key={d.index} data-testid="apply-result" data-kind={d.kind} data-name={d.name} data-action={d.action} className="flex items-center gap-2 px-3 py-2 text-[12.5px]">
                    <span className="w-6 text-right text-[11px] text-slate-400">#{d.index + 1}</span>
                    {href ? (
                      <Link href={href} className="font-mono text-sky-700 hover:underline">
                        {label}
                      </Link>
                    ) : (
                      <span className="font-mono text-slate-800">{label}</span>
                    )}
                    <span className="text-slate-700">
                      {d.action}
                      {outcome.dryRun ? " (server dry run)" : ""}
                    </span>
                    {d.namespace && <span className="ml-auto text-[11.5px] text-slate-500">{d.namespace}</span>}
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        {outcome?.kind === "error" && (
          <section className="overflow-hidden rounded-md border border-rose-200 bg-white shadow-sm" data-testid="apply-error">
            <header className="flex items-center gap-2 border-b border-rose-200 bg-rose-50 px-3 py-2 text-[12.5px] font-semibold text-rose-800">
              {outcome.dryRun ? "Dry run failed" : "Apply failed"}
              <span className="font-normal text-rose-600">
                {outcome.error.reason} ({outcome.error.code})
              </span>
              {errDoc !== undefined && (
                <button type="button" onClick={() => goToDocument(errDoc)} className="ml-auto rounded border border-rose-300 bg-white px-2 py-0.5 text-[11.5px] font-medium text-rose-700 hover:bg-rose-50">
                  Go to document {errDoc + 1}
                </button>
              )}
            </header>
            <p className="whitespace-pre-wrap break-words px-3 py-2 font-mono text-[12px] text-rose-900" data-testid="apply-error-message">
              {outcome.error.message}
            </p>
            {outcome.error.causes && outcome.error.causes.length > 0 && (
              <ul className="border-t border-rose-100 px-3 py-2 text-[12px]">
                {outcome.error.causes.map((c, i) => (
                  <li key={i} className="flex items-start gap-2 py-0.5" data-testid="apply-error-cause" data-field={c.field}>
                    {c.field &&
                      (errDoc !== undefined ? (
                        <button
                          type="button"
                          title="Show in the editor"
                          onClick={() => goToLine(fieldLine(text, errDoc, c.field!) ?? documentStartLines(text)[errDoc])}
                          className="shrink-0 rounded bg-rose-50 px-1 text-left font-mono text-rose-800 hover:bg-rose-100 hover:underline"
                        >
                          {c.field}
                        </button>
                      ) : (
                        <code className="shrink-0 rounded bg-rose-50 px-1 font-mono text-rose-800">{c.field}</code>
                      ))}
                    <span className="text-slate-700">{c.message}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="border-t border-rose-100 px-3 py-1.5 text-[11.5px] text-slate-500">Nothing was stored: every document is validated before any is applied.</p>
          </section>
        )}
      </div>
    </div>
  );
}
