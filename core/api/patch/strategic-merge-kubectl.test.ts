// Why: golden cases pin our strategic merge to kubectl's own results, element order included.

import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import { applyStrategicMergePatch } from "./strategic-merge-patch";
import golden from "./testdata/strategic-merge-kubectl.json";

// Golden cases: each `want` is what kubectl's own strategic merge code produced (`kubectl patch --local`).
describe("applyStrategicMergePatch agrees with kubectl", () => {
  it.each(golden.cases.map((c) => ({ name: JSON.stringify(c.patch), ...c })))("$name", ({ patch, want }) => {
    expect(applyStrategicMergePatch(golden.original as KubeObject, patch)).toEqual(want);
  });
});
