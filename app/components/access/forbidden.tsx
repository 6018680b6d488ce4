// Why: a page the signed-in user may not read says so in Kubernetes' words (who, which verb, which resource, where), inside the console frame, instead of crashing or pretending the object is missing.
import Link from "next/link";
import type { ApiFailure } from "@/app/lib/server/api-failure";

/** The 403 panel: "Forbidden" and the apiserver's message. */
export function Forbidden({ failure, what }: { failure: Pick<ApiFailure, "message" | "code" | "reason">; what?: string }) {
  return (
    <div className="mx-auto mt-16 max-w-xl rounded-md border border-amber-300 bg-white p-5 shadow-sm" data-testid="forbidden" role="alert">
      <div className="flex items-baseline gap-2">
        <h1 className="text-[15px] font-semibold text-amber-800">Forbidden</h1>
        <span className="font-mono text-[11px] text-slate-400">
          {failure.code} {failure.reason}
        </span>
      </div>
      <p className="mt-1 text-[12.5px] text-slate-600">{what ?? "You are not allowed to see this page."} Ask an administrator for a role binding that grants it.</p>
      <p className="mt-3 rounded bg-slate-50 px-3 py-2 font-mono text-[11.5px] leading-relaxed text-slate-700" data-testid="forbidden-message">
        {failure.message}
      </p>
      <div className="mt-4 flex gap-4 text-[12.5px]">
        <Link href="/access" className="text-sky-700 hover:underline">
          What may I do?
        </Link>
        <Link href="/" className="text-sky-700 hover:underline">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}

/** A section of a page the user may not read: one line with the apiserver's message. */
export function ForbiddenNote({ failure }: { failure: Pick<ApiFailure, "message"> }) {
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-[12px] text-amber-900" data-testid="forbidden-note">
      {failure.message}
    </div>
  );
}
