// Why: simulated containers have no cgroups, so CPU and memory usage come from a per-image model driven by what the workload did (busy time, requests served) and the clock.

/** What a running container looks like to the usage model. */
export interface UsageInput {
  /** Seeds the container's own deterministic noise (pod uid + container name). */
  seed: string;
  /** The image reference (`nginx`, `docker.io/library/busybox:1.36`). */
  image: string;
  /** The effective command line when the pod sets one (`sh -c "..."` makes the container a shell). */
  command?: readonly string[];
  /** The sample's time; with the seed, it picks this sample's noise. */
  now: number;
  /** Length of the sampling window in ms. */
  windowMs: number;
  /** CPU time the workload spent computing during the window (shell models). */
  busyMs?: number;
  /** Requests served during the window (server models). */
  requests?: number;
  /** resources.limits, already parsed. */
  cpuLimitMillis?: number;
  memoryLimitBytes?: number;
}

/** Usage over one window: CPU as a rate in nanocores, memory as the working set in bytes. */
export interface Usage {
  cpuNanoCores: number;
  memoryBytes: number;
}

/** A workload family's idle usage and what each unit of activity adds. */
export interface UsageProfile {
  name: string;
  /** Idle CPU range in millicores. */
  cpuMillis: [number, number];
  /** Working-set range in bytes (picked once per container, then jitters ±2%). */
  memoryBytes: [number, number];
  /** CPU millicores per request/second served. */
  cpuPerRps?: number;
  /** Extra working set per request/second, up to `maxExtraMemory`. */
  memoryPerRps?: number;
  maxExtraMemory?: number;
}

const MiB = 1024 * 1024;
const PAGE = 4096;

/** The profiles, by workload family. Values follow what `kubectl top` shows for these images on a quiet cluster. */
export const USAGE_PROFILES: Record<string, UsageProfile> = {
  nginx: { name: "nginx", cpuMillis: [1, 3], memoryBytes: [4 * MiB, 8 * MiB], cpuPerRps: 0.4, memoryPerRps: 64 * 1024, maxExtraMemory: 24 * MiB },
  shell: { name: "shell", cpuMillis: [0, 1], memoryBytes: [0.5 * MiB, 1 * MiB] },
  httpd: { name: "httpd", cpuMillis: [1, 2], memoryBytes: [6 * MiB, 10 * MiB], cpuPerRps: 0.5, memoryPerRps: 64 * 1024, maxExtraMemory: 24 * MiB },
  redis: { name: "redis", cpuMillis: [2, 4], memoryBytes: [3 * MiB, 4 * MiB] },
  postgres: { name: "postgres", cpuMillis: [3, 6], memoryBytes: [20 * MiB, 30 * MiB] },
  pause: { name: "pause", cpuMillis: [0, 0], memoryBytes: [0.25 * MiB, 0.4 * MiB] },
  python: { name: "python", cpuMillis: [1, 2], memoryBytes: [10 * MiB, 14 * MiB], cpuPerRps: 1, memoryPerRps: 32 * 1024, maxExtraMemory: 16 * MiB },
  other: { name: "other", cpuMillis: [1, 2], memoryBytes: [8 * MiB, 12 * MiB] },
};

const SHELLS = new Set(["sh", "ash", "bash", "busybox", "sleep", "echo", "cat", "true", "tail", "watch", "yes"]);

/** The image's repository without registry, namespace or tag: `docker.io/library/nginx:1.27` → `nginx`. */
export function imageRepository(image: string): string {
  const noDigest = image.split("@")[0];
  const last = noDigest.slice(noDigest.lastIndexOf("/") + 1);
  return last.split(":")[0].toLowerCase();
}

/** Picks the profile: a shell command line makes any image a shell; otherwise the image decides. */
export function profileFor(image: string, command?: readonly string[]): UsageProfile {
  const cmd = (command?.[0] ?? "").replace(/^.*\//, "");
  const repo = imageRepository(image);
  if (cmd && SHELLS.has(cmd)) return USAGE_PROFILES.shell;
  if (repo === "busybox" || repo === "alpine" || repo === "ubuntu" || repo === "debian") return USAGE_PROFILES.shell;
  if (repo === "python" && !command?.includes("http.server")) return USAGE_PROFILES.shell;
  return USAGE_PROFILES[repo] ?? USAGE_PROFILES.other;
}

/** FNV-1a of the text, as a fraction in [0, 1): the same input always gives the same noise. */
export function noise(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 0x1_0000_0000;
}

/**
 * One container's usage over one window. CPU: idle noise within the profile's range, plus
 * the window's requests, plus busy time (a busy loop uses up to one core), never above the
 * CPU limit (CFS throttling). Memory: a per-container baseline in the profile's range that
 * jitters a little and grows with traffic, rounded to whole pages. Memory may exceed the
 * limit: the caller decides what that means (the kubelet OOM-kills).
 */
export function containerUsage(input: UsageInput): Usage {
  const p = profileFor(input.image, input.command);
  const window = Math.max(1, input.windowMs);
  const tick = Math.floor(input.now / 1000);
  const n1 = noise(`${input.seed}|cpu|${tick}`);
  const n2 = noise(`${input.seed}|mem`);
  const n3 = noise(`${input.seed}|memj|${tick}`);
  const rps = ((input.requests ?? 0) * 1000) / window;
  const busy = Math.min(1, Math.max(0, (input.busyMs ?? 0) / window));

  let cpuMillis = p.cpuMillis[0] + (p.cpuMillis[1] - p.cpuMillis[0]) * n1;
  cpuMillis += rps * (p.cpuPerRps ?? 0.5);
  // A busy loop is single-threaded: up to one core, a little under it (scheduling, noise).
  if (busy > 0) cpuMillis = Math.max(cpuMillis, busy * 1000 * (0.97 + 0.03 * n1));
  if (input.cpuLimitMillis !== undefined && input.cpuLimitMillis > 0) {
    const limit = input.cpuLimitMillis;
    // Throttled: a saturated container sits just under its quota.
    if (cpuMillis >= limit) cpuMillis = limit * (0.97 + 0.03 * n1);
  }

  let memory = p.memoryBytes[0] + (p.memoryBytes[1] - p.memoryBytes[0]) * n2;
  memory *= 0.98 + 0.04 * n3;
  memory += Math.min(p.maxExtraMemory ?? 0, rps * (p.memoryPerRps ?? 0));
  const memoryBytes = Math.max(PAGE, Math.round(memory / PAGE) * PAGE);

  return { cpuNanoCores: Math.round(cpuMillis * 1e6), memoryBytes };
}

/** The node's own usage (kubelet, container runtime, system daemons) on top of its pods. */
export function systemOverhead(seed: string, now: number): Usage {
  const tick = Math.floor(now / 1000);
  const cpuMillis = 40 + 30 * noise(`${seed}|sys|cpu|${tick}`);
  const memory = 300 * MiB + 60 * MiB * noise(`${seed}|sys|mem`) + 4 * MiB * noise(`${seed}|sys|memj|${tick}`);
  return { cpuNanoCores: Math.round(cpuMillis * 1e6), memoryBytes: Math.round(memory / PAGE) * PAGE };
}
