"use client";
// Why: the console's left navigation; links keep the selected namespace (`?namespace=`) as users move between views.

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";

interface Item {
  href: string;
  label: string;
  icon: ReactNode;
  /** Cluster-scoped views drop the namespace from their link. */
  clusterScoped?: boolean;
}

const icon = (d: string) => (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" className="h-4 w-4 shrink-0" aria-hidden>
    <path d={d} />
  </svg>
);

const SECTIONS: { title: string; items: Item[] }[] = [
  {
    title: "Cluster",
    items: [
      { href: "/", label: "Overview", icon: icon("M3 12l9-8 9 8M5 10v10h5v-6h4v6h5V10") },
      { href: "/nodes", label: "Nodes", icon: icon("M4 5h16v5H4zM4 14h16v5H4zM7.5 7.5h.01M7.5 16.5h.01"), clusterScoped: true },
      { href: "/events", label: "Events", icon: icon("M12 8v4l2.5 2.5M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z") },
    ],
  },
  {
    title: "Workloads",
    items: [
      { href: "/pods", label: "Pods", icon: icon("M12 3l8 4.5v9L12 21l-8-4.5v-9L12 3zM12 12l8-4.5M12 12v9M12 12L4 7.5") },
      { href: "/deployments", label: "Deployments", icon: icon("M4 7h10v10H4zM8 3h12v12M14 11h2") },
      { href: "/replicasets", label: "ReplicaSets", icon: icon("M6 6h8v8H6zM10 10h8v8h-8z") },
    ],
  },
  {
    title: "Tools",
    items: [{ href: "/apply", label: "Apply YAML", icon: icon("M8 8l-4 4 4 4M16 8l4 4-4 4M13.5 5l-3 14") }],
  },
];

/** Navigation links, highlighted for the current section. */
export function SidebarNav() {
  const pathname = usePathname();
  const params = useSearchParams();
  const ns = params.get("namespace");
  return (
    <nav className="flex flex-col gap-5 px-3 py-4" aria-label="Main">
      {SECTIONS.map((s) => (
        <div key={s.title}>
          <div className="px-2 pb-1.5 text-[10.5px] font-semibold uppercase tracking-wider text-slate-500">{s.title}</div>
          <ul className="flex flex-col gap-0.5">
            {s.items.map((it) => {
              const active = it.href === "/" ? pathname === "/" : pathname === it.href || pathname.startsWith(`${it.href}/`);
              const href = ns && !it.clusterScoped ? `${it.href}?namespace=${encodeURIComponent(ns)}` : it.href;
              return (
                <li key={it.href}>
                  <Link
                    href={href}
                    data-testid={`nav-${it.label.toLowerCase().replace(/\s+/g, "-")}`}
                    aria-current={active ? "page" : undefined}
                    className={`flex items-center gap-2.5 rounded-md px-2 py-1.5 text-[13px] transition-colors ${
                      active ? "bg-sky-500/15 font-medium text-white" : "text-slate-300 hover:bg-white/5 hover:text-white"
                    }`}
                  >
                    <span className={active ? "text-sky-400" : "text-slate-400"}>{it.icon}</span>
                    {it.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
