// Why: the AGE column must read like kubectl's; these are HumanDuration's own boundaries.
import { describe, it, expect } from "vitest";
import { age, humanDuration } from "./age";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration", () => {
  it.each([
    { ms: -5 * s, want: "<invalid>" },
    { ms: -500, want: "0s" },
    { ms: 0, want: "0s" },
    { ms: 119 * s, want: "119s" },
    { ms: 2 * m, want: "2m" },
    { ms: 3 * m + 12 * s, want: "3m12s" },
    { ms: 47 * m, want: "47m" },
    { ms: 179 * m, want: "179m" },
    { ms: 3 * h, want: "3h" },
    { ms: 5 * h + 3 * m, want: "5h3m" },
    { ms: 30 * h, want: "30h" },
    { ms: 2 * d + 4 * h, want: "2d4h" },
    { ms: 3 * d, want: "3d" },
    { ms: 97 * d, want: "97d" },
    { ms: 3 * 365 * d + 12 * d, want: "3y12d" },
    { ms: 9 * 365 * d, want: "9y" },
  ])("$ms ms → $want", ({ ms, want }) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe("age", () => {
  it("measures from the timestamp to now", () => {
    expect(age("2024-01-01T00:00:00Z", Date.parse("2024-01-01T00:05:30Z"))).toBe("5m30s");
  });
  it.each([undefined, null, "", "not a date"])("prints <unknown> for %s", (ts) => {
    expect(age(ts, 0)).toBe("<unknown>");
  });
});
