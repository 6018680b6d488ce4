import { describe, it, expect } from "vitest";
import type { Pod } from "@/core/api/types";
import { makePod } from "@/core/testing/builders";
import { podContainers, podSummary } from "./pod-summary";

const T = "2026-01-01T00:00:00Z";

function withStatus(status: Pod["status"], mutate?: (p: Pod) => void): Pod {
  return makePod("web")
    .container("app", "nginx")
    .with((p) => {
      p.status = status;
      mutate?.(p);
    })
    .build();
}

describe("podSummary (kubectl's STATUS column)", () => {
  it.each([
    { name: "pending, unscheduled", status: { phase: "Pending" }, want: "Pending", ready: "0/1" },
    {
      name: "container creating",
      status: { phase: "Pending", containerStatuses: [{ name: "app", image: "nginx", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }] },
      want: "ContainerCreating",
      ready: "0/1",
    },
    {
      name: "running and ready",
      status: { phase: "Running", containerStatuses: [{ name: "app", image: "nginx", imageID: "", ready: true, restartCount: 0, state: { running: { startedAt: T } } }] },
      want: "Running",
      ready: "1/1",
    },
    {
      name: "crash loop",
      status: {
        phase: "Running",
        containerStatuses: [{ name: "app", image: "busybox", imageID: "", ready: false, restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } } }],
      },
      want: "CrashLoopBackOff",
      ready: "0/1",
      restarts: 4,
    },
    {
      name: "completed",
      status: { phase: "Succeeded", containerStatuses: [{ name: "app", image: "busybox", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } }] },
      want: "Completed",
      ready: "0/1",
    },
    {
      name: "terminated without reason, by signal",
      status: { phase: "Failed", containerStatuses: [{ name: "app", image: "busybox", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] },
      want: "Signal:9",
      ready: "0/1",
    },
    {
      name: "terminated without reason, exit code",
      status: { phase: "Failed", containerStatuses: [{ name: "app", image: "busybox", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }] },
      want: "ExitCode:3",
      ready: "0/1",
    },
    { name: "evicted (pod reason wins over phase)", status: { phase: "Failed", reason: "Evicted" }, want: "Evicted", ready: "0/1" },
  ])("$name → $want", ({ status, want, ready, restarts }) => {
    const s = podSummary(withStatus(status as Pod["status"]));
    expect(s.status).toBe(want);
    expect(s.ready).toBe(ready);
    expect(s.restarts).toBe(restarts ?? 0);
  });

  it("shows init progress, Init:<reason> and Init:Error", () => {
    const initPod = (state: object, i = 0) =>
      withStatus(
        {
          phase: "Pending",
          initContainerStatuses: [{ name: "init", image: "busybox", imageID: "", ready: false, restartCount: 1, state }],
          containerStatuses: [{ name: "app", image: "nginx", imageID: "", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
        },
        (p) => {
          p.spec!.initContainers = [{ name: "init", image: "busybox" }];
          void i;
        },
      );
    expect(podSummary(initPod({ running: { startedAt: T } })).status).toBe("Init:0/1");
    expect(podSummary(initPod({ waiting: { reason: "CrashLoopBackOff" } })).status).toBe("Init:CrashLoopBackOff");
    expect(podSummary(initPod({ terminated: { exitCode: 1, reason: "Error" } })).status).toBe("Init:Error");
    expect(podSummary(initPod({ terminated: { exitCode: 0, reason: "Completed" } })).status).toBe("PodInitializing");
    expect(podSummary(initPod({ running: { startedAt: T } })).restarts).toBe(1);
  });

  it("a Completed container beside a running one reads Running when the pod is Ready, NotReady otherwise", () => {
    const pod = (ready: boolean) =>
      withStatus(
        {
          phase: "Running",
          conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
          containerStatuses: [
            { name: "app", image: "nginx", imageID: "", ready: true, restartCount: 0, state: { running: { startedAt: T } } },
            { name: "job", image: "busybox", imageID: "", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } },
          ],
        },
        (p) => p.spec!.containers.push({ name: "job", image: "busybox" }),
      );
    expect(podSummary(pod(true))).toMatchObject({ status: "Running", ready: "1/2" });
    expect(podSummary(pod(false)).status).toBe("NotReady");
  });

  it("a pod being deleted reads Terminating unless it already finished", () => {
    const running = makePod("web").ready().with((p) => (p.metadata.deletionTimestamp = T)).build();
    expect(podSummary(running).status).toBe("Terminating");
    const done = withStatus({ phase: "Succeeded" }, (p) => (p.metadata.deletionTimestamp = T));
    expect(podSummary(done).status).toBe("Succeeded");
    const lost = withStatus({ phase: "Running", reason: "NodeLost" }, (p) => (p.metadata.deletionTimestamp = T));
    expect(podSummary(lost).status).toBe("Unknown");
  });
});

describe("podContainers", () => {
  it("joins spec and status, init containers first, with last termination reason", () => {
    const pod = withStatus(
      {
        phase: "Running",
        containerStatuses: [
          {
            name: "app",
            image: "busybox",
            imageID: "",
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: "CrashLoopBackOff", message: "back-off" } },
            lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } },
          },
        ],
      },
      (p) => (p.spec!.initContainers = [{ name: "init", image: "busybox" }]),
    );
    expect(podContainers(pod)).toEqual([
      { name: "init", image: "busybox", init: true, ready: false, started: false, restartCount: 0, state: "Unknown" },
      {
        name: "app",
        image: "busybox",
        init: false,
        ready: false,
        started: false,
        restartCount: 2,
        state: "Waiting",
        reason: "CrashLoopBackOff",
        message: "back-off",
        lastTerminationReason: "OOMKilled",
      },
    ]);
  });
});
