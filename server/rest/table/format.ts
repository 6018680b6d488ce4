// Why: the small string formats kubectl's printers share (label maps, selectors, host:port lists), written the way apimachinery renders them.

import type { LabelSelector } from "@/core/api/types";

/** labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels![k]}`).join(",");
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key, set values sorted,
 * `""` for a missing or empty selector (everything / nothing print the same).
 */
export function labelSelectorString(sel: LabelSelector | undefined | null): string {
  if (!sel) return "";
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...new Set(e.values ?? [])].sort().join(",");
    const op = e.operator;
    if (op === "In") reqs.push({ key: e.key, text: `${e.key} in (${values})` });
    else if (op === "NotIn") reqs.push({ key: e.key, text: `${e.key} notin (${values})` });
    else if (op === "Exists") reqs.push({ key: e.key, text: e.key });
    else if (op === "DoesNotExist") reqs.push({ key: e.key, text: `!${e.key}` });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(",");
}

/** metav1.FormatLabelSelector: as {@link labelSelectorString}, `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  return labelSelectorString(sel) || "<none>";
}

/** net.JoinHostPort: IPv6 addresses in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

interface EndpointSubset {
  addresses?: { ip: string }[];
  ports?: { name?: string; port: number }[];
}

/** The ENDPOINTS column: up to three `ip:port`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(subsets: EndpointSubset[] | undefined): string {
  if (!subsets || subsets.length === 0) return "<none>";
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}
