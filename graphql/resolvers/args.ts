// Why: GraphQL checks argument types; zod checks what GraphQL cannot (page sizes, counts) with field paths in the error.

import { z } from "zod";
import { MAX_LIST_LIMIT } from "@/server/services/list-objects";

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v || undefined);

/** Arguments of the list queries (pods, deployments, nodes...). Limit defaults to the cap so lists are always paged. */
export const listArgs = z.object({
  namespace: optionalString,
  labelSelector: optionalString,
  fieldSelector: optionalString,
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIST_LIMIT, { message: `must be at most ${MAX_LIST_LIMIT}` })
    .nullish()
    .transform((v) => v ?? MAX_LIST_LIMIT),
  continue: optionalString,
});

export const eventsArgs = listArgs.pick({ namespace: true, fieldSelector: true, limit: true });

export const logArgs = z.object({
  namespace: optionalString,
  name: z.string().min(1),
  container: optionalString,
  tailLines: z.number().int().min(-1).nullish().transform((v) => (v === -1 ? undefined : (v ?? undefined))),
  previous: z.boolean().nullish().transform((v) => v ?? undefined),
  timestamps: z.boolean().nullish().transform((v) => v ?? undefined),
  sinceSeconds: z.number().int().min(1).nullish().transform((v) => v ?? undefined),
  limitBytes: z.number().int().min(1).nullish().transform((v) => v ?? undefined),
});

export const deleteArgs = z.object({
  apiVersion: optionalString,
  kind: z.string().min(1),
  namespace: optionalString,
  name: z.string().min(1),
  propagationPolicy: z.enum(["Background", "Foreground", "Orphan"]).nullish().transform((v) => v ?? undefined),
  gracePeriodSeconds: z.number().int().min(0).nullish().transform((v) => v ?? undefined),
  dryRun: z.boolean().nullish().transform((v) => v ?? undefined),
});

export const watchArgs = z.object({
  kind: z.string().min(1),
  namespace: optionalString,
  labelSelector: optionalString,
  fieldSelector: optionalString,
  resourceVersion: optionalString,
});
