import { describe, it, expect } from "vitest";
import { ageOf, humanDuration } from "./human-duration";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration", () => {
  it.each([
    { ms: -5 * s, want: "<invalid>" },
    { ms: -500, want: "0s" },
    { ms: 0, want: "0s" },
    { ms: 45 * s, want: "45s" },
    { ms: 119 * s, want: "119s" },
    { ms: 2 * m, want: "2m" },
    { ms: 3 * m + 20 * s, want: "3m20s" },
    { ms: 10 * m + 20 * s, want: "10m" },
    { ms: 179 * m, want: "179m" },
    { ms: 3 * h, want: "3h" },
    { ms: 5 * h + 7 * m, want: "5h7m" },
    { ms: 30 * h, want: "30h" },
    { ms: 2 * d + 3 * h, want: "2d3h" },
    { ms: 3 * d, want: "3d" },
    { ms: 100 * d, want: "100d" },
    { ms: 800 * d, want: "2y70d" },
    { ms: 9 * 365 * d, want: "9y" },
  ])("$ms ms → $want", ({ ms, want }) => {
    expect(humanDuration(ms)).toBe(want);
  });

  it("ageOf measures from an RFC 3339 timestamp", () => {
    expect(ageOf("2026-01-01T00:00:00Z", Date.parse("2026-01-01T00:05:00Z"))).toBe("5m");
    for (const ts of [undefined, null, "", "not a date"]) expect(ageOf(ts, 0)).toBe("<unknown>");
  });
});
