"use client";
// Why: a failed read (apiserver down, forbidden) shows a readable message inside the console frame instead of a blank page.

/** The console's error boundary. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-md border border-rose-200 bg-white p-5 shadow-sm" data-testid="console-error">
      <h1 className="text-[15px] font-semibold text-rose-700">Something went wrong</h1>
      <p className="mt-1 text-[12.5px] text-slate-600">{error.message || "The server could not render this page."}</p>
      {error.digest && <p className="mt-1 font-mono text-[11px] text-slate-400">digest {error.digest}</p>}
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-sky-600 px-3 py-1.5 text-[12.5px] font-medium text-white hover:bg-sky-700">
        Try again
      </button>
    </div>
  );
}
