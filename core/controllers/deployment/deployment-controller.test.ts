// Why: the Deployment controller's rollouts, as a user sees them through ReplicaSets, pods, status, conditions and events.

import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { resourceTypeByKind } from "../../api/resources";
import type { Deployment, Pod, ReplicaSet } from "../../api/types";
import { makeDeployment, makeReplicaSet } from "../../testing/builders";
import { TestCluster } from "../testing/test-cluster";
import { isPodReady } from "../pod-util";
import { ReplicaSetController } from "../replicaset/replicaset-controller";
import { DeploymentController } from "./deployment-controller";
import { computeHash } from "./pod-template-hash";

const DEPLOY = resourceTypeByKind("apps", "Deployment")!;
const POD = resourceTypeByKind("", "Pod")!;

let c: TestCluster;
beforeEach(() => {
  c = new TestCluster([(ctx) => new DeploymentController(ctx), (ctx) => new ReplicaSetController(ctx)]);
  c.start();
});
afterEach(() => c.stop());

const deploy = (name = "web") => c.store.get<Deployment>(DEPLOY, "default", name)!;
const sets = () => c.list<ReplicaSet>("ReplicaSet").sort((a, b) => Number(a.metadata.annotations?.["deployment.kubernetes.io/revision"]) - Number(b.metadata.annotations?.["deployment.kubernetes.io/revision"]));
const livePods = () => c.list<Pod>("Pod").filter((p) => !p.metadata.deletionTimestamp);
const cond = (type: string) => deploy().status?.conditions?.find((x) => x.type === type);

async function readyAll(): Promise<void> {
  for (const p of livePods()) if (!isPodReady(p)) await c.markReady(p);
  await c.idle();
}

async function edit(fn: (d: Deployment) => void, name = "web"): Promise<void> {
  const d = structuredClone(deploy(name));
  fn(d);
  await c.store.update(d);
  await c.idle();
}

