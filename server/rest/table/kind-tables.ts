// Why: one lookup from a kind to its Table columns and row printer: the served kinds, the kinds planned next, then Name/Age.

import { COLUMNS, DEFAULT_COLUMNS } from "./columns";
import { CLUSTER_TABLES } from "./cluster-tables";
import type { KindTable } from "./printed-row";
import { PRINTERS, defaultRow } from "./printers";
import { WORKLOAD_TABLES } from "./workload-tables";

/**
 * The columns and printer for `group`/`kind`, as Kubernetes' printers define them; a kind
 * with no printer gets Name and Age, as a custom resource without printer columns does.
 */
export function tableFor(group: string, kind: string): KindTable {
  const key = `${group}/${kind}`;
  if (key in COLUMNS && key in PRINTERS) return { columns: COLUMNS[key], print: PRINTERS[key] };
  return WORKLOAD_TABLES[key] ?? CLUSTER_TABLES[key] ?? { columns: DEFAULT_COLUMNS, print: defaultRow };
}
