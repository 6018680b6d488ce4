import { describe, expect, it } from "vitest";
import { resourceTypeByKind } from "../api/resources";
import type { CoreEvent, Pod } from "../api/types";
import { FakeClock } from "../clock/fake-clock";
import { EventRecorderImpl } from "../events/event-recorder";
import { MemoryStore } from "../store/memory-store";
import { makePod } from "../testing/builders";
import { KubeletPool } from "./kubelet-pool";

const PODS = resourceTypeByKind("", "Pod")!;
const EVENTS = resourceTypeByKind("", "Event")!;

async function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const recorder = new EventRecorderImpl({ client: store, clock, source: { component: "kubelet", host: "node-1" } });
  const pool = new KubeletPool({ client: store, clock, recorder, random: () => 0.5, defaults: { syntheticTraffic: false } });
  await pool.addNode("node-1");
  const pod = (name: string) => store.get<Pod>(PODS, "default", name)!;
  const messages = async () => {
    await recorder.flush();
    return store.list<CoreEvent>(EVENTS).items.map((e) => `${e.reason} ${e.message}`);
  };
  return { clock, store, pool, pod, messages };
}

describe("probes", () => {
  it("the docs' exec liveness example: /tmp/healthy removed after 30 s → Unhealthy, Killing, restart", async () => {
    const { clock, store, pod, messages } = await setup();
    await store.create(
      makePod("liveness-exec")
        .onNode("node-1")
        .terminationGracePeriodSeconds(2)
        .container("liveness", "busybox", { args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"] })
        .with((p) => {
          p.spec!.containers[0].livenessProbe = { exec: { command: ["cat", "/tmp/healthy"] }, initialDelaySeconds: 5, periodSeconds: 5 };
        })
        .build(),
    );
    await clock.advance(30_000);
    expect(pod("liveness-exec").status!.containerStatuses![0].restartCount).toBe(0);
    await clock.advance(20_000);
    const msgs = await messages();
    expect(msgs).toContain("Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(msgs).toContain("Killing Container liveness failed liveness probe, will be restarted");
    expect(pod("liveness-exec").status!.containerStatuses![0].restartCount).toBe(1);
    expect(pod("liveness-exec").status!.containerStatuses![0].lastState!.terminated).toMatchObject({ exitCode: 137, reason: "Error" });
  });

  it("readiness gates Ready; httpGet against nginx logs kube-probe requests", async () => {
    const { clock, store, pool, pod, messages } = await setup();
    await store.create(
      makePod("web")
        .onNode("node-1")
        .container("nginx", "nginx", { ports: [80] })
        .with((p) => {
          p.spec!.containers[0].readinessProbe = { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 3, periodSeconds: 5 };
        })
        .build(),
    );
    await clock.advance(4_500);
    expect(pod("web").status!.phase).toBe("Running");
    expect(pod("web").status!.conditions!.find((c) => c.type === "Ready")).toMatchObject({ status: "False", reason: "ContainersNotReady", message: "containers with unready status: [nginx]" });
    await clock.advance(5_000);
    expect(pod("web").status!.conditions!.find((c) => c.type === "Ready")!.status).toBe("True");
    expect(pool.readLogs("default", "web", "nginx", {})).toMatch(/10\.244\.0\.1 - - \[01\/Jan\/2026:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "kube-probe\/1\.32" "-"\n/);
    // Make the probe fail: delete the page.
    pool.workload("default", "web")!.exec(["rm", "/usr/share/nginx/html/index.html"]);
    await clock.advance(16_000);
    expect(pod("web").status!.containerStatuses![0].ready).toBe(false);
    expect(await messages()).toContain("Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 404");
  });

  it("tcpSocket probe on a port nothing listens on fails with connection refused", async () => {
    const { clock, store, messages } = await setup();
    await store.create(
      makePod("redis")
        .onNode("node-1")
        .container("redis", "redis:7", {})
        .with((p) => {
          p.spec!.containers[0].readinessProbe = { tcpSocket: { port: 6380 }, periodSeconds: 5 };
        })
        .build(),
    );
    await clock.advance(8_000);
    expect(await messages()).toContain("Unhealthy Readiness probe failed: dial tcp 10.244.0.2:6380: connect: connection refused");
  });
});

describe("logs and faults", () => {
  it("readLogs options: tailLines, timestamps, sinceSeconds, limitBytes, previous", async () => {
    const { clock, store, pool } = await setup();
    await store.create(makePod("counter").onNode("node-1").container("c", "busybox", { command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo line $i; sleep 1; done"] }).build());
    await clock.advance(10_000);
    const all = pool.readLogs("default", "counter", undefined, {});
    expect(all.startsWith("line 1\nline 2\n")).toBe(true);
    expect(pool.readLogs("default", "counter", "c", { tailLines: 2 })).toMatch(/^line \d+\nline \d+\n$/);
    expect(pool.readLogs("default", "counter", "c", { tailLines: 1, timestamps: true })).toMatch(/^2026-01-01T00:00:\d\d\.\d{9}Z line \d+\n$/);
    expect(pool.readLogs("default", "counter", "c", { sinceSeconds: 2 }).trim().split("\n").length).toBeLessThanOrEqual(3);
    expect(pool.readLogs("default", "counter", "c", { limitBytes: 5 })).toBe("line ");
    expect(() => pool.readLogs("default", "counter", "c", { previous: true })).toThrow('previous terminated container "c" in pod "counter" not found');
    expect(pool.killContainer("default", "counter", "c")).toBe(true);
    await clock.advance(5_000);
    expect(pool.readLogs("default", "counter", "c", { previous: true })).toContain("line 1\n");
    expect(store.get<Pod>(PODS, "default", "counter")!.status!.containerStatuses![0].restartCount).toBe(1);
  });

  it.each([
    { name: "missing pod", ns: "default", pod: "nope", container: undefined, error: 'pods "nope" not found' },
    { name: "ambiguous container", ns: "default", pod: "two", container: undefined, error: "a container name must be specified for pod two, choose one of: [a b]" },
    { name: "unknown container", ns: "default", pod: "two", container: "x", error: "container x is not valid for pod two" },
  ])("readLogs error: $name", async ({ ns, pod, container, error }) => {
    const { clock, store, pool } = await setup();
    await store.create(makePod("two").onNode("node-1").container("a", "nginx").container("b", "nginx").build());
    await clock.advance(0);
    expect(() => pool.readLogs(ns, pod, container, {})).toThrow(error);
  });

  it("waiting container: is waiting to start: ContainerCreating", async () => {
    const { clock, store, pool } = await setup();
    await store.create(makePod("slow").onNode("node-1").container("app", "postgres:17").build());
    await clock.advance(100);
    expect(() => pool.readLogs("default", "slow", undefined, {})).toThrow('container "app" in pod "slow" is waiting to start: ContainerCreating');
  });

  it("env: valueFrom fieldRef and the kubernetes service variables", async () => {
    const { clock, store, pool } = await setup();
    await store.create(
      makePod("env")
        .onNode("node-1")
        .restartPolicy("Never")
        .container("c", "busybox", { command: ["sh", "-c", 'echo "$MY_POD $MY_NS $MY_IP $MY_NODE $KUBERNETES_SERVICE_HOST $HOSTNAME $GREETING"'], env: { GREETING: "hello $(MY_POD)" } })
        .with((p) => {
          const c = p.spec!.containers[0];
          c.env = [
            { name: "MY_POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            { name: "MY_NS", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
            { name: "MY_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
            { name: "MY_NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
            ...(c.env ?? []),
          ];
        })
        .build(),
    );
    await clock.advance(10_000);
    expect(pool.readLogs("default", "env", undefined, {})).toBe("env default 10.244.0.2 node-1 10.96.0.1 env hello env\n");
  });
});
