// Why: one pod on one node: pulls images, starts containers in order, restarts them with back-off, probes them, and reports status.

import type { Clock, TimerHandle } from "../clock/clock";
import { resourceTypeByKind } from "../api/resources";
import type { Container, Pod } from "../api/types";
import type { EventRecorder } from "../events/recorder";
import type { ObjectClient } from "../store/types";
import { ContainerConfigError, containerEnv, expandKubeVars, mountedFiles } from "./container-env";
import { planPull, pulledMessage, type ImageCache } from "./image-puller";
import { goDuration, pseudoHex, type ImageInfo } from "./images";
import { LogBuffer, type LogBufferConfig } from "./log-buffer";
import { buildPodStatus, type ContainerRecord, type PodRecord, type Termination } from "./pod-status";
import { ProbeWorker, runProbe, type ProbeKind } from "./probe-worker";
import { createWorkload } from "./workloads/create-workload";
import type { Workload } from "./workloads/types";

const PODS = resourceTypeByKind("", "Pod")!;
const MAX_BACKOFF_MS = 300_000;
const INITIAL_BACKOFF_MS = 10_000;
/** How long after an exit the kubelet notices it (PLEG relist) and acts. */
const PLEG_MS = 1000;

/** What a pod worker needs from its kubelet. */
export interface PodWorkerContext {
  client: ObjectClient;
  clock: Clock;
  recorder: EventRecorder;
  random: () => number;
  hostIP: string;
  probeSourceIP: string;
  cpus: number;
  images: ImageCache;
  allocateIP(): string;
  releaseIP(ip: string): void;
  /** True while the node is stopped (fault injection): nothing is written. */
  paused(): boolean;
  logLimits?: LogBufferConfig;
  syntheticTraffic?: boolean;
}

/** A container running now, as the kubelet's stats provider sees it (for core/metrics). */
export interface RunningContainer {
  name: string;
  spec: Container;
  /** The image reference as resolved (`docker.io/library/nginx:latest`). */
  image: string;
  containerID: string;
  startedAt: number;
  restartCount: number;
  workload: Workload;
}

interface Instance {
  workload: Workload;
  startedAt: number;
  containerID: string;
  exited: boolean;
  killTimer?: TimerHandle;
}

interface Slot {
  spec: Container;
  rec: ContainerRecord;
  busy: boolean;
  instance?: Instance;
  logs?: LogBuffer;
  previousLogs?: LogBuffer;
  fs: Map<string, string>;
  backoffMs: number;
  pullBackoffMs: number;
  probes: ProbeWorker[];
}

/** Drives one pod bound to this node until it is deleted. */
export class PodWorker {
  pod: Pod;
  private readonly rec: PodRecord;
  private readonly slots: Slot[];
  private readonly timers = new Set<TimerHandle>();
  private deleting = false;
  private disposed = false;
  private dirty = false;
  private writing = false;

  constructor(
    private readonly ctx: PodWorkerContext,
    pod: Pod,
  ) {
    this.pod = pod;
    this.rec = { hostIP: ctx.hostIP, startTime: ctx.clock.now(), sandboxReady: false, containers: [] };
    const hasInit = (pod.spec?.initContainers ?? []).length > 0;
    const mk = (c: Container, init: boolean): Slot => {
      const rec: ContainerRecord = {
        name: c.name,
        init,
        sidecar: init && c.restartPolicy === "Always",
        image: c.image ?? "",
        imageID: "",
        state: "waiting",
        waiting: { reason: !init && hasInit ? "PodInitializing" : init ? "PodInitializing" : "ContainerCreating" },
        restartCount: 0,
        ready: false,
        started: false,
      };
      this.rec.containers.push(rec);
      return { spec: c, rec, busy: false, fs: new Map(), backoffMs: 0, pullBackoffMs: INITIAL_BACKOFF_MS, probes: [] };
    };
    this.slots = [...(pod.spec?.initContainers ?? []).map((c) => mk(c, true)), ...(pod.spec?.containers ?? []).map((c) => mk(c, false))];
  }

