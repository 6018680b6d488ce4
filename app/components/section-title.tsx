// Why: a small heading between the stacked tables of a detail page.
import type { ReactNode } from "react";

/** "Events", "Pods", "ReplicaSets" above an embedded list. */
export function SectionTitle({ children }: { children: ReactNode }) {
  return <h2 className="mb-1.5 mt-4 text-[13px] font-semibold text-slate-800">{children}</h2>;
}
