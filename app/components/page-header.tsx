// Why: the same title row on every page: a title, an optional breadcrumb and subtitle, and actions on the right.
import Link from "next/link";
import type { ReactNode } from "react";

/** Page title with breadcrumb links (`[{ label: "Pods", href: "/pods" }]`). */
export function PageHeader({ title, crumbs, subtitle, actions }: { title: ReactNode; crumbs?: { label: string; href: string }[]; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-3 flex shrink-0 items-end justify-between gap-4">
      <div className="min-w-0">
        {crumbs && crumbs.length > 0 && (
          <nav className="mb-0.5 flex items-center gap-1 text-[12px] text-slate-500" aria-label="Breadcrumb">
            {crumbs.map((c) => (
              <span key={c.href} className="flex items-center gap-1">
                <Link href={c.href} className="hover:text-sky-700 hover:underline">
                  {c.label}
                </Link>
                <span className="text-slate-300">/</span>
              </span>
            ))}
          </nav>
        )}
        <h1 className="truncate text-[19px] font-semibold tracking-tight text-slate-900">{title}</h1>
        {subtitle && <div className="mt-0.5 text-[12.5px] text-slate-500">{subtitle}</div>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  );
}
