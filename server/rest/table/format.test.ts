// Why: selectors and label maps must read exactly as apimachinery renders them (sorted keys and values, <none>).
import { describe, it, expect } from "vitest";
import type { LabelSelector } from "@/core/api/types";
import { formatLabels, formatLabelSelector, joinHostPort, labelSelectorString } from "./format";

describe("formatLabels (labels.FormatLabels)", () => {
  it.each<{ labels: Record<string, string> | undefined; want: string }>([
    { labels: undefined, want: "<none>" },
    { labels: {}, want: "<none>" },
    { labels: { tier: "fe", app: "web" }, want: "app=web,tier=fe" },
  ])("$want", ({ labels, want }) => {
    expect(formatLabels(labels)).toBe(want);
  });
});

describe("label selectors (LabelSelectorAsSelector(...).String())", () => {
  it.each<{ name: string; sel: LabelSelector | undefined; want: string; formatted: string }>([
    { name: "missing", sel: undefined, want: "", formatted: "<none>" },
    { name: "empty", sel: {}, want: "", formatted: "<none>" },
    { name: "one label", sel: { matchLabels: { app: "web" } }, want: "app=web", formatted: "app=web" },
    {
      name: "requirements sorted by key, values sorted",
      sel: {
        matchLabels: { zone: "a", app: "web" },
        matchExpressions: [
          { key: "env", operator: "NotIn", values: ["qa", "dev"] },
          { key: "canary", operator: "DoesNotExist" },
          { key: "release", operator: "Exists" },
          { key: "tier", operator: "In", values: ["fe", "be"] },
        ],
      },
      want: "app=web,!canary,env notin (dev,qa),release,tier in (be,fe),zone=a",
      formatted: "app=web,!canary,env notin (dev,qa),release,tier in (be,fe),zone=a",
    },
  ])("$name", ({ sel, want, formatted }) => {
    expect(labelSelectorString(sel)).toBe(want);
    expect(formatLabelSelector(sel)).toBe(formatted);
  });
});

describe("joinHostPort", () => {
  it.each([
    { host: "10.0.0.1", want: "10.0.0.1:80" },
    { host: "fd00::1", want: "[fd00::1]:80" },
  ])("$want", ({ host, want }) => {
    expect(joinHostPort(host, 80)).toBe(want);
  });
});
