// Why: the admin pages (users, teams, tokens, audit, access) start the same way: the session's permissions, the runtime, and the identity service's admin operations for that user.

import { getRuntime } from "@/server/runtime/runtime";
import type { ClusterRuntime } from "@/server/runtime/types";
import type { Identity } from "@/server/identity";
import { consolePermissions, type Permissions } from "@/app/lib/server/permissions";
import { identityOf } from "./identity-of";
import { PeopleAdmin } from "./people-admin";

/** What an admin page renders from. */
export interface PageFrame {
  rt: ClusterRuntime;
  permissions: Permissions;
  identity: () => Identity;
  /** Reads are authorized like the actions (list users, list teams); no audit for reads. */
  people: () => PeopleAdmin;
}

/** The frame of this page request (redirects to the login page without a session). */
export async function pageFrame(): Promise<PageFrame> {
  const [permissions, rt] = await Promise.all([consolePermissions(), getRuntime()]);
  const identity = () => identityOf(rt);
  return { rt, permissions, identity, people: () => new PeopleAdmin({ permissions, now: Date.now }, identity()) };
}
