// Why: what the running cluster offers to the transports (GraphQL, REST, console); built once per process by server/runtime.

import type { Clock } from "@/core/clock/clock";
import type { ObjectStore } from "@/core/store/types";
import type { ApiServerApi, UserInfo } from "@/core/apiserver/types";
import type { LogOptions } from "@/core/kubelet/log-buffer";
import type { MetricsSource } from "@/server/rest/metrics/metrics-api";
import type { Identity } from "@/server/identity";
import type { RbacAuthorizer } from "@/core/rbac/rbac-authorizer";

/** Options of a container log read, as `kubectl logs` sends them. */
export type { LogOptions } from "@/core/kubelet/log-buffer";

/** The one cluster this process runs. */
export interface ClusterRuntime {
  clock: Clock;
  /** Cluster seconds per real second (WHEELHOUSE_CLOCK_SPEED): the console ticks ages at this rate. */
  clockSpeed: number;
  /** Trusted access, no admission: for reads that the transports authorize themselves. */
  store: ObjectStore;
  /** The request pipeline every user action goes through. */
  apiServer: ApiServerApi;
  /**
   * The latest usage of nodes and pods (the cluster's MetricsCollector), served as
   * metrics.k8s.io for `kubectl top`. Absent in runtimes without kubelets: the metrics API is then 404.
   */
  metrics?: MetricsSource;
  /**
   * The cluster's RBAC authorizer (its binding index, fed by the store's watches): who-can
   * questions and rules reviews ask it instead of indexing the bindings a second time. Absent in
   * runtimes without RBAC (AlwaysAllow test clusters).
   */
  rbac?: RbacAuthorizer;
  /** Users, teams, access and ServiceAccount tokens, audit log (server/identity). Absent in test runtimes without a database. */
  identity?: Identity;
  /** Container logs from the simulated kubelets; throws ApiError (400/404) as Kubernetes does. */
  readLogs(namespace: string, pod: string, container: string | undefined, opts: LogOptions): string;
  /** Stops controllers, kubelets and the database cleanly. */
  shutdown(): Promise<void>;
}

/** The identity of a request. Until users and RBAC exist (a later issue), everyone acts as this admin. */
export const CONSOLE_ADMIN: UserInfo = { name: "admin", groups: ["system:masters", "system:authenticated"] };
