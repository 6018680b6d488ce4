// Why: the pod row is the most-read line of kubectl; READY, STATUS, RESTARTS "(5m ago)" and the wide columns must match printPod.
import { describe, it, expect } from "vitest";
import type { Pod } from "@/core/api/types";
import { makePod } from "@/core/testing/builders";
import { podRestarts, podRow } from "./pod-row";

const CREATED = "2026-01-01T00:00:00Z";
const NOW = Date.parse("2026-01-01T01:00:00Z");
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

/** Builds, then lets the case change the built pod (after the builder's ready() has filled status). */
function pod(fn?: (p: Pod) => void, b = makePod("web")): Pod {
  const p = b.build();
  p.metadata.creationTimestamp = CREATED;
  p.status ??= {};
  fn?.(p);
  return p;
}

const running = (name: string, restartCount = 0, lastFinished?: string) => ({
  name,
  image: "nginx",
  imageID: "",
  ready: true,
  started: true,
  restartCount,
  state: { running: { startedAt: CREATED } },
  ...(lastFinished ? { lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: lastFinished } } } : {}),
});

describe("podRow (kubectl get pods -o wide)", () => {
  it.each([
    {
      name: "pending, not scheduled",
      pod: pod(),
      cells: ["web", "0/1", "Pending", "0", "60m", "<none>", "<none>", "<none>", "<none>"],
    },
    {
      name: "running on a node with an IP",
      pod: pod((p) => (p.status!.podIPs = [{ ip: "10.244.0.5" }]), makePod("web").onNode("n1").ready()),
      cells: ["web", "1/1", "Running", "0", "60m", "10.244.0.5", "n1", "<none>", "<none>"],
    },
    {
      name: "podIP without podIPs",
      pod: pod((p) => (p.status!.podIP = "10.244.0.7"), makePod("web").onNode("n1").ready()),
      cells: ["web", "1/1", "Running", "0", "60m", "10.244.0.7", "n1", "<none>", "<none>"],
    },
    {
      name: "crash loop: restarts with the time of the last one",
      pod: pod((p) => {
        p.status = {
          phase: "Running",
          containerStatuses: [
            {
              ...running("app", 5, ago(5 * MIN)),
              ready: false,
              state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 2m40s restarting failed container" } },
            },
          ],
        };
      }),
      cells: ["web", "0/1", "CrashLoopBackOff", "5 (5m ago)", "60m", "<none>", "<none>", "<none>", "<none>"],
    },
    {
      name: "restarts without a recorded termination time print the bare count",
      pod: pod((p) => (p.status = { phase: "Running", containerStatuses: [running("app", 3)] })),
      cells: ["web", "1/1", "Running", "3", "60m", "<none>", "<none>", "<none>", "<none>"],
    },
    {
      name: "nominated node and readiness gates",
      pod: pod((p) => {
        p.spec!.readinessGates = [{ conditionType: "example.com/lb" }, { conditionType: "example.com/dns" }];
        p.status!.nominatedNodeName = "n2";
        p.status!.conditions!.push({ type: "example.com/lb", status: "True" }, { type: "example.com/dns", status: "False" });
      }, makePod("web").ready()),
      cells: ["web", "1/1", "Running", "0", "60m", "<none>", "<none>", "n2", "1/2"],
    },
    {
      name: "being deleted",
      pod: pod((p) => (p.metadata.deletionTimestamp = ago(MIN)), makePod("web").onNode("n1").ready()),
      cells: ["web", "1/1", "Terminating", "0", "60m", "<none>", "n1", "<none>", "<none>"],
    },
  ])("$name", ({ pod, cells }) => {
    expect(podRow(pod, NOW).cells).toEqual(cells);
  });

  it.each([
    { phase: "Succeeded", reason: "Succeeded", message: "The pod has completed successfully." },
    { phase: "Failed", reason: "Failed", message: "The pod failed." },
  ])("a $phase pod carries the Completed row condition", ({ phase, reason, message }) => {
    expect(podRow(pod((p) => (p.status = { phase })), NOW).conditions).toEqual([{ type: "Completed", status: "True", reason, message }]);
  });

  it("running pods carry no row conditions", () => {
    expect(podRow(pod(undefined, makePod("web").ready()), NOW).conditions).toBeUndefined();
  });
});

describe("podRestarts", () => {
  const init = (restartCount: number, state: object, extra: object = {}) => ({ name: "init", image: "busybox", imageID: "", ready: false, restartCount, state, ...extra });

  it("counts init container restarts only while the pod is initializing", () => {
    const initializing = pod((p) => {
      p.spec!.initContainers = [{ name: "init", image: "busybox" }];
      p.status = { phase: "Pending", initContainerStatuses: [init(2, { running: { startedAt: CREATED } })], containerStatuses: [] };
    });
    expect(podRestarts(initializing).restarts).toBe(2);

    const initialized = pod((p) => {
      p.spec!.initContainers = [{ name: "init", image: "busybox" }];
      p.status = {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }],
        initContainerStatuses: [init(1, { terminated: { exitCode: 0, reason: "Completed" } })],
        containerStatuses: [running("app")],
      };
    });
    expect(podRestarts(initialized).restarts).toBe(0);
  });

  it("counts a started sidecar (restartable init container) into READY and RESTARTS", () => {
    const p = pod((p) => {
      p.spec!.initContainers = [{ name: "proxy", image: "envoy", restartPolicy: "Always" }];
      p.status = {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }],
        initContainerStatuses: [{ ...running("proxy", 1, ago(2 * MIN)) }],
        containerStatuses: [running("app")],
      };
    });
    expect(podRestarts(p)).toEqual({ restarts: 1, lastRestart: NOW - 2 * MIN, sidecarsReady: 1, sidecars: 1 });
    expect(podRow(p, NOW).cells.slice(0, 4)).toEqual(["web", "2/2", "Running", "1 (2m ago)"]);
  });

  it("a pod still in its regular init step after a started sidecar reads Init:1/2", () => {
    const p = pod((p) => {
      p.spec!.initContainers = [
        { name: "proxy", image: "envoy", restartPolicy: "Always" },
        { name: "migrate", image: "busybox" },
      ];
      p.status = {
        phase: "Pending",
        initContainerStatuses: [running("proxy"), init(0, { running: { startedAt: CREATED } }, { name: "migrate" })],
        containerStatuses: [{ ...running("app"), ready: false, started: false, state: { waiting: { reason: "PodInitializing" } } }],
      };
    });
    expect(podRow(p, NOW).cells.slice(0, 4)).toEqual(["web", "1/2", "Init:1/2", "0"]);
  });

  it("takes the latest termination across containers for the '(… ago)' suffix", () => {
    const p = pod((p) => {
      p.spec!.containers.push({ name: "side", image: "busybox" });
      p.status = { phase: "Running", containerStatuses: [running("app", 1, ago(30 * MIN)), running("side", 2, ago(90_000))] };
    });
    expect(podRow(p, NOW).cells[3]).toBe("3 (90s ago)");
  });
});
