// Why: the resolver map handed to the schema, assembled from the per-operation-type files, each wrapped by the one error mapping.

import { mapTypeErrors } from "../errors";
import { JSONScalar } from "../json-scalar";
import { applyResultFields, deploymentGuardedFields, podGuardedFields, secretFields } from "./guarded-fields";
import { mutationResolvers } from "./mutation";
import { objectFieldResolvers } from "./object-fields";
import { overviewResolvers } from "./overview";
import { queryResolvers } from "./query";
import { subscriptionResolvers, watchEventResolvers } from "./subscription";

/** Every resolver of the schema in graphql/type-defs.ts. */
export const resolvers = {
  JSON: JSONScalar,
  Query: mapTypeErrors(queryResolvers),
  Mutation: mapTypeErrors(mutationResolvers),
  Subscription: mapTypeErrors(subscriptionResolvers),
  WatchEvent: watchEventResolvers,
  Overview: mapTypeErrors(overviewResolvers),
  ApplyResult: applyResultFields,
  ...objectFieldResolvers,
  Pod: { ...objectFieldResolvers.Pod, ...mapTypeErrors(podGuardedFields) },
  Deployment: { ...objectFieldResolvers.Deployment, ...mapTypeErrors(deploymentGuardedFields) },
  Secret: { ...objectFieldResolvers.Secret, ...mapTypeErrors(secretFields) },
};
