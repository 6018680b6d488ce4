"use client";
// Why: the console's left navigation; links keep the selected namespace (`?namespace=`) as users move between views.

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import type { ConsoleSections } from "@/app/lib/server/permissions";

interface Item {
  href: string;
  label: string;
  icon: ReactNode;
  /** Cluster-scoped views drop the namespace from their link. */
  clusterScoped?: boolean;
  /** Shown only when the user may use this section (from the server's permissions). */
  section?: keyof ConsoleSections;
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
  {
    title: "Access",
    items: [
      { href: "/access", label: "Access", icon: icon("M12 3l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V6l7-3zM9.5 12l2 2 3.5-4"), section: "access" },
      { href: "/admin/users", label: "Users", icon: icon("M16 19v-1a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v1M10 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM20 19v-1a4 4 0 0 0-3-3.9M15 4.1a3 3 0 0 1 0 5.8"), clusterScoped: true, section: "users" },
      { href: "/admin/teams", label: "Teams", icon: icon("M4 7h16M4 12h16M4 17h10"), clusterScoped: true, section: "teams" },
      { href: "/tokens", label: "Tokens", icon: icon("M15 7a4 4 0 1 1-3.9 5H4v3H2v-5h9.1A4 4 0 0 1 15 7zM15 11h.01"), clusterScoped: true, section: "tokens" },
      { href: "/audit", label: "Audit log", icon: icon("M8 4h8l4 4v12H4V4h4zM8 12h8M8 16h5"), clusterScoped: true, section: "audit" },
    ],
  },
];

/** Navigation links, highlighted for the current section; entries with a `section` appear only when `sections` allows it. */
export function SidebarNav({ sections }: { sections?: ConsoleSections }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const ns = params.get("namespace");
  const visible = SECTIONS.map((s) => ({ ...s, items: s.items.filter((it) => !it.section || sections?.[it.section]) })).filter((s) => s.items.length > 0);
  return (
    <nav className="flex flex-col gap-5 px-3 py-4" aria-label="Main">
      {visible.map((s) => (
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
