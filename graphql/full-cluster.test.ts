import { describe, it, expect, afterEach } from "vitest";
import { FakeClock } from "@/core/clock/fake-clock";
import { Cluster } from "@/core/cluster/cluster";
import { MemoryStore } from "@/core/store/memory-store";
import { CONSOLE_ADMIN, type ClusterRuntime } from "@/server/runtime/types";
import { createGraphQLServer } from "./yoga";

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

async function boot() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  cluster = new Cluster({ store, clock });
  await cluster.start();
  await cluster.addNode("n1", { capacity: { cpu: "4", memory: "8Gi", pods: 110 } });
  const c = cluster;
  const rt: ClusterRuntime = { clock, clockSpeed: 1, store, apiServer: c.apiServer, readLogs: (ns, pod, ctr, o) => c.kubelets.readLogs(ns, pod, ctr, o), shutdown: async () => c.stop() };
  const yoga = createGraphQLServer({ runtime: () => rt, authenticate: () => CONSOLE_ADMIN, graphiql: false });
  const gql = async <T>(query: string, variables?: Record<string, unknown>) => {
    const res = await yoga.fetch("http://x/api/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data: T; errors?: { message: string }[] };
  };
  return { clock, gql };
}

const POD = (name: string, command: string, restartPolicy: string) => `apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  restartPolicy: ${restartPolicy}
  containers:
    - name: main
      image: busybox
      command: ["sh", "-c", ${JSON.stringify(command)}]
`;

type PodRow = { name: string; status: string; ready: string; restarts: number; nodeName: string; containers: { state: string; reason: string | null; lastTerminationReason: string | null }[] };
const PODS = `{ pods(namespace: "default") { items { name status ready restarts nodeName containers { state reason lastTerminationReason } } } }`;

describe("GraphQL over the whole simulated cluster", () => {
  it("shows kubectl's STATUS as the kubelet drives pods: Completed, CrashLoopBackOff; logs and events", async () => {
    const { clock, gql } = await boot();
    const applied = await gql(`mutation($y: String!) { apply(yaml: $y) { name } }`, {
      y: POD("once", "echo hello from once", "Never") + "---\n" + POD("crash", "echo boom; exit 1", "Always"),
    });
    expect(applied.errors).toBeUndefined();

    let rows: PodRow[] = [];
    for (let i = 0; i < 120; i++) {
      await clock.advance(1000);
      rows = (await gql<{ pods: { items: PodRow[] } }>(PODS)).data.pods.items;
      const crash = rows.find((p) => p.name === "crash");
      if (rows.find((p) => p.name === "once")?.status === "Completed" && crash?.status === "CrashLoopBackOff" && crash.restarts >= 2) break;
    }
    const once = rows.find((p) => p.name === "once")!;
    const crash = rows.find((p) => p.name === "crash")!;
    expect(once).toMatchObject({ status: "Completed", ready: "0/1", nodeName: "n1", containers: [{ state: "Terminated", reason: "Completed" }] });
    expect(crash).toMatchObject({ status: "CrashLoopBackOff", ready: "0/1", containers: [{ state: "Waiting", reason: "CrashLoopBackOff", lastTerminationReason: "Error" }] });
    expect(crash.restarts).toBeGreaterThanOrEqual(2);

    const logs = await gql<{ podLogs: string }>(`{ podLogs(name: "once") }`);
    expect(logs.data.podLogs).toBe("hello from once\n");

    const ev = await gql<{ events: { reason: string; object: string; lastTimestamp: string }[] }>(`{ events(namespace: "default", fieldSelector: "involvedObject.name=crash") { reason object lastTimestamp } }`);
    const reasons = ev.data.events.map((e) => e.reason);
    expect(reasons).toContain("BackOff");
    expect(ev.data.events.every((e) => e.object === "pod/crash")).toBe(true);
    const times = ev.data.events.map((e) => Date.parse(e.lastTimestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const ov = await gql<{ overview: { nodes: { ready: number }; pods: { problems: { name: string; status: string }[] } } }>(`{ overview { nodes { ready } pods { problems { name status } } } }`);
    expect(ov.data.overview.nodes.ready).toBe(1);
    expect(ov.data.overview.pods.problems).toEqual([{ name: "crash", status: "CrashLoopBackOff" }]);
  });
});
