// Why: `kubectl get` asks for meta.k8s.io/v1 Table; this builds it from objects exactly as the apiserver's table convertor does.

import type { ResourceType } from "@/core/api/resources";
import type { KubeObject, ObjectMeta } from "@/core/api/types";
import type { TableColumnDefinition } from "./columns";
import { tableFor } from "./kind-tables";
import type { TableRowCondition } from "./printed-row";

/** The `includeObject` query parameter: what each row carries besides its cells. kubectl's default is Metadata. */
export type IncludeObject = "None" | "Metadata" | "Object";

/** The ListMeta of the Table: the list's resourceVersion and paging state. */
export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface TableOptions {
  /** Defaults to Metadata (a PartialObjectMetadata per row), as the apiserver does when the parameter is absent. */
  includeObject?: IncludeObject;
  /** Cluster time (ms) the AGE-like cells are computed against. */
  now: number;
  /** For a list, its metadata. Absent for a single object: the Table then carries that object's resourceVersion. */
  listMeta?: TableListMeta;
  /** Leave out columnDefinitions (null), as watch events after the first do. */
  noHeaders?: boolean;
}

/** A meta.k8s.io/v1 PartialObjectMetadata: only the object's metadata. */
export interface PartialObjectMetadata {
  kind: "PartialObjectMetadata";
  apiVersion: "meta.k8s.io/v1";
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  /** The object, its metadata, or null (includeObject=None). */
  object: KubeObject | PartialObjectMetadata | null;
}

/** A meta.k8s.io/v1 Table as it goes on the wire. */
export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: TableListMeta;
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

function rowObject(obj: KubeObject, include: IncludeObject): TableRow["object"] {
  if (include === "None") return null;
  if (include === "Object") return obj;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
}

function tableMeta(objects: readonly KubeObject[], listMeta: TableListMeta | undefined): TableListMeta {
  const src: TableListMeta = listMeta ?? (objects.length === 1 ? { resourceVersion: objects[0].metadata.resourceVersion } : {});
  const meta: TableListMeta = {};
  if (src.resourceVersion) meta.resourceVersion = src.resourceVersion;
  if (src.continue) meta.continue = src.continue;
  if (src.remainingItemCount !== undefined) meta.remainingItemCount = src.remainingItemCount;
  return meta;
}

/**
 * The Table for `objects` of `type`: every column (kubectl hides priority > 0 unless `-o wide`),
 * one row per object with the cells Kubernetes' printers compute, and the object or its
 * metadata per `includeObject`.
 */
export function toTable(type: ResourceType, objects: readonly KubeObject[], opts: TableOptions): Table {
  const { columns, print } = tableFor(type.group, type.kind);
  const include = opts.includeObject ?? "Metadata";
  const rows = objects.map((obj): TableRow => {
    const printed = print(obj, opts.now);
    const row: TableRow = { cells: printed.cells, object: rowObject(obj, include) };
    if (printed.conditions?.length) row.conditions = printed.conditions;
    return row;
  });
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: tableMeta(objects, opts.listMeta),
    columnDefinitions: opts.noHeaders ? null : columns.map((c) => ({ ...c })),
    rows,
  };
}

export interface WatchTableOptions {
  includeObject?: IncludeObject;
  now: number;
  /** True for the first event of a watch only: later events carry no columnDefinitions. */
  headers: boolean;
}

/**
 * The object of one watch event when the client asked for Tables (`kubectl get -w`): a
 * one-row Table with the object's resourceVersion.
 */
export function tableForWatchEvent(type: ResourceType, object: KubeObject, opts: WatchTableOptions): Table {
  return toTable(type, [object], { includeObject: opts.includeObject, now: opts.now, noHeaders: !opts.headers });
}
