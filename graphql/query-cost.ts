// Why: depth alone does not bound work (wide aliases, big pages, nested lists); a static cost per field, multiplied by list sizes, refuses expensive operations before any resolver runs.

import { Kind, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import { badRequest } from "@/core/api/errors";
import { MAX_LIST_LIMIT } from "@/server/services/list-objects";
import { toGraphQLError } from "./errors";

/** The most an operation may cost by default: e.g. 5000 pods (a full page) of ~200 fields, or many smaller pages. */
export const MAX_QUERY_COST = 1_000_000;
/** What a list without a `limit` argument is assumed to hold (containers, conditions, kinds...). */
export const DEFAULT_LIST_SIZE = 10;

// Schema types are read duck-typed (names and strings, no instanceof): under vitest yoga's graphql and ours are two module copies.
interface FieldLike {
  type: unknown;
  args: readonly { name: string; defaultValue?: unknown }[];
}
interface CompositeLike {
  getFields(): Record<string, FieldLike>;
}

function composite(schema: GraphQLSchema, name: string | undefined): CompositeLike | undefined {
  const t = name ? (schema.getType(name) as unknown as Partial<CompositeLike> | undefined) : undefined;
  return t && typeof t.getFields === "function" ? (t as CompositeLike) : undefined;
}

/** `[Pod!]!` → { list: true, named: "Pod" }. */
function shape(type: unknown): { list: boolean; named: string } {
  const s = String(type).replace(/!$/, "");
  return { list: s.startsWith("["), named: s.replace(/[[\]!]/g, "") };
}

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!node) return undefined;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === "number" ? v : undefined;
  }
  return undefined;
}

/** The `limit` this field asks for: its argument, else the schema default, else the lists' cap when it takes one. */
function limitOf(field: FieldNode, def: FieldLike, variables: Record<string, unknown>): number | undefined {
  const arg = def.args.find((a) => a.name === "limit");
  if (!arg) return undefined;
  const given = intValue(field.arguments?.find((a) => a.name.value === "limit")?.value, variables);
  const fallback = typeof arg.defaultValue === "number" ? arg.defaultValue : MAX_LIST_LIMIT;
  return given !== undefined && given > 0 ? Math.min(given, MAX_LIST_LIMIT) : fallback;
}

interface Walk {
  schema: GraphQLSchema;
  doc: DocumentNode;
  variables: Record<string, unknown>;
}

/**
 * The cost of a selection set: each field costs 1 plus its children's cost times its size.
 * A list field's size is its own `limit`, else the `limit` of the field above that returned
 * the list's wrapper (`pods(limit: 50) { items { … } }`), else {@link DEFAULT_LIST_SIZE}.
 * Introspection (`__schema`, `__type`, `__typename`) is free: the schema bounds it.
 */
function costOf(w: Walk, set: SelectionSetNode, parent: CompositeLike | undefined, pending: number | undefined): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += costOf(w, sel.selectionSet, composite(w.schema, sel.typeCondition?.name.value) ?? parent, pending);
      continue;
    }
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = w.doc.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === sel.name.value);
      if (frag && frag.kind === Kind.FRAGMENT_DEFINITION) total += costOf(w, frag.selectionSet, composite(w.schema, frag.typeCondition.name.value), pending);
      continue;
    }
    if (sel.name.value.startsWith("__")) continue;
    const def = parent?.getFields()[sel.name.value];
    if (!def) continue;
    const { list, named } = shape(def.type);
    const limit = limitOf(sel, def, w.variables);
    const size = list ? (limit ?? pending ?? DEFAULT_LIST_SIZE) : 1;
    const childPending = list ? undefined : limit;
    const children = sel.selectionSet ? costOf(w, sel.selectionSet, composite(w.schema, named), childPending) : 0;
    total += 1 + size * children;
  }
  return total;
}

/** The static cost of the operation `operationName` (or the only one) of `doc`. */
export function queryCost(schema: GraphQLSchema, doc: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): number {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return 0;
  const root = op.operation === "query" ? schema.getQueryType() : op.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  return costOf({ schema, doc, variables }, op.selectionSet, (root ?? undefined) as CompositeLike | undefined, undefined);
}

/** The error of an operation over the limit: 400 BadRequest, with the figures in extensions. */
export function costError(cost: number, maxCost: number) {
  const e = toGraphQLError(badRequest(`query cost ${cost} exceeds the limit ${maxCost}`));
  Object.assign(e.extensions, { cost, maxCost });
  return e;
}

/** A yoga plugin refusing queries, mutations and subscriptions whose cost passes `maxCost` before they execute. */
export function costLimitPlugin(maxCost = MAX_QUERY_COST): Plugin {
  const check = (args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: unknown; operationName?: string | null }) => {
    const cost = queryCost(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName);
    return cost > maxCost ? costError(cost, maxCost) : undefined;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const err = check(args);
      if (err) setResultAndStopExecution({ errors: [err] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const err = check(args);
      if (err) setResultAndStopExecution({ errors: [err] });
    },
  };
}
