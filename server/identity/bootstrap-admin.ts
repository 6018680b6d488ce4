// Why: a fresh Wheelhouse must have one person who can log in and administer it: user `admin` in team `admins`, which RBAC binds to cluster-admin.

import { randomBytes } from "node:crypto";
import { isReason } from "@/core/api/errors";
import { resourceTypeByKind } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import type { ApiServerApi, UserInfo } from "@/core/apiserver/types";
import type { Teams } from "./teams";
import type { Users } from "./users";

export const ADMIN_USERNAME = "admin";
export const ADMINS_TEAM = "admins";
/** The ClusterRoleBinding that makes team `admins` cluster-admins. */
export const ADMINS_BINDING = "wheelhouse:admins";

/** Who writes the binding: the API server's own loopback identity, as Kubernetes' bootstrap policy does. */
const BOOTSTRAP_USER: UserInfo = { name: "system:apiserver", groups: ["system:masters", "system:authenticated"] };

export interface BootstrapAdminOptions {
  users: Users;
  teams: Teams;
  /** Where the ClusterRoleBinding is created (through the pipeline). Without one that step is skipped. */
  apiServer?: ApiServerApi;
  /** WHEELHOUSE_ADMIN_PASSWORD; when absent a password is generated and printed once. */
  password?: string;
  /** Where the generated password is printed. Default console.log (the server log). */
  log?: (line: string) => void;
}

export interface BootstrapAdminResult {
  /** True when this call created the admin user (the first start). */
  createdAdmin: boolean;
  /** What happened to the `wheelhouse:admins` ClusterRoleBinding. */
  binding: "created" | "exists" | "skipped";
}

/**
 * On the first start (no users at all) creates user `admin` (password from
 * WHEELHOUSE_ADMIN_PASSWORD, else generated and printed once; only the argon2id hash is
 * stored) in team `admins`. On every start makes sure the ClusterRoleBinding
 * `wheelhouse:admins` (ClusterRole cluster-admin → Group admins) exists, recreating it when
 * deleted, as Kubernetes recreates its bootstrap bindings. Later starts never touch the
 * admin user: a changed or deleted admin stays as the admins left it.
 */
export async function bootstrapAdmin(opts: BootstrapAdminOptions): Promise<BootstrapAdminResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let createdAdmin = false;
  if ((await opts.users.list()).length === 0) {
    const generated = opts.password === undefined;
    const password = opts.password ?? randomBytes(18).toString("base64url");
    try {
      await opts.users.create({ username: ADMIN_USERNAME, displayName: "Administrator", password });
      createdAdmin = true;
    } catch (err) {
      if (!isReason(err, "AlreadyExists")) throw err;
    }
    if (!(await opts.teams.find(ADMINS_TEAM))) {
      try {
        await opts.teams.create({ name: ADMINS_TEAM, description: "Cluster administrators (bound to cluster-admin)" });
      } catch (err) {
        if (!isReason(err, "AlreadyExists")) throw err;
      }
    }
    await opts.teams.addMember(ADMINS_TEAM, ADMIN_USERNAME);
    if (createdAdmin && generated) {
      log(`wheelhouse: created user "${ADMIN_USERNAME}" with the generated password: ${password}`);
      log("wheelhouse: it is shown only this once and stored only as a hash; change it in the console, or set WHEELHOUSE_ADMIN_PASSWORD before the first start");
    } else if (createdAdmin) {
      log(`wheelhouse: created user "${ADMIN_USERNAME}" with the password from WHEELHOUSE_ADMIN_PASSWORD`);
    }
  }
  return { createdAdmin, binding: await ensureAdminsBinding(opts.apiServer) };
}

async function ensureAdminsBinding(apiServer: ApiServerApi | undefined): Promise<BootstrapAdminResult["binding"]> {
  const type = resourceTypeByKind("rbac.authorization.k8s.io", "ClusterRoleBinding");
  if (!apiServer || !type) return "skipped";
  const client = apiServer.client(BOOTSTRAP_USER);
  if (client.get(type, undefined, ADMINS_BINDING)) return "exists";
  const binding = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: ADMINS_BINDING, labels: { "app.kubernetes.io/managed-by": "wheelhouse" } },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: ADMINS_TEAM }],
  } as KubeObject;
  try {
    await client.create(binding);
    return "created";
  } catch (err) {
    if (isReason(err, "AlreadyExists")) return "exists";
    throw err;
  }
}
