import { describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../api/resources";
import type { CoreEvent, Lease, Node, Pod } from "../api/types";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import { makePod } from "../testing/builders";
import { EventRecorderImpl } from "../events/event-recorder";
import { KubeletPool } from "./kubelet-pool";

const PODS = resourceTypeByKind("", "Pod")!;
const NODES = resourceTypeByKind("", "Node")!;
const EVENTS = resourceTypeByKind("", "Event")!;
const LEASES = resourceTypeByKind("coordination.k8s.io", "Lease")!;

async function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  let seed = 1;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const recorders: EventRecorderImpl[] = [];
  const pool = new KubeletPool({
    client: store,
    clock,
    random,
    recorder: (source) => {
      const r = new EventRecorderImpl({ client: store, clock, source });
      recorders.push(r);
      return r;
    },
    defaults: { syntheticTraffic: false },
  });
  await pool.addNode("node-1", { capacity: { cpu: "2", memory: "4Gi", pods: 110 } });
  const pod = (name: string) => store.get<Pod>(PODS, "default", name);
  const events = async (name?: string) => {
    for (const r of recorders) await r.flush();
    return store
      .list<CoreEvent>(EVENTS)
      .items.filter((e) => !name || e.involvedObject.name === name)
      .sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.resourceVersion! < b.metadata.resourceVersion! ? -1 : 1));
  };
  return { clock, store, pool, pod, events };
}

describe("Kubelet node registration", () => {
  it("registers the Node with Kubernetes' labels, conditions and nodeInfo", async () => {
    const { store } = await setup();
    const node = store.get<Node>(NODES, undefined, "node-1")!;
    expect(node.metadata.labels).toMatchObject({ "kubernetes.io/hostname": "node-1", "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64" });
    expect(node.spec!.podCIDR).toBe("10.244.0.0/24");
    expect(node.status!.capacity).toMatchObject({ cpu: "2", memory: "4Gi", pods: "110" });
    expect(node.status!.allocatable).toMatchObject({ cpu: "2", memory: "4Gi", pods: "110" });
    expect(node.status!.conditions!.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["MemoryPressure", "False", "KubeletHasSufficientMemory"],
      ["DiskPressure", "False", "KubeletHasNoDiskPressure"],
      ["PIDPressure", "False", "KubeletHasSufficientPID"],
      ["Ready", "True", "KubeletReady"],
    ]);
    expect(node.status!.nodeInfo).toMatchObject({ kubeletVersion: "v1.32.0", operatingSystem: "linux", architecture: "amd64" });
    expect(node.status!.addresses).toEqual([
      { type: "InternalIP", address: "172.18.0.2" },
      { type: "Hostname", address: "node-1" },
    ]);
  });

  it("renews its Lease every 10 seconds and stops when the node is stopped", async () => {
    const { clock, store, pool } = await setup();
    const renew = () => store.get<Lease>(LEASES, "kube-node-lease", "node-1")!.spec!.renewTime;
    expect(store.get<Lease>(LEASES, "kube-node-lease", "node-1")!.spec).toMatchObject({ holderIdentity: "node-1", leaseDurationSeconds: 40 });
    const first = renew();
    await clock.advance(10_000);
    expect(renew()).toBe("2026-01-01T00:00:10.000000Z");
    expect(renew()).not.toBe(first);
    pool.stopNode("node-1");
    await clock.advance(60_000);
    expect(renew()).toBe("2026-01-01T00:00:10.000000Z");
    await pool.startNode("node-1");
    await clock.advance(0);
    expect(renew()).toBe("2026-01-01T00:01:10.000000Z");
  });
});

