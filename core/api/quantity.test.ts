// Why: quantity parsing feeds scheduling, quotas and kubectl top; a wrong unit breaks all of them.
import { describe, it, expect } from "vitest";
import { parseQuantity, cpuMillis, bytes, formatCpu, formatMemory } from "./quantity";

describe("parseQuantity", () => {
  it.each([
    ["500m", 0.5],
    ["2", 2],
    ["1.5", 1.5],
    ["128Mi", 128 * 1024 * 1024],
    ["1G", 1e9],
    ["1e3", 1000],
    ["0.5Gi", 512 * 1024 * 1024],
    ["1Ki", 1024],
    ["100k", 100000],
    ["+3", 3],
    ["-1", -1],
    ["1E2", 100],
    ["250u", 0.00025],
    [".5", 0.5],
    [3, 3],
  ] as const)("%s → %s", (q, want) => {
    expect(parseQuantity(q)).toBeCloseTo(want, 12);
  });

  it.each(["", "abc", "1Qi", "1.2.3", "Mi", "1 Mi", "1MiB"])("rejects %j with Kubernetes' message", (q) => {
    expect(() => parseQuantity(q)).toThrow(/quantities must match the regular expression|unable to parse quantity's suffix/);
  });

  it("uses the exact Kubernetes wording for a malformed quantity", () => {
    expect(() => parseQuantity("abc")).toThrow("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe("helpers", () => {
  it.each([
    ["500m", 500],
    ["1", 1000],
    ["0.1", 100],
    ["1.5", 1500],
    ["1n", 1],
  ] as const)("cpuMillis(%s) = %d", (q, want) => expect(cpuMillis(q)).toBe(want));

  it.each([
    ["128Mi", 134217728],
    ["1Gi", 1073741824],
    ["1G", 1e9],
    ["1500m", 2],
  ] as const)("bytes(%s) = %d", (q, want) => expect(bytes(q)).toBe(want));

  it.each([
    [2000, "2"],
    [1500, "1500m"],
    [250, "250m"],
    [0, "0"],
  ])("formatCpu(%d) = %s", (m, want) => expect(formatCpu(m)).toBe(want));

  it.each([
    [134217728, "128Mi"],
    [1073741824, "1Gi"],
    [1536, "1536"],
    [1000, "1000"],
    [0, "0"],
  ] as [number, string][])("formatMemory(%d) = %s", (b, want) => expect(formatMemory(b)).toBe(want));
});
