// Why: the admin, access and token server actions share one frame: the session's user re-read on every call, its permissions, the identity service, input parsed with zod, and failures handed back as Kubernetes Status data.

import type { ZodType } from "zod";
import { badRequest } from "@/core/api/errors";
import type { UserInfo } from "@/core/apiserver/types";
import type { Identity } from "@/server/identity";
import { getRuntime } from "@/server/runtime/runtime";
import type { ClusterRuntime } from "@/server/runtime/types";
import type { ActionResult } from "@/app/lib/server/actions";
import { apiFailure } from "@/app/lib/server/api-failure";
import { consoleUser } from "@/app/lib/server/console-user";
import { Permissions } from "@/app/lib/server/permissions";
import type { AdminContext } from "./guarded";
import { identityOf } from "./identity-of";

/** Everything an admin action works with, for the user of this call. */
export interface ActionFrame {
  rt: ClusterRuntime;
  user: UserInfo;
  permissions: Permissions;
  /** The identity service, when the action needs one (else 503 from identityOf). */
  identity: () => Identity;
  /** Authorization and audit context for PeopleAdmin. */
  admin: () => AdminContext;
}

/** Parses `input` with `schema`; a mismatch is a 400 BadRequest naming the fields. */
export function parsed<T>(schema: ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw badRequest(r.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
}

/**
 * Runs `fn` for the signed-in user (401 without a session) and returns its value, or the
 * failure as a Status (403 Forbidden with the authorizer's words, 422 with causes, ...).
 */
export async function adminAction<T>(fn: (f: ActionFrame) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const user = await consoleUser("action");
    const rt = await getRuntime();
    const permissions = new Permissions(rt.apiServer.authorizer, user);
    const identity = () => identityOf(rt);
    const frame: ActionFrame = {
      rt,
      user,
      permissions,
      identity,
      admin: () => ({ permissions, audit: identity().audit.record, now: Date.now }),
    };
    return { ok: true, value: await fn(frame) };
  } catch (e) {
    return { ok: false, error: apiFailure(e) };
  }
}
