// Why: the console's pod STATUS must match kubectl's for the states users meet most.
import { describe, it, expect } from "vitest";
import type { Pod, ContainerStatus } from "@/core/api/types";
import { podStatus } from "./pod-status";

const running: ContainerStatus = { name: "app", image: "nginx", imageID: "", ready: true, restartCount: 0, state: { running: { startedAt: "2024-01-01T00:00:00Z" } } };

function pod(status: Pod["status"], extra: { deleting?: boolean; inits?: number; containers?: number } = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "demo", ...(extra.deleting ? { deletionTimestamp: "2024-01-01T00:00:00Z" } : {}) },
    spec: {
      containers: Array.from({ length: extra.containers ?? 1 }, (_, i) => ({ name: `c${i}`, image: "nginx" })),
      initContainers: Array.from({ length: extra.inits ?? 0 }, (_, i) => ({ name: `i${i}`, image: "busybox" })),
    },
    status,
  };
}

describe("podStatus", () => {
  it.each([
    { name: "pending, nothing reported", p: pod({ phase: "Pending" }), want: "Pending" },
    { name: "running and ready", p: pod({ phase: "Running", containerStatuses: [running] }), want: "Running" },
    {
      name: "container creating",
      p: pod({ phase: "Pending", containerStatuses: [{ ...running, ready: false, state: { waiting: { reason: "ContainerCreating" } } }] }),
      want: "ContainerCreating",
    },
    {
      name: "crash loop",
      p: pod({ phase: "Running", containerStatuses: [{ ...running, ready: false, restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } } }] }),
      want: "CrashLoopBackOff",
    },
    {
      name: "completed",
      p: pod({ phase: "Succeeded", containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } }] }),
      want: "Completed",
    },
    {
      name: "exit code without reason",
      p: pod({ phase: "Failed", containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 3 } } }] }),
      want: "ExitCode:3",
    },
    { name: "terminating", p: pod({ phase: "Running", containerStatuses: [running] }, { deleting: true }), want: "Terminating" },
    { name: "succeeded pod being deleted stays Completed", p: pod({ phase: "Succeeded", containerStatuses: [{ ...running, ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } }] }, { deleting: true }), want: "Completed" },
    { name: "evicted (status.reason)", p: pod({ phase: "Failed", reason: "Evicted" }), want: "Evicted" },
    {
      name: "init container running",
      p: pod({ phase: "Pending", initContainerStatuses: [{ ...running, name: "i0", ready: false }] }, { inits: 2 }),
      want: "Init:0/2",
    },
    {
      name: "init container crash looping",
      p: pod({ phase: "Pending", initContainerStatuses: [{ ...running, name: "i0", ready: false, state: { waiting: { reason: "CrashLoopBackOff" } } }] }, { inits: 1 }),
      want: "Init:CrashLoopBackOff",
    },
    {
      name: "init container failed",
      p: pod({ phase: "Pending", initContainerStatuses: [{ ...running, name: "i0", ready: false, state: { terminated: { exitCode: 1, reason: "Error" } } }] }, { inits: 1 }),
      want: "Init:Error",
    },
  ])("$name → $want", ({ p, want }) => {
    expect(podStatus(p).status).toBe(want);
  });

  it("counts ready containers and restarts across containers", () => {
    const s = podStatus(
      pod(
        {
          phase: "Running",
          containerStatuses: [
            { ...running, name: "c0", restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: "2024-01-01T00:01:00Z" } } },
            { ...running, name: "c1", ready: false, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: "2024-01-01T00:03:00Z" } } },
          ],
        },
        { containers: 2 },
      ),
    );
    expect(s).toMatchObject({ readyContainers: 1, totalContainers: 2, restarts: 3, lastRestartAt: "2024-01-01T00:03:00Z" });
  });
});
