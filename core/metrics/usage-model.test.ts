import { describe, expect, it } from "vitest";
import { containerUsage, imageRepository, noise, profileFor, systemOverhead } from "./usage-model";
import { formatBinaryBytes, formatNanoCores, topCpu, topMemory } from "./usage-quantity";
import { RingBuffer } from "./ring-buffer";

const MiB = 1024 * 1024;
const base = { seed: "uid-1/app", now: Date.parse("2026-01-01T00:00:15Z"), windowMs: 15_000 };

describe("profileFor", () => {
  it.each([
    { image: "nginx", command: undefined, profile: "nginx" },
    { image: "docker.io/library/nginx:1.27", command: undefined, profile: "nginx" },
    { image: "nginx:1.27", command: ["sh", "-c", "sleep 1"], profile: "shell" },
    { image: "busybox:1.36", command: undefined, profile: "shell" },
    { image: "alpine", command: ["sleep", "3600"], profile: "shell" },
    { image: "redis:7", command: undefined, profile: "redis" },
    { image: "registry.k8s.io/pause:3.10", command: undefined, profile: "pause" },
    { image: "ghcr.io/acme/api:v2", command: undefined, profile: "other" },
  ])("$image $command → $profile", ({ image, command, profile }) => {
    expect(profileFor(image, command).name).toBe(profile);
  });

  it("strips registry, tag and digest from the repository", () => {
    expect(imageRepository("registry.k8s.io/pause:3.10")).toBe("pause");
    expect(imageRepository("nginx@sha256:abc")).toBe("nginx");
  });
});

describe("containerUsage", () => {
  // Many samples of many containers, so the bounds are checked across the noise.
  const sweep = (image: string, extra: Partial<Parameters<typeof containerUsage>[0]> = {}) =>
    Array.from({ length: 200 }, (_, i) => containerUsage({ ...base, seed: `uid-${i % 20}/app`, now: base.now + i * 15_000, image, ...extra }));

  it.each([
    { image: "nginx", cpu: [1, 3], mem: [4, 8] },
    { image: "busybox", cpu: [0, 1], mem: [0.5, 1] },
    { image: "ghcr.io/acme/api:v2", cpu: [1, 2], mem: [8, 12] },
  ])("idle $image stays within $cpu m CPU and $mem MiB", ({ image, cpu, mem }) => {
    for (const u of sweep(image)) {
      expect(u.cpuNanoCores / 1e6).toBeGreaterThanOrEqual(cpu[0]);
      expect(u.cpuNanoCores / 1e6).toBeLessThanOrEqual(cpu[1]);
      expect(u.memoryBytes / MiB).toBeGreaterThanOrEqual(mem[0] * 0.98 - 0.01);
      expect(u.memoryBytes / MiB).toBeLessThanOrEqual(mem[1] * 1.02 + 0.01);
      expect(u.memoryBytes % 4096).toBe(0);
    }
  });

  it("is deterministic per container and time, and differs between containers", () => {
    const a = containerUsage({ ...base, image: "nginx" });
    expect(containerUsage({ ...base, image: "nginx" })).toEqual(a);
    expect(containerUsage({ ...base, seed: "uid-2/app", image: "nginx" })).not.toEqual(a);
    expect(containerUsage({ ...base, now: base.now + 15_000, image: "nginx" }).cpuNanoCores).not.toBe(a.cpuNanoCores);
  });

  it("nginx uses more CPU and memory with the traffic it serves", () => {
    const idle = containerUsage({ ...base, image: "nginx", requests: 0 });
    const busy = containerUsage({ ...base, image: "nginx", requests: 15 * 100 });
    expect(busy.cpuNanoCores / 1e6).toBeGreaterThan(40);
    expect(busy.memoryBytes).toBeGreaterThan(idle.memoryBytes);
  });

  it.each([
    { name: "no limit: about one core", limit: undefined, lo: 970, hi: 1000 },
    { name: "limit 500m: throttled at the limit", limit: 500, lo: 485, hi: 500 },
    { name: "limit 2 (more than a thread can use): one core", limit: 2000, lo: 970, hi: 1000 },
  ])("a busy loop ($name)", ({ limit, lo, hi }) => {
    for (const u of sweep("busybox", { busyMs: 15_000, cpuLimitMillis: limit })) {
      expect(u.cpuNanoCores / 1e6).toBeGreaterThanOrEqual(lo);
      expect(u.cpuNanoCores / 1e6).toBeLessThanOrEqual(hi);
    }
  });

  it("never reports CPU above the limit", () => {
    for (const u of sweep("nginx", { requests: 1_000_000, cpuLimitMillis: 100 })) expect(u.cpuNanoCores).toBeLessThanOrEqual(100e6);
  });

  it("node overhead is a few tens of millicores and a few hundred MiB", () => {
    const s = systemOverhead("node-1", base.now);
    expect(s.cpuNanoCores / 1e6).toBeGreaterThanOrEqual(40);
    expect(s.cpuNanoCores / 1e6).toBeLessThanOrEqual(70);
    expect(s.memoryBytes / MiB).toBeGreaterThanOrEqual(300);
    expect(s.memoryBytes / MiB).toBeLessThanOrEqual(365);
  });

  it("noise is spread over [0, 1)", () => {
    const xs = Array.from({ length: 1000 }, (_, i) => noise(`s${i}`));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.filter((x) => x < 0.5).length).toBeGreaterThan(400);
    expect(xs.filter((x) => x < 0.5).length).toBeLessThan(600);
  });
});

describe("usage quantities", () => {
  it.each([
    { n: 0, q: "0" },
    { n: 43481, q: "43481n" },
    { n: 2166395, q: "2166395n" },
    { n: 3_000_000, q: "3m" },
    { n: 1_500_000_000, q: "1500m" },
    { n: 2_000_000_000, q: "2" },
    { n: 7_000, q: "7u" },
  ])("cpu $n nanocores → $q", ({ n, q }) => expect(formatNanoCores(n)).toBe(q));

  it.each([
    { b: 0, q: "0" },
    { b: 864 * 1024, q: "864Ki" },
    { b: 5 * MiB, q: "5Mi" },
    { b: 5 * MiB + 4096, q: "5124Ki" },
    { b: 1000, q: "1000" },
  ])("memory $b bytes → $q", ({ b, q }) => expect(formatBinaryBytes(b)).toBe(q));

  it("kubectl top columns", () => {
    expect(topCpu(2_600_000)).toBe("3m");
    expect(topMemory(5 * MiB + 900 * 1024)).toBe("5Mi");
  });
});

describe("RingBuffer", () => {
  it("keeps the newest items up to its capacity", () => {
    const r = new RingBuffer<number>(3);
    expect(r.last()).toBeUndefined();
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
    expect(r.last()).toBe(5);
  });

  it("refuses a non-positive capacity", () => {
    expect(() => new RingBuffer(0)).toThrow(/positive/);
  });
});
