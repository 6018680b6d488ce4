"use client";
// Why: one namespace selector for the whole console, kept in the URL (`?namespace=`) so views are shareable and reload-safe.

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** "All namespaces" or one; changing it navigates to the same view with the new `?namespace=`. */
export function NamespaceSwitcher({ namespaces }: { namespaces: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const current = params.get("namespace") ?? "";
  // Detail pages are per object: switching namespace goes back to the list.
  const base = pathname.split("/").slice(0, 2).join("/") || "/";
  const options = current && !namespaces.includes(current) ? [...namespaces, current].sort() : namespaces;
  return (
    <label className="flex items-center gap-2 text-[12px] text-slate-500">
      <span>Namespace</span>
      <select
        data-testid="namespace-switcher"
        value={current}
        onChange={(e) => {
          const next = new URLSearchParams(params.toString());
          if (e.target.value) next.set("namespace", e.target.value);
          else next.delete("namespace");
          const q = next.toString();
          router.push(`${base}${q ? `?${q}` : ""}`);
        }}
        className="h-7 min-w-44 rounded border border-slate-300 bg-white px-2 text-[12.5px] text-slate-800 outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20"
      >
        <option value="">All namespaces</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
