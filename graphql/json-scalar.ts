// Why: labels, annotations and whole objects travel as JSON values rather than being retyped field by field in GraphQL.

import { GraphQLScalarType, valueFromASTUntyped } from "graphql";

/** Any JSON value, passed through unchanged. */
export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value",
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables ?? undefined),
});
