// Why: the resolver map handed to the schema, assembled from the per-operation-type files.

import { JSONScalar } from "../json-scalar";
import { mutationResolvers } from "./mutation";
import { objectFieldResolvers } from "./object-fields";
import { queryResolvers } from "./query";
import { subscriptionResolvers, watchEventResolvers } from "./subscription";

/** Every resolver of the schema in graphql/type-defs.ts. */
export const resolvers = {
  JSON: JSONScalar,
  Query: queryResolvers,
  Mutation: mutationResolvers,
  Subscription: subscriptionResolvers,
  WatchEvent: watchEventResolvers,
  ...objectFieldResolvers,
};
