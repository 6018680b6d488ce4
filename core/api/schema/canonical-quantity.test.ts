import { describe, it, expect } from "vitest";
import { canonicalQuantity } from "./canonical-quantity";

describe("canonicalQuantity", () => {
  it.each([
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["0.5", "500m"],
    [".1", "100m"],
    ["100m", "100m"],
    ["2000", "2k"],
    ["1500000", "1500k"],
    ["1024Mi", "1Gi"],
    ["128Mi", "128Mi"],
    ["1.5Gi", "1536Mi"],
    ["1.5Ki", "1536"],
    ["0.5Ki", "512"],
    ["1e3", "1e3"],
    ["1000e3", "1e6"],
    ["0", "0"],
    ["0Mi", "0"],
    ["-1", "-1"],
    ["1n", "1n"],
    ["0.1n", "1n"],
    ["3G", "3G"],
  ])("%s → %s", (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it.each([
    [1, "1"],
    [0.25, "250m"],
    [512, "512"],
  ])("number %s → %s", (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });
});
