// Why: the shape every row printer returns, shared by the per-kind printers and the Table builder.

import type { KubeObject } from "@/core/api/types";
import type { TableColumnDefinition } from "./columns";

/** A `meta.k8s.io/v1` TableRowCondition (pods that finished carry `Completed`). */
export interface TableRowCondition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
}

/** The cells of one object's row, in column order (all columns, wide ones included), and its row conditions. */
export interface PrintedRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
}

/** Prints one object's row at cluster time `now` (ms). */
export type RowPrinter = (obj: KubeObject, now: number) => PrintedRow;

/** A kind's columns together with the printer of its rows. */
export interface KindTable {
  columns: readonly TableColumnDefinition[];
  print: RowPrinter;
}