describe("Kubelet pod lifecycle", () => {
  it("runs nginx: events, Running status, IPs, conditions, logs", async () => {
    const { clock, store, pool, pod, events } = await setup();
    await store.create(makePod("web").onNode("node-1").container("nginx", "nginx:1.27").build());
    await clock.advance(0);
    expect(pod("web")!.status!.containerStatuses![0].state).toEqual({ waiting: { reason: "ContainerCreating" } });
    await clock.advance(10_000);
    const p = pod("web")!;
    expect(p.status!.phase).toBe("Running");
    expect(p.status!.podIP).toBe("10.244.0.2");
    expect(p.status!.podIPs).toEqual([{ ip: "10.244.0.2" }]);
    expect(p.status!.hostIP).toBe("172.18.0.2");
    expect(p.status!.qosClass).toBe("BestEffort");
    expect(p.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True"]);
    const cs = p.status!.containerStatuses![0];
    expect(cs).toMatchObject({ name: "nginx", ready: true, started: true, restartCount: 0, image: "docker.io/library/nginx:1.27" });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.state!.running).toBeDefined();
    const ev = (await events("web")).map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(ev[0]).toBe('Normal Pulling Pulling image "nginx:1.27"');
    expect(ev[1]).toMatch(/^Normal Pulled Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(ev.slice(2)).toEqual(["Normal Created Created container: nginx", "Normal Started Started container nginx"]);
    const logs = pool.readLogs("default", "web", undefined, {});
    expect(logs).toContain("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
    expect(logs).toContain("[notice] 1#1: start worker processes\n");
  });

  it("uses the image cache: a second pod gets 'already present'", async () => {
    const { clock, store, events } = await setup();
    await store.create(makePod("a").onNode("node-1").container("c", "busybox:1.36", { command: ["sleep", "3600"] }).build());
    await clock.advance(10_000);
    await store.create(makePod("b").onNode("node-1").container("c", "busybox:1.36", { command: ["sleep", "3600"] }).build());
    await clock.advance(10_000);
    expect((await events("b")).map((e) => e.message)[0]).toBe('Container image "busybox:1.36" already present on machine');
  });

  it("busybox `echo hi; exit 1` with restartPolicy Always goes CrashLoopBackOff with growing back-off", async () => {
    const { clock, store, pool, pod, events } = await setup();
    await store.create(makePod("crash").onNode("node-1").container("app", "busybox:1.36", { command: ["sh", "-c", "echo hi; exit 1"] }).build());
    await clock.advance(5_000);
    let cs = pod("crash")!.status!.containerStatuses![0];
    expect(cs.restartCount).toBe(1);
    await clock.advance(2_000);
    cs = pod("crash")!.status!.containerStatuses![0];
    expect(cs.state!.waiting).toEqual({ reason: "CrashLoopBackOff", message: `back-off 10s restarting failed container=app pod=crash_default(${pod("crash")!.metadata.uid})` });
    expect(cs.lastState!.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(pod("crash")!.status!.phase).toBe("Running");
    await clock.advance(12_000);
    expect(pod("crash")!.status!.containerStatuses![0].restartCount).toBe(2);
    await clock.advance(2_000);
    expect(pod("crash")!.status!.containerStatuses![0].state!.waiting!.message).toContain("back-off 20s");
    expect(pool.readLogs("default", "crash", "app", {})).toBe("hi\n");
    expect(pool.readLogs("default", "crash", "app", { previous: true })).toBe("hi\n");
    const backoffs = (await events("crash")).filter((e) => e.reason === "BackOff");
    expect(backoffs[0].message).toBe(`Back-off restarting failed container app in pod crash_default(${pod("crash")!.metadata.uid})`);
    expect(backoffs[0].type).toBe("Warning");
  });

  it.each([
    { policy: "Never" as const, script: "exit 0", phase: "Succeeded", reason: "Completed", code: 0 },
    { policy: "Never" as const, script: "exit 3", phase: "Failed", reason: "Error", code: 3 },
    { policy: "OnFailure" as const, script: "echo done", phase: "Succeeded", reason: "Completed", code: 0 },
  ])("restartPolicy $policy with `$script` ends $phase", async ({ policy, script, phase, reason, code }) => {
    const { clock, store, pod } = await setup();
    await store.create(makePod("job").onNode("node-1").restartPolicy(policy).container("app", "busybox", { command: ["sh", "-c", script] }).build());
    await clock.advance(10_000);
    const p = pod("job")!;
    expect(p.status!.phase).toBe(phase);
    expect(p.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: code, reason });
    expect(p.status!.containerStatuses![0].restartCount).toBe(0);
    expect(p.status!.conditions!.find((c) => c.type === "Ready")).toMatchObject({ status: "False", reason: "PodCompleted" });
  });

  it("OnFailure restarts a failing container", async () => {
    const { clock, store, pod } = await setup();
    await store.create(makePod("job").onNode("node-1").restartPolicy("OnFailure").container("app", "busybox", { command: ["sh", "-c", "exit 2"] }).build());
    await clock.advance(30_000);
    expect(pod("job")!.status!.phase).toBe("Running");
    expect(pod("job")!.status!.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(2);
  });

  it("sleep takes clock time: a 5 s job completes after 5 s", async () => {
    const { clock, store, pod } = await setup();
    await store.create(makePod("s").onNode("node-1").restartPolicy("Never").container("app", "busybox", { command: ["sh", "-c", "echo start; sleep 5; echo end"] }).build());
    await clock.advance(4_000);
    expect(pod("s")!.status!.phase).toBe("Running");
    await clock.advance(5_000);
    expect(pod("s")!.status!.phase).toBe("Succeeded");
    const t = pod("s")!.status!.containerStatuses![0].state!.terminated!;
    expect(Date.parse(t.finishedAt!) - Date.parse(t.startedAt!)).toBe(5000);
  });

  it("bad image: ErrImagePull then ImagePullBackOff with events", async () => {
    const { clock, store, pod, events, pool } = await setup();
    await store.create(makePod("bad").onNode("node-1").container("app", "nginx:does-not-exist").build());
    await clock.advance(1_600);
    expect(pod("bad")!.status!.containerStatuses![0].state!.waiting!.reason).toBe("ErrImagePull");
    await clock.advance(3_000);
    const w = pod("bad")!.status!.containerStatuses![0].state!.waiting!;
    expect(w.reason).toBe("ImagePullBackOff");
    expect(w.message).toContain('Back-off pulling image "nginx:does-not-exist"');
    const msgs = (await events("bad")).map((e) => `${e.reason} ${e.message}`);
    expect(msgs).toContain(
      'Failed Failed to pull image "nginx:does-not-exist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:does-not-exist": failed to resolve reference "docker.io/library/nginx:does-not-exist": docker.io/library/nginx:does-not-exist: not found',
    );
    expect(msgs).toContain("Failed Error: ErrImagePull");
    expect(msgs).toContain('BackOff Back-off pulling image "nginx:does-not-exist"');
    expect(msgs).toContain("Failed Error: ImagePullBackOff");
    expect(() => pool.readLogs("default", "bad", "app", {})).toThrow('container "app" in pod "bad" is waiting to start: trying and failing to pull image');
  });

  it("graceful deletion: Killing events, then the pod is removed", async () => {
    const { clock, store, pod, events } = await setup();
    await store.create(makePod("web").onNode("node-1").container("nginx", "nginx").build());
    await clock.advance(10_000);
    await store.delete(PODS, "default", "web");
    expect(pod("web")!.metadata.deletionTimestamp).toBeDefined();
    await clock.advance(1_000);
    expect(pod("web")).toBeUndefined();
    expect((await events("web")).map((e) => `${e.reason} ${e.message}`)).toContain("Killing Stopping container nginx");
  });

  it("graceful deletion of a shell waits for the grace period (sh ignores SIGTERM)", async () => {
    const { clock, store, pod } = await setup();
    await store.create(makePod("sleeper").onNode("node-1").terminationGracePeriodSeconds(5).container("c", "busybox", { command: ["sh", "-c", "sleep 3600"] }).build());
    await clock.advance(10_000);
    await store.delete(PODS, "default", "sleeper");
    await clock.advance(4_000);
    expect(pod("sleeper")).toBeDefined();
    expect(pod("sleeper")!.status!.phase).toBe("Running");
    await clock.advance(2_000);
    expect(pod("sleeper")).toBeUndefined();
  });
});
