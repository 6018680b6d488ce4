// Why: an object that does not exist (or no longer does) gets Kubernetes' wording inside the console frame.
import Link from "next/link";

/** 404 inside the console. */
export default function NotFound() {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-md border border-slate-200 bg-white p-5 text-center shadow-sm" data-testid="not-found">
      <h1 className="text-[15px] font-semibold text-slate-800">Not found</h1>
      <p className="mt-1 text-[12.5px] text-slate-600">The object does not exist, or was deleted.</p>
      <Link href="/" className="mt-4 inline-block text-[12.5px] text-sky-700 hover:underline">
        Back to the overview
      </Link>
    </div>
  );
}
