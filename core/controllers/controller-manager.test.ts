// Why: the four controllers together, through the ControllerManager, over the real store: create, become Available, roll out, cascade-delete, delete a namespace.

import { describe, it, expect } from "vitest";
import { FakeClock } from "../clock/fake-clock";
import { resourceTypeByKind } from "../api/resources";
import type { Deployment, Namespace, Pod, ReplicaSet } from "../api/types";
import { MemoryStore } from "../store/memory-store";
import { makeDeployment, makeNamespace } from "../testing/builders";
import { CONTROLLER_EVENT_COMPONENTS, ControllerManager } from "./controller-manager";
import type { EventSource } from "../events/recorder";
import { ensureSystemNamespaces } from "./namespace/namespace-controller";
import { isPodReady } from "./pod-util";
import { RecordingRecorder } from "./testing/recording-recorder";

const POD = resourceTypeByKind("", "Pod")!;
const RS = resourceTypeByKind("apps", "ReplicaSet")!;
const DEPLOY = resourceTypeByKind("apps", "Deployment")!;
const NS = resourceTypeByKind("", "Namespace")!;

function cluster() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  const recorder = new RecordingRecorder();
  const errors: unknown[] = [];
  const cm = new ControllerManager({ client: store, clock, recorder, onError: (_c, _k, e) => errors.push(e) });
  return { clock, store, recorder, cm, errors };
}

describe("ControllerManager end to end", () => {
  it("runs a Deployment through creation, availability, a rolling update and deletion", async () => {
    const { store, cm, recorder, clock, errors } = cluster();
    await ensureSystemNamespaces(store);
    cm.start();
    const pods = (ns = "default") => store.list<Pod>(POD, { namespace: ns }).items.filter((p) => !p.metadata.deletionTimestamp);
    const deploy = () => store.get<Deployment>(DEPLOY, "default", "web")!;
    const markReady = async (p: Pod) => {
      const copy = structuredClone(store.get<Pod>(POD, p.metadata.namespace, p.metadata.name!)!);
      copy.status = { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: new Date(clock.now()).toISOString().replace(".000Z", "Z") }] };
      await store.update(copy, { subresource: "status" });
    };

    await store.create(makeDeployment("web").replicas(3).strategy({ maxSurge: 1, maxUnavailable: 1 }).build());
    await cm.waitForIdle();
    expect(store.list(RS, { namespace: "default" }).items).toHaveLength(1);
    expect(pods()).toHaveLength(3);
    expect(deploy().status?.conditions?.find((c) => c.type === "Available")?.status).toBe("False");

    for (const p of pods()) await markReady(p);
    await cm.waitForIdle();
    expect(deploy().status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 });
    expect(deploy().status?.conditions?.find((c) => c.type === "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });

    // Rolling update: never fewer than 3 - 1 ready, never more than 3 + 1 pods.
    const d = structuredClone(deploy());
    d.spec!.template.spec!.containers[0].image = "nginx:1.27";
    await store.update(d);
    await cm.waitForIdle();
    let steps = 0;
    for (; steps < 30; steps++) {
      const live = pods();
      expect(live.length).toBeLessThanOrEqual(4);
      expect(live.filter(isPodReady).length).toBeGreaterThanOrEqual(2);
      const next = live.find((p) => !isPodReady(p));
      if (!next) break;
      await markReady(next);
      await cm.waitForIdle();
    }
    expect(steps).toBeGreaterThan(0);
    expect(pods().map((p) => p.spec?.containers[0].image)).toEqual(["nginx:1.27", "nginx:1.27", "nginx:1.27"]);
    const sets = store.list<ReplicaSet>(RS, { namespace: "default" }).items;
    expect(sets.map((s) => s.spec?.replicas).sort()).toEqual([0, 3]);
    expect(deploy().status?.conditions?.find((c) => c.type === "Progressing")?.reason).toBe("NewReplicaSetAvailable");
    expect(recorder.messages("ScalingReplicaSet").length).toBeGreaterThanOrEqual(4);

    // Deleting the Deployment cascades to its ReplicaSets and pods.
    await store.delete(DEPLOY, "default", "web");
    await cm.waitForIdle();
    expect(store.list(RS, { namespace: "default" }).items).toHaveLength(0);
    expect(store.list(POD, { namespace: "default" }).items).toHaveLength(0);
    expect(errors).toEqual([]);
    cm.stop();
  });

  it("deletes a namespace with its contents", async () => {
    const { store, cm, errors } = cluster();
    cm.start();
    await store.create(makeNamespace("team").build());
    await store.create(makeDeployment("api").namespace("team").replicas(2).build());
    await cm.waitForIdle();
    expect(store.list(POD, { namespace: "team" }).items).toHaveLength(2);
    await store.delete(NS, undefined, "team");
    await cm.waitForIdle();
    expect(store.get<Namespace>(NS, undefined, "team")).toBeUndefined();
    expect(store.list(POD, { namespace: "team" }).items).toHaveLength(0);
    expect(store.list(RS, { namespace: "team" }).items).toHaveLength(0);
    expect(errors.filter((e) => !(e instanceof Error && /Conflict|modified|not found/i.test(e.message)))).toEqual([]);
    cm.stop();
  });

  it("rejects unknown controller names", () => {
    const clock = new FakeClock();
    expect(() => new ControllerManager({ client: new MemoryStore({ clock }), clock, recorder: new RecordingRecorder(), controllers: ["nope"] })).toThrow(/unknown controller "nope"/);
  });

  it.each([
    { controller: "deployment", component: "deployment-controller" },
    { controller: "replicaset", component: "replicaset-controller" },
    { controller: "endpoint", component: "endpoint-controller" },
    { controller: "namespace", component: "namespace-controller" },
    { controller: "garbage-collector", component: "garbage-collector-controller" },
    { controller: "clusterrole-aggregation", component: "clusterrole-aggregation-controller" },
  ])("gives the $controller controller a recorder named $component, as kube-controller-manager does", ({ controller, component }) => {
    const clock = new FakeClock();
    const sources: EventSource[] = [];
    new ControllerManager({ client: new MemoryStore({ clock }), clock, controllers: [controller], recorder: (source) => (sources.push(source), new RecordingRecorder()) });
    expect(sources).toEqual([{ component }]);
    expect(CONTROLLER_EVENT_COMPONENTS[controller as keyof typeof CONTROLLER_EVENT_COMPONENTS]).toBe(component);
  });
});
