// Why: a recursive query can make the server do unbounded work; a validation rule refuses operations nested deeper than a limit before any resolver runs.

import { createGraphQLError } from "graphql-yoga";
import { Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from "graphql";

/** The deepest selection nesting allowed for ordinary fields (`{ pods { items { metadata { name } } } }` is 4). */
export const MAX_QUERY_DEPTH = 10;
/** Introspection (GraphiQL, codegen) nests `ofType` deeply; it gets its own, larger limit. */
export const MAX_INTROSPECTION_DEPTH = 20;

function depthOf(ctx: ValidationContext, set: SelectionSetNode, seen: Set<string>): number {
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      max = Math.max(max, sel.selectionSet ? 1 + depthOf(ctx, sel.selectionSet, seen) : 1);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(ctx, sel.selectionSet, seen));
    } else {
      const name = sel.name.value;
      const frag = ctx.getFragment(name);
      if (!frag || seen.has(name)) continue;
      seen.add(name);
      max = Math.max(max, depthOf(ctx, frag.selectionSet, seen));
      seen.delete(name);
    }
  }
  return max;
}

/** A validation rule refusing operations deeper than `maxDepth` (introspection fields: `maxIntrospectionDepth`). */
export function depthLimit(maxDepth = MAX_QUERY_DEPTH, maxIntrospectionDepth = MAX_INTROSPECTION_DEPTH): ValidationRule {
  return (ctx: ValidationContext): ASTVisitor => ({
    OperationDefinition(op) {
      for (const sel of op.selectionSet.selections) {
        const single: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [sel] };
        const depth = depthOf(ctx, single, new Set());
        const introspection = sel.kind === Kind.FIELD && sel.name.value.startsWith("__");
        const limit = introspection ? maxIntrospectionDepth : maxDepth;
        if (depth > limit) {
          const name = op.name ? `'${op.name.value}'` : "the operation";
          ctx.reportError(
            createGraphQLError(`${name} has depth ${depth}, which exceeds the maximum depth of ${limit}`, {
              nodes: [sel],
              extensions: { code: "BadRequest", depth, maxDepth: limit },
            }),
          );
        }
      }
    },
  });
}
