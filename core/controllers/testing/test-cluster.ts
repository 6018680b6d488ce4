// Why: controller tests share one setup (real MemoryStore, FakeClock, shared informers, recording events) and a way to wait until controllers are done.

import { FakeClock } from "../../clock/fake-clock";
import { resourceTypeByKind } from "../../api/resources";
import type { KubeObject, Pod } from "../../api/types";
import { InformerFactory } from "../../informer/informer-factory";
import { MemoryStore } from "../../store/memory-store";
import type { ControllerContext } from "../context";
import type { ManagedController } from "../controller";
import { waitForIdle } from "../idle";
import { RecordingRecorder } from "./recording-recorder";

/** A store plus the given controllers, on a FakeClock. Call `start()` after seeding (or before: both work). */
export class TestCluster {
  readonly clock = new FakeClock();
  readonly store = new MemoryStore({ clock: this.clock, random: seeded(42) });
  readonly recorder = new RecordingRecorder();
  readonly informers = new InformerFactory({ client: this.store, clock: this.clock });
  readonly controllers: ManagedController[];
  readonly errors: { controller: string; key: string; err: unknown }[] = [];

  constructor(factories: ((ctx: ControllerContext) => ManagedController)[]) {
    const ctx: ControllerContext = {
      client: this.store,
      clock: this.clock,
      recorder: this.recorder,
      informers: this.informers,
      onError: (controller, key, err) => this.errors.push({ controller, key, err }),
    };
    this.controllers = factories.map((f) => f(ctx));
  }

  start(): void {
    this.informers.start();
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    for (const c of this.controllers) c.stop();
    this.informers.stop();
  }

  idle(): Promise<void> {
    return waitForIdle(this.informers, this.controllers);
  }

  /** Advance the fake clock by `ms` (firing timers and letting reconciles run), then wait for idle. */
  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
    await this.idle();
  }

  list<T extends KubeObject>(kind: string, namespace = "default", group = kind === "Deployment" || kind === "ReplicaSet" ? "apps" : ""): T[] {
    return this.store.list<T>(resourceTypeByKind(group, kind)!, { namespace }).items;
  }

  /** Mark a pod Running and Ready (what the kubelet would do), as of the clock's now. */
  async markReady(pod: Pod, ready = true): Promise<void> {
    const cur = this.store.get<Pod>(resourceTypeByKind("", "Pod")!, pod.metadata.namespace, pod.metadata.name ?? "");
    if (!cur) return;
    const copy = structuredClone(cur);
    const t = new Date(Math.floor(this.clock.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
    copy.status = {
      ...copy.status,
      phase: "Running",
      conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: t }],
    };
    await this.store.update(copy, { subresource: "status" });
  }
}

/** A deterministic random source (mulberry32) for generateName. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
