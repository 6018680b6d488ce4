// Why: the shape every row printer returns, shared by the per-kind printers and the Table builder.

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
