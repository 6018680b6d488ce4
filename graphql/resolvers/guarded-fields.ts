// Why: some fields read more than their parent object (a Secret's values, a pod's logs, an object's events); each checks its own permission, as a separate Kubernetes request would be.

import { resourceTypeByPlural } from "@/core/api/resources";
import type { CoreEvent, KubeObject } from "@/core/api/types";
import { checkLimit } from "@/server/services/list-objects";
import { compareEventsNewestFirst } from "@/server/services/summaries/event-summary";
import { toYaml } from "@/server/services/to-yaml";
import { clientOf } from "../access";
import type { GraphQLContext } from "../context";
import { readPodLogs } from "./direct-reads";
import { mayReadSecretData, visibleObject } from "./secret-data";

const EVENTS = resourceTypeByPlural("", "events")!;

type SecretObject = KubeObject & { type?: string; data?: Record<string, string> };

/**
 * The events of an object (kubectl describe's Events): `list events` in its namespace, else a
 * Forbidden field error. Newest first, at most `limit`.
 */
function eventsOf(kind: string) {
  return (o: KubeObject, a: { limit?: number | null }, ctx: GraphQLContext): CoreEvent[] => {
    const limit = a.limit ?? undefined;
    checkLimit(limit);
    const fieldSelector = `involvedObject.kind=${kind},involvedObject.name=${o.metadata.name ?? ""}`;
    const items = clientOf(ctx).list<CoreEvent>(EVENTS, { namespace: o.metadata.namespace ?? "default", fieldSelector }).items;
    const events = [...items].sort(compareEventsNewestFirst).slice(0, limit);
    ctx.budget.charge(events.length);
    return events;
  };
}

/** Secret's own fields: values only with `get secrets` on it (else null, no error); raw and yaml lose them the same way. */
export const secretFields = {
  type: (s: SecretObject) => s.type ?? "Opaque",
  keys: (s: SecretObject) => Object.keys(s.data ?? {}).sort(),
  data: (s: SecretObject, _a: unknown, ctx: GraphQLContext) => (mayReadSecretData(ctx, s) ? (s.data ?? {}) : null),
  raw: (s: SecretObject, _a: unknown, ctx: GraphQLContext) => visibleObject(ctx, s),
  yaml: (s: SecretObject, _a: unknown, ctx: GraphQLContext) => toYaml(visibleObject(ctx, s)),
};

/** Pod fields needing `get pods/log` or `list events`; a refusal is a Forbidden error on that field only. */
export const podGuardedFields = {
  logs: (p: KubeObject, a: { container?: string | null; tailLines?: number | null; previous?: boolean | null }, ctx: GraphQLContext) =>
    readPodLogs(ctx, p.metadata.namespace, p.metadata.name ?? "", a.container ?? undefined, {
      ...(a.tailLines != null && a.tailLines >= 0 ? { tailLines: a.tailLines } : {}),
      ...(a.previous ? { previous: true } : {}),
    }),
  events: eventsOf("Pod"),
};

/** Deployment fields needing `list events`. */
export const deploymentGuardedFields = { events: eventsOf("Deployment") };

/** ApplyResult.object: a Secret's values only for users who may get it. */
export const applyResultFields = {
  object: (r: { object: KubeObject }, _a: unknown, ctx: GraphQLContext) => visibleObject(ctx, r.object),
};
