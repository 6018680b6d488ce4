import { afterEach, describe, it, expect } from "vitest";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { Pod } from "@/core/api/types";
import { Cluster } from "@/core/cluster/cluster";
import { FakeClock } from "@/core/clock/fake-clock";
import { MemoryStore } from "@/core/store/memory-store";
import { makePod } from "@/core/testing/builders";
import { CONSOLE_ADMIN, type ClusterRuntime } from "@/server/runtime/types";
import { bind, evict, podLogOptions, streamPodLogs } from "./index";

const PODS = resourceTypeByPlural("", "pods")!;

/** A whole cluster on a fake clock (controllers, scheduler, one kubelet) behind a ClusterRuntime. */
async function boot(): Promise<{ rt: ClusterRuntime; clock: FakeClock; cluster: Cluster }> {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const cluster = new Cluster({ store, clock });
  await cluster.start();
  await cluster.addNode("n1", { capacity: { cpu: "2", memory: "4Gi", pods: 110 } });
  const rt: ClusterRuntime = {
    clock,
    clockSpeed: 1,
    store,
    apiServer: cluster.apiServer,
    readLogs: (ns, pod, container, opts) => cluster.kubelets.readLogs(ns, pod, container, opts),
    shutdown: async () => cluster.stop(),
  };
  return { rt, clock, cluster };
}

const decoder = new TextDecoder();
const pending = new WeakMap<ReadableStreamDefaultReader<Uint8Array>, Promise<ReadableStreamReadResult<Uint8Array>>>();
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<{ text: string; done: boolean }> {
  let text = "";
  for (;;) {
    const read = pending.get(reader) ?? reader.read();
    pending.set(reader, read);
    const r = await Promise.race([read, new Promise<null>((res) => setImmediate(() => res(null)))]);
    if (r === null) return { text, done: false };
    pending.delete(reader);
    if (r.done) return { text, done: true };
    text += decoder.decode(r.value);
  }
}

describe("subresources on a running cluster", () => {
  let cluster: Cluster | undefined;
  afterEach(() => cluster?.stop());

  it("binds a pod the scheduler ignores, follows its log from the kubelet, then evicts it and the stream ends", async () => {
    const booted = await boot();
    cluster = booted.cluster;
    const { rt, clock } = booted;
    const pod = makePod("talker")
      .schedulerName("my-scheduler")
      .container("app", "busybox", { command: ["sh", "-c", "echo one; sleep 5; echo two; sleep 3600"] })
      .build();
    await rt.apiServer.client(CONSOLE_ADMIN).create(pod);
    await clock.advance(2000);
    expect(rt.store.get<Pod>(PODS, "default", "talker")?.spec?.nodeName).toBeUndefined();

    await bind(rt, CONSOLE_ADMIN, "default", "talker", { apiVersion: "v1", kind: "Binding", metadata: { name: "talker" }, target: { kind: "Node", name: "n1" } });
    for (let i = 0; i < 30 && rt.store.get<Pod>(PODS, "default", "talker")?.status?.phase !== "Running"; i++) await clock.advance(1000);
    const running = rt.store.get<Pod>(PODS, "default", "talker")!;
    expect(running.status?.phase).toBe("Running");
    expect(running.status?.conditions?.find((c) => c.type === "PodScheduled")?.status).toBe("True");

    const res = streamPodLogs(rt, CONSOLE_ADMIN, "default", "talker", podLogOptions(new URLSearchParams("follow=true"), "talker"), undefined, { timer: clock, pollMs: 500 });
    const reader = res.body!.getReader();
    let seen = (await drain(reader)).text;
    for (let i = 0; i < 20 && !seen.includes("two"); i++) {
      await clock.advance(1000);
      seen += (await drain(reader)).text;
    }
    expect(seen).toBe("one\ntwo\n");

    await evict(rt, CONSOLE_ADMIN, "default", "talker", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "talker" }, deleteOptions: { gracePeriodSeconds: 1 } });
    let end = { text: "", done: false };
    for (let i = 0; i < 40 && !end.done; i++) {
      await clock.advance(1000);
      end = await drain(reader);
    }
    expect(end.done).toBe(true);
    expect(rt.store.get<Pod>(PODS, "default", "talker")).toBeUndefined();
  });
});
