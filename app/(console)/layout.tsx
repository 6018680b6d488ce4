// Why: the console frame: dark sidebar with navigation, a top bar with the namespace switcher, and the page.
import { Suspense } from "react";
import Link from "next/link";
import { connection } from "next/server";
import { getRuntime } from "@/server/runtime/runtime";
import type { UserInfo } from "@/core/apiserver/types";
import { consoleUser } from "@/app/lib/server/console-user";
import { UserMenu } from "@/app/components/user-menu";
import { listVisible } from "@/server/services";
import { SidebarNav } from "@/app/components/sidebar-nav";
import { consolePermissions } from "@/app/lib/server/permissions";
import { NamespaceSwitcher } from "@/app/components/namespace-switcher";
import { ClusterClockProvider } from "@/app/components/use-now";

/**
 * Namespace names for the switcher (all of them for a user who may list namespaces, else those
 * they may get by name) and the cluster's clock for ages; empty when the cluster is not up.
 */
async function clusterInfo(user: UserInfo): Promise<{ namespaces: string[]; now: number; speed: number }> {
  try {
    const rt = await getRuntime();
    const list = listVisible(rt, user, "namespaces");
    return { namespaces: list.items.map((n) => n.metadata.name ?? "").sort(), now: rt.clock.now(), speed: rt.clockSpeed };
  } catch {
    return { namespaces: [], now: Date.now(), speed: 1 };
  }
}

/** The teams a user belongs to: their groups without Kubernetes' system: groups. */
function teamsOf(user: UserInfo): string[] {
  return user.groups.filter((g) => !g.startsWith("system:"));
}

/** Sidebar + top bar around every console page; without a session, the login page instead. */
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const user = await consoleUser();
  const { namespaces, now, speed } = await clusterInfo(user);
  return (
    <div className="flex h-screen overflow-hidden">
      <aside className="flex w-56 shrink-0 flex-col bg-slate-900 text-slate-200">
        <Link href="/" className="flex h-12 items-center gap-2.5 border-b border-white/10 px-4">
          <svg viewBox="0 0 32 32" className="h-6 w-6 text-sky-400" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
            <circle cx="16" cy="16" r="11" />
            <circle cx="16" cy="16" r="3.5" />
            {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
              <line key={a} x1="16" y1="12.5" x2="16" y2="3" transform={`rotate(${a} 16 16)`} />
            ))}
          </svg>
          <span className="text-[15px] font-semibold tracking-tight text-white">Wheelhouse</span>
        </Link>
        <Suspense>
          <SidebarNav sections={(await consolePermissions()).sections()} />
        </Suspense>
        <div className="mt-auto border-t border-white/10 px-4 py-3 text-[11px] text-slate-500">
          Signed in as <span className="text-slate-300">{user.name}</span>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-12 shrink-0 items-center justify-between border-b border-slate-200 bg-white px-5">
          <div className="text-[12px] text-slate-500">
            Cluster <span className="font-medium text-slate-700">wheelhouse</span>
          </div>
          <div className="flex items-center gap-4">
            <Suspense>
              <NamespaceSwitcher namespaces={namespaces} />
            </Suspense>
            <UserMenu name={user.name} teams={teamsOf(user)} />
          </div>
        </header>
        <main className="flex min-h-0 flex-1 flex-col overflow-auto px-5 py-4">
          <ClusterClockProvider now={now} speed={speed}>
            {children}
          </ClusterClockProvider>
        </main>
      </div>
    </div>
  );
}
