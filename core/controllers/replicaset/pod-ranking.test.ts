// Why: the scale-down order is user-visible; each rule of Kubernetes' ActivePodsWithRanks gets a case.

import { describe, it, expect } from "vitest";
import type { Pod } from "../../api/types";
import { makePod } from "../../testing/builders";
import { compareForDeletion, podsToDelete, POD_DELETION_COST } from "./pod-ranking";

const at = (p: Pod, created: string) => ((p.metadata.creationTimestamp = created), p);
const restarts = (p: Pod, n: number) => ((p.status!.containerStatuses![0].restartCount = n), p);
const readySince = (p: Pod, t: string) => ((p.status!.conditions!.find((c) => c.type === "Ready")!.lastTransitionTime = t), p);

describe("compareForDeletion", () => {
  it.each([
    { name: "unassigned before assigned", first: makePod("a").build(), second: makePod("b").onNode("n1").build() },
    { name: "Pending before Running", first: makePod("a").onNode("n1").build(), second: makePod("b").onNode("n1").phase("Running").build() },
    { name: "Unknown before Running", first: makePod("a").onNode("n1").phase("Unknown").build(), second: makePod("b").onNode("n1").phase("Running").build() },
    { name: "not ready before ready", first: makePod("a").onNode("n1").phase("Running").build(), second: makePod("b").onNode("n1").ready().build() },
    {
      name: "lower deletion cost first",
      first: makePod("a").onNode("n1").ready().annotations({ [POD_DELETION_COST]: "-5" }).build(),
      second: makePod("b").onNode("n1").ready().build(),
    },
    { name: "ready for less time first", first: readySince(makePod("a").onNode("n1").ready().build(), "2026-01-01T00:05:00Z"), second: makePod("b").onNode("n1").ready().build() },
    { name: "more restarts first", first: restarts(makePod("a").onNode("n1").ready().build(), 3), second: makePod("b").onNode("n1").ready().build() },
    { name: "newer first", first: at(makePod("a").onNode("n1").build(), "2026-01-02T00:00:00Z"), second: at(makePod("b").onNode("n1").build(), "2026-01-01T00:00:00Z") },
  ])("$name", ({ first, second }) => {
    expect(compareForDeletion(first, second)).toBeLessThan(0);
    expect(compareForDeletion(second, first)).toBeGreaterThan(0);
  });

  it("prefers pods on crowded nodes (rank) when otherwise equal", () => {
    const pods = [makePod("alone").onNode("n1").ready().build(), makePod("crowded").onNode("n2").ready().build()];
    const related = [...pods, makePod("x").onNode("n2").build(), makePod("y").onNode("n2").build()];
    expect(podsToDelete(pods, related, 1).map((p) => p.metadata.name)).toEqual(["crowded"]);
  });
});
