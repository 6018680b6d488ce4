// Why: users trust a live list only if they can see it is live; a small dot says Live, Reconnecting or Re-listing.
import type { WatchState } from "@/app/lib/use-watch-stream";

const LABEL: Record<WatchState, string> = { connecting: "Connecting", live: "Live", reconnecting: "Reconnecting", relisting: "Re-listing", forbidden: "Not permitted" };

/** The watch connection state of a list or detail page. */
export function LiveIndicator({ state, error }: { state: WatchState; error?: string }) {
  const live = state === "live";
  return (
    <span data-testid="live-indicator" data-state={state} title={error ?? LABEL[state]} className="inline-flex items-center gap-1.5 text-[11.5px] text-slate-500">
      <span className="relative flex h-2 w-2">
        {live && <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60" />}
        <span className={`relative inline-flex h-2 w-2 rounded-full ${live ? "bg-emerald-500" : state === "connecting" ? "bg-slate-400" : "bg-amber-500"}`} />
      </span>
      {LABEL[state]}
    </span>
  );
}