  private get key(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.pod.metadata.uid})`;
  }

  /** Starts the pod: sandbox, then containers. A pod already terminal is left as it is. */
  start(): void {
    const phase = this.pod.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") {
      this.rec.terminalPhase = phase;
      return;
    }
    if (this.pod.metadata.deletionTimestamp) {
      void this.finishDeletion();
      return;
    }
    const firstInit = this.slots.find((s) => s.rec.init);
    if (firstInit) firstInit.rec.waiting = { reason: "PodInitializing" };
    this.markDirty();
    this.after(300 + Math.floor(this.ctx.random() * 400), () => {
      this.rec.podIP = this.pod.spec?.hostNetwork ? this.ctx.hostIP : this.ctx.allocateIP();
      this.rec.sandboxReady = true;
      this.markDirty();
      this.advance();
    });
  }

  /** A newer version of the pod from the watch. */
  update(pod: Pod): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp && !this.deleting) this.beginTermination();
  }

  /** The pod is gone from the API: stop everything silently and free its IP. */
  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    for (const s of this.slots) {
      for (const p of s.probes) p.stop();
      s.instance?.workload.kill();
    }
    if (this.rec.podIP && !this.pod.spec?.hostNetwork) this.ctx.releaseIP(this.rec.podIP);
  }

  /** Writes the status again (after the node comes back). */
  resync(): void {
    this.markDirty();
  }

  /** The log of the current (or, when waiting to restart, the last) instance, or the previous instance. */
  logs(container: string, previous: boolean): LogBuffer | undefined {
    const s = this.slots.find((x) => x.spec.name === container);
    if (!s) return undefined;
    return previous ? s.previousLogs : s.logs;
  }

  /** The container's workload, when running (for services and kubectl exec). */
  workload(container: string): Workload | undefined {
    const s = this.slots.find((x) => x.spec.name === container);
    return s?.instance && !s.instance.exited ? s.instance.workload : undefined;
  }

  podIP(): string | undefined {
    return this.rec.podIP;
  }

  /** The containers running now (init containers included while they run). */
  runningContainers(): RunningContainer[] {
    const out: RunningContainer[] = [];
    for (const s of this.slots) {
      const i = s.instance;
      if (!i || i.exited || s.rec.state !== "running") continue;
      out.push({ name: s.spec.name, spec: s.spec, image: s.rec.image, containerID: i.containerID, startedAt: i.startedAt, restartCount: s.rec.restartCount, workload: i.workload });
    }
    return out;
  }

  /**
   * SIGKILL the container (exit code 137); the restart policy applies. `reason` is the
   * terminated reason: "Error" for an injected kill, "OOMKilled" when over its memory limit.
   */
  killContainer(container: string, reason = "Error"): boolean {
    const s = this.slots.find((x) => x.spec.name === container);
    if (!s?.instance || s.instance.exited) return false;
    s.instance.workload.kill();
    this.onExit(s, s.instance, 137, { reason });
    return true;
  }

  private after(ms: number, fn: () => void): TimerHandle {
    const h = this.ctx.clock.setTimer(() => {
      this.timers.delete(h);
      if (!this.disposed) fn();
    }, ms);
    this.timers.add(h);
    return h;
  }

  private clearTimers(): void {
    for (const t of this.timers) this.ctx.clock.clearTimer(t);
    this.timers.clear();
  }

  private event(type: "Normal" | "Warning", reason: string, message: string): void {
    if (!this.ctx.paused()) this.ctx.recorder.event(this.pod, type, reason, message);
  }

  /** Starts whatever may start now: the next init container, or every app container not yet started. */
  private advance(): void {
    if (this.disposed || this.deleting || this.rec.terminalPhase || !this.rec.sandboxReady) return;
    for (const s of this.slots.filter((x) => x.rec.init)) {
      if (s.rec.sidecar) {
        if (!s.rec.started) {
          if (!s.busy && !s.instance && !s.rec.lastTermination) this.launch(s);
          return;
        }
        continue;
      }
      if (s.rec.state === "terminated" && s.rec.terminated?.exitCode === 0) continue;
      if (!s.busy && !s.instance && s.rec.restartCount === 0 && !s.rec.lastTermination && s.rec.state !== "terminated") this.launch(s);
      return;
    }
    for (const s of this.slots.filter((x) => !x.rec.init)) {
      if (s.rec.waiting?.reason === "PodInitializing") s.rec.waiting = { reason: "ContainerCreating" };
      if (!s.busy && !s.instance && !s.rec.lastTermination && s.rec.state === "waiting") this.launch(s);
    }
    this.markDirty();
  }

  private setWaiting(s: Slot, reason: string, message?: string): void {
    s.rec.state = "waiting";
    s.rec.waiting = { reason, message };
    this.markDirty();
  }

  /** Image, configuration, create, start. Failures wait and retry as the kubelet's sync loop would. */
  private launch(s: Slot): void {
    s.busy = true;
    const retry = (ms: number) => {
      s.busy = false;
      this.after(ms, () => this.launch(s));
    };
    const plan = planPull(s.spec.image ?? "", s.spec.imagePullPolicy, this.ctx.images, this.ctx.random);
    const ref = s.spec.image ?? "";
    const proceed = (image: ImageInfo) => {
      s.pullBackoffMs = INITIAL_BACKOFF_MS;
      s.rec.image = image.fullName;
      s.rec.imageID = image.imageID;
      this.create(s, image, retry);
    };
    if (plan.kind === "present") {
      this.event("Normal", "Pulled", plan.message);
      proceed(plan.image);
      return;
    }
    if (plan.kind === "never") {
      this.setWaiting(s, "ErrImageNeverPull", plan.message);
      this.event("Warning", "ErrImageNeverPull", plan.message);
      retry(s.pullBackoffMs);
      return;
    }
    this.event("Normal", "Pulling", `Pulling image "${ref}"`);
    this.after(plan.ms, () => {
      if (this.deleting) return;
      if (plan.image) {
        this.ctx.images.add(plan.image);
        this.event("Normal", "Pulled", pulledMessage(ref, plan.ms, plan.image.sizeBytes));
        proceed(plan.image);
        return;
      }
      this.event("Warning", "Failed", `Failed to pull image "${ref}": ${plan.error}`);
      this.event("Warning", "Failed", "Error: ErrImagePull");
      this.setWaiting(s, "ErrImagePull", plan.error);
      const backoff = s.pullBackoffMs;
      s.pullBackoffMs = Math.min(backoff * 2, MAX_BACKOFF_MS);
      this.after(Math.min(2000, backoff), () => {
        this.setWaiting(s, "ImagePullBackOff", `Back-off pulling image "${ref}": ErrImagePull: ${plan.error}`);
        this.event("Normal", "BackOff", `Back-off pulling image "${ref}"`);
        this.event("Warning", "Failed", "Error: ImagePullBackOff");
      });
      retry(backoff);
    });
  }

  private create(s: Slot, image: ImageInfo, retry: (ms: number) => void): void {
    let env: Record<string, string>;
    try {
      env = containerEnv(this.ctx.client, this.pod, s.spec);
    } catch (e) {
      if (!(e instanceof ContainerConfigError)) throw e;
      this.setWaiting(s, "CreateContainerConfigError", e.message);
      this.event("Warning", "Failed", `Error: ${e.message}`);
      retry(INITIAL_BACKOFF_MS);
      return;
    }
    const mounts = mountedFiles(this.ctx.client, this.pod, s.spec);
    if ("error" in mounts) {
      this.event("Warning", "FailedMount", mounts.error);
      retry(INITIAL_BACKOFF_MS);
      return;
    }
    env = { ...env };
    this.after(50 + Math.floor(this.ctx.random() * 100), () => {
      if (this.deleting) return;
      const now = this.ctx.clock.now();
      const containerID = `containerd://${pseudoHex(`${this.pod.metadata.uid}/${s.spec.name}/${s.rec.restartCount}/${now}/${this.ctx.random()}`)}`;
      if (s.logs) s.previousLogs = s.logs;
      const logs = new LogBuffer(this.ctx.logLimits);
      s.logs = logs;
      s.fs = new Map(mounts.files);
      if (s.rec.lastTermination || s.rec.terminated) {
        s.rec.lastTermination = s.rec.terminated ?? s.rec.lastTermination;
        s.rec.restartCount++;
      }
      s.rec.terminated = undefined;
      s.rec.containerID = containerID;
      const spec: Container = {
        ...s.spec,
        command: s.spec.command?.map((a) => expandKubeVars(a, env)),
        args: s.spec.args?.map((a) => expandKubeVars(a, env)),
      };
      const box: { instance?: Instance } = {};
      const workload = createWorkload(
        image,
        spec,
        {
          clock: this.ctx.clock,
          random: this.ctx.random,
          env,
          hostname: env.HOSTNAME,
          podIP: this.rec.podIP ?? "",
          probeSourceIP: this.ctx.probeSourceIP,
          fs: s.fs,
          cpus: this.ctx.cpus,
          write: (text, stream) => logs.write(this.ctx.clock.now(), text, stream ?? "stdout"),
          exit: (code) => {
            if (box.instance) this.onExit(s, box.instance, code, {});
          },
        },
        { syntheticTraffic: this.ctx.syntheticTraffic },
      );
      this.event("Normal", "Created", `Created container: ${s.spec.name}`);
      if ("startError" in workload) {
        this.event("Warning", "Failed", `Error: ${workload.startError}`);
        const fake: Instance = { workload: { start() {}, terminate() {}, kill() {}, listens: () => false, http: () => undefined, exec: async () => ({ exitCode: 126, output: "" }) }, startedAt: now, containerID, exited: false };
        s.instance = fake;
        this.onExit(s, fake, 128, { reason: "StartError", message: workload.startError, startedAt: 0 });
        s.busy = false;
        return;
      }
      const instance: Instance = { workload, startedAt: now, containerID, exited: false };
      box.instance = instance;
      s.instance = instance;
      s.rec.state = "running";
      s.rec.waiting = undefined;
      s.rec.startedAt = now;
      this.event("Normal", "Started", `Started container ${s.spec.name}`);
      s.busy = false;
      workload.start();
      if (instance.exited) return;
      this.startProbes(s, instance);
      this.markDirty();
      if (s.rec.sidecar && s.rec.started) this.advance();
    });
  }

  private startProbes(s: Slot, inst: Instance): void {
    const spec = s.spec;
    const mk = (kind: ProbeKind, probe: NonNullable<Container["livenessProbe"]>) =>
      new ProbeWorker({
        clock: this.ctx.clock,
        kind,
        probe,
        run: () => runProbe(probe, spec, inst.workload, this.rec.podIP ?? "", this.ctx.probeSourceIP),
        onAttempt: (outcome, result, changed, failedOut) => this.onProbe(s, inst, kind, outcome.ok, outcome.message, result, changed, failedOut),
      });
    const begin = () => {
      s.rec.started = true;
      if (!spec.readinessProbe) s.rec.ready = true;
      const more: ProbeWorker[] = [];
      if (spec.livenessProbe) more.push(mk("liveness", spec.livenessProbe));
      if (spec.readinessProbe) more.push(mk("readiness", spec.readinessProbe));
      s.probes.push(...more);
      for (const p of more) p.start();
      this.markDirty();
    };
    s.probes = [];
    if (spec.startupProbe) {
      const sp = mk("startup", spec.startupProbe);
      s.probes.push(sp);
      sp.start();
      (sp as ProbeWorker & { begin?: () => void }).begin = begin;
    } else begin();
  }

  private onProbe(s: Slot, inst: Instance, kind: ProbeKind, ok: boolean, message: string, result: boolean, changed: boolean, failedOut: boolean): void {
    if (inst !== s.instance || inst.exited || this.deleting) return;
    const label = kind === "liveness" ? "Liveness" : kind === "readiness" ? "Readiness" : "Startup";
    if (!ok) this.event("Warning", "Unhealthy", `${label} probe failed: ${message}`);
    if (kind === "startup") {
      if (ok && changed) {
        const sp = s.probes.find((p) => p.kind === "startup") as (ProbeWorker & { begin?: () => void }) | undefined;
        sp?.begin?.();
        if (s.rec.sidecar) this.advance();
      } else if (failedOut) this.killForRestart(s, inst, `Container ${s.spec.name} failed startup probe, will be restarted`);
      return;
    }
    if (kind === "liveness") {
      if (!result && changed) this.killForRestart(s, inst, `Container ${s.spec.name} failed liveness probe, will be restarted`);
      return;
    }
    if (changed) {
      s.rec.ready = result;
      this.markDirty();
    }
  }

  private gracePeriodMs(): number {
    const g = this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    return g * 1000;
  }

  /** SIGTERM, then SIGKILL after the grace period (exit code 137). */
  private stopInstance(s: Slot, inst: Instance, graceMs: number): void {
    for (const p of s.probes) p.stop();
    inst.workload.terminate();
    if (inst.exited) return;
    inst.killTimer = this.ctx.clock.setTimer(() => {
      if (inst.exited || this.disposed) return;
      inst.workload.kill();
      this.onExit(s, inst, 137, { reason: "Error" });
    }, graceMs);
  }

  private killForRestart(s: Slot, inst: Instance, message: string): void {
    this.event("Normal", "Killing", message);
    s.rec.ready = false;
    this.markDirty();
    this.stopInstance(s, inst, (this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
  }

  private onExit(s: Slot, inst: Instance, exitCode: number, opts: { reason?: string; message?: string; startedAt?: number }): void {
    if (inst.exited || inst !== s.instance || this.disposed) return;
    inst.exited = true;
    if (inst.killTimer) this.ctx.clock.clearTimer(inst.killTimer);
    for (const p of s.probes) p.stop();
    const now = this.ctx.clock.now();
    s.logs?.close(now);
    const term: Termination = {
      exitCode,
      reason: opts.reason ?? (exitCode === 0 ? "Completed" : "Error"),
      message: opts.message,
      startedAt: opts.startedAt ?? inst.startedAt,
      finishedAt: now,
      containerID: inst.containerID,
    };
    s.instance = undefined;
    s.rec.state = "terminated";
    s.rec.terminated = term;
    s.rec.ready = false;
    s.rec.started = false;
    this.markDirty();
    if (this.deleting) {
      void this.finishDeletion();
      return;
    }
    if (this.rec.terminalPhase) return;
    const policy = s.rec.sidecar ? "Always" : (this.pod.spec?.restartPolicy ?? "Always");
    const restart = s.rec.init && !s.rec.sidecar ? exitCode !== 0 && policy !== "Never" : policy === "Always" || (policy === "OnFailure" && exitCode !== 0);
    if (!restart) {
      if (s.rec.init && exitCode === 0) this.after(PLEG_MS, () => this.advance());
      else this.checkTerminal();
      return;
    }
    if (now - inst.startedAt >= 2 * MAX_BACKOFF_MS) s.backoffMs = 0;
    s.busy = true;
    this.after(PLEG_MS, () => {
      if (s.backoffMs === 0) {
        s.backoffMs = INITIAL_BACKOFF_MS;
        s.busy = false;
        this.launch(s);
        return;
      }
      const backoff = s.backoffMs;
      s.backoffMs = Math.min(backoff * 2, MAX_BACKOFF_MS);
      s.rec.lastTermination = s.rec.terminated;
      s.rec.terminated = undefined;
      this.setWaiting(s, "CrashLoopBackOff", `back-off ${goDuration(backoff)} restarting failed container=${s.spec.name} pod=${this.key}`);
      this.event("Warning", "BackOff", `Back-off restarting failed container ${s.spec.name} in pod ${this.key}`);
      this.after(backoff, () => {
        s.busy = false;
        this.launch(s);
      });
    });
  }

  /** When no container will run again, the pod is Succeeded or Failed (sidecars are then stopped). */
  private checkTerminal(): void {
    const phase = buildPodStatus(this.pod, this.rec, this.ctx.clock.now()).phase;
    if (phase !== "Succeeded" && phase !== "Failed") return;
    this.rec.terminalPhase = phase;
    for (const s of this.slots) if (s.instance && !s.instance.exited) this.stopInstance(s, s.instance, this.gracePeriodMs());
    this.markDirty();
  }

  private beginTermination(): void {
    this.deleting = true;
    this.clearTimers();
    const grace = this.gracePeriodMs();
    for (const s of this.slots) {
      s.busy = false;
      if (s.instance && !s.instance.exited) {
        this.event("Normal", "Killing", `Stopping container ${s.spec.name}`);
        this.stopInstance(s, s.instance, grace);
      }
    }
    void this.finishDeletion();
  }

  /** Once every container has stopped: a terminal phase, then the final delete with grace 0. */
  private async finishDeletion(): Promise<void> {
    this.deleting = true;
    if (this.disposed || this.slots.some((s) => s.instance && !s.instance.exited)) return;
    if (!this.rec.terminalPhase && this.rec.sandboxReady) {
      const failed = this.slots.some((s) => !s.rec.init && (s.rec.terminated ? s.rec.terminated.exitCode !== 0 : true));
      this.rec.terminalPhase = failed ? "Failed" : "Succeeded";
      for (const s of this.slots) s.rec.ready = false;
    }
    if (this.ctx.paused()) return;
    if (this.rec.sandboxReady) await this.writeStatus();
    try {
      await this.ctx.client.delete(PODS, this.pod.metadata.namespace, this.pod.metadata.name ?? "", { gracePeriodSeconds: 0, preconditions: { uid: this.pod.metadata.uid } });
    } catch {
      // Already gone.
    }
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.writing || this.disposed || this.ctx.paused()) return;
    this.writing = true;
    queueMicrotask(() => void this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.dirty && !this.disposed && !this.ctx.paused()) {
        this.dirty = false;
        await this.writeStatus();
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeStatus(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const cur = this.ctx.client.get<Pod>(PODS, this.pod.metadata.namespace, this.pod.metadata.name ?? "");
      if (!cur || cur.metadata.uid !== this.pod.metadata.uid) return;
      const status = buildPodStatus(cur, this.rec, this.ctx.clock.now());
      if (JSON.stringify(status) === JSON.stringify(cur.status)) return;
      const next = structuredClone(cur) as Pod;
      next.status = status;
      try {
        await this.ctx.client.update(next, { subresource: "status" });
        return;
      } catch {
        // Conflict: read again.
      }
    }
  }
}
