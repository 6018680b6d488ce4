// Why: service and GraphQL tests run against the real store and apiserver pipeline in-process, without booting the server.

import { badRequest } from "@/core/api/errors";
import type { KubeObject } from "@/core/api/types";
import { ApiServer } from "@/core/apiserver/api-server";
import type { Authorizer } from "@/core/apiserver/authorizer";
import { FakeClock } from "@/core/clock/fake-clock";
import { MemoryStore } from "@/core/store/memory-store";
import type { ClusterRuntime, LogOptions } from "@/server/runtime/types";

/** A cluster runtime for tests, with the pieces exposed for assertions. */
export interface TestRuntime {
  rt: ClusterRuntime;
  store: MemoryStore;
  clock: FakeClock;
  /** Container logs served by `rt.readLogs`, keyed `namespace/pod/container`. */
  logs: Map<string, string>;
  /** The options of each readLogs call. */
  logCalls: { namespace: string; pod: string; container?: string; opts: LogOptions }[];
  /** Stores `obj` with its status as given (create resets status, as Kubernetes does; this writes it back through the status subresource). */
  seed<T extends KubeObject>(obj: T): Promise<T>;
}

export interface TestRuntimeOptions {
  /** Default: allow everything. */
  authorizer?: Authorizer;
  /** Watch history kept by the store (small values make 410 Expired easy to reach). */
  historySize?: number;
}

/** A MemoryStore + ApiServer on a FakeClock, with a `default` namespace, and logs from a map. */
export async function makeTestRuntime(opts: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, historySize: opts.historySize });
  const apiServer = new ApiServer({ store, clock, authorizer: opts.authorizer });
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  const logs = new Map<string, string>();
  const logCalls: TestRuntime["logCalls"] = [];
  const rt: ClusterRuntime = {
    clock,
    clockSpeed: 1,
    store,
    apiServer,
    readLogs(namespace, pod, container, opts) {
      logCalls.push({ namespace, pod, container, opts });
      const text = logs.get(`${namespace}/${pod}/${container ?? ""}`);
      if (text === undefined) throw badRequest(`container "${container}" in pod "${pod}" is not available`);
      return text;
    },
    async shutdown() {
      store.stop();
    },
  };
  async function seed<T extends KubeObject>(obj: T): Promise<T> {
    const created = await store.create(obj);
    if (obj.status === undefined) return created;
    return store.update({ ...structuredClone(created), status: structuredClone(obj.status) }, { subresource: "status" });
  }
  return { rt, store, clock, logs, logCalls, seed };
}