describe("DeploymentController", () => {
  it("creates a ReplicaSet named after the template hash with revision and replica annotations", async () => {
    const d = await c.store.create(makeDeployment("web").replicas(3).build());
    await c.idle();
    const [rs] = sets();
    const hash = computeHash(d.spec!.template);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(rs.metadata.annotations).toMatchObject({
      "deployment.kubernetes.io/revision": "1",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
    expect(rs.spec?.selector?.matchLabels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: "web", "pod-template-hash": hash });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: "Deployment", uid: d.metadata.uid, controller: true });
    expect(rs.spec?.replicas).toBe(3);
    expect(livePods()).toHaveLength(3);
    expect(deploy().metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
    expect(c.recorder.messages("ScalingReplicaSet")).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    expect(cond("Available")).toMatchObject({ status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." });
    expect(cond("Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated" });
  });

  it("becomes Available and reports NewReplicaSetAvailable when its pods are ready", async () => {
    await c.store.create(makeDeployment("web").replicas(3).build());
    await c.idle();
    await readyAll();
    const s = deploy().status!;
    expect(s).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(s.unavailableReplicas).toBeUndefined();
    const rs = sets()[0];
    expect(cond("Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." });
    expect(cond("Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
    expect(cond("Progressing")!.lastUpdateTime).toBe("2026-01-01T00:00:00Z");
  });

  it.each([
    { name: "maxSurge 1, maxUnavailable 0", surge: 1, unavailable: 0 },
    { name: "maxSurge 0, maxUnavailable 1", surge: 0, unavailable: 1 },
    { name: "25%/25% of 4", surge: "25%", unavailable: "25%" },
  ])("rolls out within maxSurge and maxUnavailable ($name)", async ({ surge, unavailable }) => {
    await c.store.create(makeDeployment("web").replicas(4).strategy({ maxSurge: surge, maxUnavailable: unavailable }).build());
    await c.idle();
    await readyAll();
    await edit((d) => (d.spec!.template.spec!.containers[0].image = "nginx:2"));
    const maxS = typeof surge === "number" ? surge : 1;
    const maxU = typeof unavailable === "number" ? unavailable : 1;
    for (let step = 0; step < 20; step++) {
      const pods = livePods();
      expect(pods.length).toBeLessThanOrEqual(4 + maxS);
      expect(pods.filter(isPodReady).length).toBeGreaterThanOrEqual(4 - maxU);
      const waiting = pods.find((p) => !isPodReady(p));
      if (!waiting) break;
      await c.markReady(waiting);
      await c.idle();
    }
    const [old, cur] = sets();
    expect(old.spec?.replicas).toBe(0);
    expect(cur.spec?.replicas).toBe(4);
    expect(cur.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(livePods().every((p) => p.spec?.containers[0].image === "nginx:2")).toBe(true);
    expect(deploy().status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(cond("Progressing")?.reason).toBe("NewReplicaSetAvailable");
    expect(deploy().metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
  });

  it("reuses the old ReplicaSet on rollback and gives it the next revision", async () => {
    await c.store.create(makeDeployment("web").replicas(2).build());
    await c.idle();
    await readyAll();
    const first = sets()[0].metadata.name;
    await edit((d) => (d.spec!.template.spec!.containers[0].image = "nginx:2"));
    await readyAll();
    await readyAll();
    await edit((d) => (d.spec!.template.spec!.containers[0].image = "nginx"));
    await readyAll();
    await readyAll();
    const all = sets();
    expect(all).toHaveLength(2);
    const back = all.find((rs) => rs.metadata.name === first)!;
    expect(back.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    expect(back.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("1");
    expect(back.spec?.replicas).toBe(2);
    expect(deploy().metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
  });

  it("Recreate scales the old ReplicaSet to zero and creates the new one only once its pods are gone", async () => {
    await c.store.create(makeDeployment("web").replicas(2).strategy("Recreate").build());
    await c.idle();
    await readyAll();
    // Bind the pods to a node so their deletion is graceful and they linger.
    for (const p of livePods()) await c.store.update({ ...structuredClone(p), spec: { ...p.spec!, nodeName: "n1" } });
    await edit((d) => (d.spec!.template.spec!.containers[0].image = "nginx:2"));
    expect(sets()).toHaveLength(1);
    expect(sets()[0].spec?.replicas).toBe(0);
    const lingering = c.list<Pod>("Pod");
    expect(lingering.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    for (const p of lingering) await c.store.delete(POD, "default", p.metadata.name!, { gracePeriodSeconds: 0 });
    await c.idle();
    expect(sets()).toHaveLength(2);
    expect(sets()[1].spec?.replicas).toBe(2);
    expect(c.recorder.messages("ScalingReplicaSet").slice(-2)).toEqual([`Scaled down replica set ${sets()[0].metadata.name} from 2 to 0`, `Scaled up replica set ${sets()[1].metadata.name} from 0 to 2`]);
  });

  it("while paused, does not roll out but still scales", async () => {
    await c.store.create(makeDeployment("web").replicas(2).build());
    await c.idle();
    await edit((d) => {
      d.spec!.paused = true;
      d.spec!.template.spec!.containers[0].image = "nginx:2";
    });
    expect(sets()).toHaveLength(1);
    expect(cond("Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });
    await edit((d) => (d.spec!.replicas = 5));
    expect(sets()[0].spec?.replicas).toBe(5);
    await edit((d) => (d.spec!.paused = false));
    expect(sets()).toHaveLength(2);
    expect(cond("Progressing")?.reason).not.toBe("DeploymentPaused");
  });

  it("keeps at most revisionHistoryLimit old ReplicaSets", async () => {
    await c.store.create(makeDeployment("web").replicas(1).with((d) => (d.spec!.revisionHistoryLimit = 1)).build());
    await c.idle();
    for (const img of ["a", "b", "c", "d"]) {
      await readyAll();
      await edit((d) => (d.spec!.template.spec!.containers[0].image = img));
      await readyAll();
      await readyAll();
    }
    const all = sets();
    expect(all.map((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"])).toEqual(["4", "5"]);
  });

  it("reports ProgressDeadlineExceeded when pods never become ready", async () => {
    await c.store.create(makeDeployment("web").replicas(1).with((d) => (d.spec!.progressDeadlineSeconds = 30)).build());
    await c.idle();
    expect(cond("Progressing")?.status).toBe("True");
    await c.advance(31_000);
    await c.advance(1_000);
    const rs = sets()[0];
    expect(cond("Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
  });

  it("scales proportionally during a rollout", async () => {
    await c.store.create(makeDeployment("web").replicas(10).strategy({ maxSurge: 3, maxUnavailable: 2 }).build());
    await c.idle();
    await readyAll();
    await edit((d) => (d.spec!.template.spec!.containers[0].image = "nginx:2"));
    const before = sets().map((rs) => rs.spec?.replicas);
    expect(before).toEqual([8, 5]);
    await edit((d) => (d.spec!.replicas = 20));
    const after = sets().map((rs) => rs.spec?.replicas ?? 0);
    expect(after[0] + after[1]).toBe(23);
    expect(after[0]).toBeGreaterThan(after[1]);
  });

  it("bumps collisionCount when its ReplicaSet name is taken by somebody else's ReplicaSet", async () => {
    const d = makeDeployment("web").replicas(1).build();
    const squatter = makeReplicaSet(`web-${computeHash(d.spec!.template)}`).replicas(0).labels({ app: "squatter" }).build();
    await c.store.create(squatter);
    await c.store.create(d);
    await c.idle();
    await c.advance(100);
    expect(deploy().status?.collisionCount).toBe(1);
    const mine = sets().find((rs) => rs.metadata.ownerReferences?.length);
    expect(mine?.metadata.name).toBe(`web-${computeHash(d.spec!.template, 1)}`);
    expect(livePods()).toHaveLength(1);
  });
});
