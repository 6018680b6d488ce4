// Why: an OIDC login must land on one Wheelhouse user per provider subject, never on a local user who happens to share the name, and bring the token's groups as teams.

import { isReason } from "@/core/api/errors";
import { nameProblems } from "./names";
import type { Teams } from "./teams";
import type { Users } from "./users";

/** What the provider said about the person. */
export interface OidcLoginInput {
  /** The ID token's `sub`. */
  subject: string;
  /** The proposed user name (preferred_username, email or sub). */
  username: string;
  displayName?: string;
  /** The groups claim; replaces the user's teams (reserved names are skipped by Teams). */
  groups: string[];
}

/**
 * A valid user name from what a provider proposes: lower-cased, characters outside
 * `a-z0-9-._@` replaced by `-`, trimmed to alphanumerics at both ends and 63 characters, never
 * `system:`-prefixed. Empty when nothing usable is left.
 */
export function oidcUsername(proposed: string): string {
  let name = proposed.toLowerCase().replace(/[^a-z0-9._@-]+/g, "-");
  name = name.slice(0, 63).replace(/^[^a-z0-9]+/, "").replace(/[^a-z0-9]+$/, "");
  return nameProblems(name, "name").length ? "" : name;
}

/**
 * The user id of an OIDC login, creating the user on first login, and setting their teams to
 * the groups claim on every login. The user is found by subject only: a new subject whose
 * name is already taken (say a local `admin`) gets `<name>-oidc`, `<name>-oidc-2`… instead,
 * so a provider can never take over an existing account. Undefined refuses the login: a
 * disabled user, or no usable name.
 */
export async function oidcLogin(deps: { users: Users; teams: Teams }, input: OidcLoginInput): Promise<string | undefined> {
  let user = await deps.users.byOidcSubject(input.subject);
  if (!user) {
    const base = oidcUsername(input.username) || oidcUsername(`oidc-${input.subject}`);
    if (!base) return undefined;
    for (let i = 0; i < 10 && !user; i++) {
      const suffix = i === 0 ? "" : i === 1 ? "-oidc" : `-oidc-${i}`;
      const name = `${base.slice(0, 63 - suffix.length).replace(/[^a-z0-9]+$/, "")}${suffix}`;
      try {
        user = await deps.users.create({ username: name, oidcSubject: input.subject, ...(input.displayName ? { displayName: input.displayName } : {}) });
      } catch (err) {
        if (!isReason(err, "AlreadyExists")) throw err;
        // A concurrent first login of the same subject: take the user it created.
        user = await deps.users.byOidcSubject(input.subject);
      }
    }
    if (!user) return undefined;
  }
  if (user.disabled) return undefined;
  await deps.teams.replaceTeamsOf(user.username, input.groups);
  return user.id;
}
