// Why: the console's access tests need a real cluster under RBAC with the bindings of issue 4's story (viewers, editors, admins, a namespace admin, a team manager).

import type { UserInfo } from "@/core/apiserver/types";
import { FakeClock } from "@/core/clock/fake-clock";
import { Cluster } from "@/core/cluster/cluster";
import { MemoryStore } from "@/core/store/memory-store";
import { CONSOLE_ADMIN, type ClusterRuntime } from "@/server/runtime/types";

const member = (name: string, ...teams: string[]): UserInfo => ({ name, uid: `uid-${name}`, groups: [...teams, "system:authenticated"] });

/** vic: team viewers (`view` in demo); eddie: editors (`edit` in demo); ada: admins (cluster-admin); nina: ns-admins (`admin` in demo); tom: team-managers (teams only); nobody: no binding. */
export const PEOPLE = {
  vic: member("vic", "viewers"),
  eddie: member("eddie", "editors"),
  ada: member("ada", "admins"),
  nina: member("nina", "ns-admins"),
  tom: member("tom", "team-managers"),
  nobody: member("nobody"),
};

const groupBinding = (kind: "RoleBinding" | "ClusterRoleBinding", name: string, role: string, group: string, ns?: string) => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: { name: ${name}${ns ? `, namespace: ${ns}` : ""} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: ${group} }]
`;

const SEED = `
apiVersion: v1
kind: Namespace
metadata: { name: demo }
---
apiVersion: v1
kind: Namespace
metadata: { name: other }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: demo }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: app, image: nginx }] } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: other }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: app, image: nginx }] } }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: team-manager }
rules:
- { apiGroups: [iam.wheelhouse.dev], resources: [teams], verbs: [list] }
- { apiGroups: [iam.wheelhouse.dev], resources: [teams], resourceNames: [editors], verbs: [update] }
${groupBinding("RoleBinding", "viewers", "view", "viewers", "demo")}${groupBinding("RoleBinding", "editors", "edit", "editors", "demo")}${groupBinding("RoleBinding", "ns-admins", "admin", "ns-admins", "demo")}${groupBinding("ClusterRoleBinding", "admins", "cluster-admin", "admins")}${groupBinding("ClusterRoleBinding", "team-managers", "team-manager", "team-managers")}`;

/** A started cluster (fake clock, RBAC) seeded with PEOPLE's bindings, as a console runtime. */
export async function startAccessCluster(): Promise<{ cluster: Cluster; rt: ClusterRuntime; stop: () => void }> {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const cluster = new Cluster({ store, clock });
  await cluster.start();
  await cluster.apiServer.apply(CONSOLE_ADMIN, SEED);
  const rt: ClusterRuntime = {
    clock,
    clockSpeed: 1,
    store,
    apiServer: cluster.apiServer,
    ...(cluster.rbac ? { rbac: cluster.rbac } : {}),
    readLogs: () => "",
    shutdown: async () => cluster.stop(),
  };
  return { cluster, rt, stop: () => cluster.stop() };
}
