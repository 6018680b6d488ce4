// Why: people and scripts name kinds many ways (Pod, pods, po, deployments.apps, apps/v1 Deployment); one lookup turns any of them into a ResourceType.

import { ApiError } from "@/core/api/errors";
import { RESOURCE_TYPES, resourceTypeFor, type ResourceType } from "@/core/api/resources";

function unknownKind(what: string): ApiError {
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `the server doesn't have a resource type "${what}"`,
    reason: "NotFound",
    code: 404,
    details: { kind: what },
  });
}

/**
 * The served type for `kind`, given as kubectl accepts it: kind (`Deployment`), plural
 * (`deployments`), singular, short name (`deploy`), or qualified (`deployments.apps`).
 * With `apiVersion`, the kind must be served in that version. Unknown: 404 NotFound.
 */
export function resolveKind(kind: string | ResourceType, apiVersion?: string): ResourceType {
  if (typeof kind !== "string") return kind;
  if (apiVersion) {
    const t = resourceTypeFor(apiVersion, kind);
    if (!t) throw unknownKind(`${apiVersion}, Kind=${kind}`);
    return t;
  }
  const dot = kind.indexOf(".");
  const name = (dot < 0 ? kind : kind.slice(0, dot)).toLowerCase();
  const group = dot < 0 ? undefined : kind.slice(dot + 1);
  const matches = RESOURCE_TYPES.filter(
    (t) =>
      (group === undefined || t.group === group) &&
      (t.kind.toLowerCase() === name || t.plural === name || t.singular === name || t.shortNames.includes(name)),
  );
  if (matches.length === 0) throw unknownKind(kind);
  return matches[0];
}
