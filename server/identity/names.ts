// Why: user and team names become Kubernetes user and group names in RBAC bindings, so both are checked once, here, with Kubernetes-style 422 errors.

import { CauseType, invalid, type StatusCause } from "@/core/api/errors";

/** The API group the people-management resources belong to (authorized like any other resource). */
export const IAM_GROUP = "iam.wheelhouse.dev";

/** Longest user or team name. */
export const MAX_NAME_LENGTH = 63;

const NAME = /^[a-z0-9]([-a-z0-9._@]*[a-z0-9])?$/;
const NAME_MESSAGE =
  "must consist of lower case alphanumeric characters, '-', '.', '_' or '@', and must start and end with an alphanumeric character";

/**
 * Problems with `name` as a user or team name: lower-case letters, digits and `-._@`,
 * alphanumeric at both ends, at most 63 characters, and never `system:`-prefixed (those
 * names belong to Kubernetes' own components and groups).
 */
export function nameProblems(name: string, field: string): StatusCause[] {
  if (!name) return [{ reason: CauseType.Required, message: "Required value", field }];
  if (name.startsWith("system:")) {
    return [{ reason: CauseType.Invalid, message: `Invalid value: "${name}": the "system:" prefix is reserved for Kubernetes`, field }];
  }
  const causes: StatusCause[] = [];
  if (name.length > MAX_NAME_LENGTH) {
    causes.push({ reason: CauseType.TooLong, message: `Too long: may not be more than ${MAX_NAME_LENGTH} bytes`, field });
  }
  if (!NAME.test(name)) causes.push({ reason: CauseType.Invalid, message: `Invalid value: "${name}": ${NAME_MESSAGE}`, field });
  return causes;
}

/** Throws 422 Invalid (`users.iam.wheelhouse.dev "X" is invalid: metadata.name: ...`) when `name` is not a valid name for `kind`. */
export function assertValidName(kind: "users" | "teams", name: string): void {
  const causes = nameProblems(name, "metadata.name");
  if (causes.length) throw invalid({ group: IAM_GROUP, kind, name }, causes);
}
