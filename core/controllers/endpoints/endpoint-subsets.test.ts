// Why: the pure pieces of the Endpoints controller (capacity truncation, port lookup, trigger-time bookkeeping) have edge cases the controller tests do not reach.

import { describe, expect, it } from "vitest";
import type { Pod, Service } from "../../api/types";
import { countAddresses, findPort, MAX_ENDPOINTS, truncateSubsets, type EndpointSubset } from "./endpoint-subsets";
import { rfc3339Nano, TriggerTimeTracker } from "./trigger-time-tracker";

const addrs = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ ip: `${prefix}.${Math.floor(i / 250)}.${i % 250}` }));

describe("truncateSubsets", () => {
  it("keeps subsets at or under capacity as they are", () => {
    const s: EndpointSubset[] = [{ addresses: addrs(MAX_ENDPOINTS, "10.1") }];
    expect(truncateSubsets(s)).toBe(s);
  });
  it("cuts not-ready addresses first", () => {
    const out = truncateSubsets([{ addresses: addrs(900, "10.1"), notReadyAddresses: addrs(300, "10.2") }]);
    expect([out[0].addresses!.length, out[0].notReadyAddresses!.length]).toEqual([900, 100]);
  });
  it("cuts ready addresses in proportion when they alone are too many, and drops not-ready ones", () => {
    const out = truncateSubsets([{ addresses: addrs(1500, "10.1"), notReadyAddresses: addrs(10, "10.3") }, { addresses: addrs(500, "10.2") }]);
    expect(out.map((s) => [s.addresses?.length, s.notReadyAddresses?.length])).toEqual([
      [750, undefined],
      [250, undefined],
    ]);
    expect(countAddresses(out)).toBe(MAX_ENDPOINTS);
  });
});

describe("findPort", () => {
  const pod = { spec: { containers: [{ name: "c", ports: [{ name: "web", containerPort: 8080, protocol: "TCP" }, { name: "dns", containerPort: 53, protocol: "UDP" }] }] } } as unknown as Pod;
  it.each([
    { sp: { targetPort: 9000 }, want: 9000 },
    { sp: { targetPort: "web", protocol: "TCP" }, want: 8080 },
    { sp: { targetPort: "dns", protocol: "TCP" }, want: undefined },
    { sp: { targetPort: "dns", protocol: "UDP" }, want: 53 },
    { sp: { port: 80 }, want: 80 },
  ])("$sp → $want", ({ sp, want }) => {
    expect(findPort(pod, sp)).toBe(want);
  });
});

describe("TriggerTimeTracker", () => {
  const svc = { metadata: { name: "web", creationTimestamp: "2026-01-01T00:00:00Z" } } as Service;
  const pod = (name: string, t: string) => ({ metadata: { name }, status: { conditions: [{ type: "Ready", status: "True", lastTransitionTime: t }] } }) as unknown as Pod;
  it("answers the Service's creation first, then the earliest change since, then nothing", () => {
    const tr = new TriggerTimeTracker();
    expect(tr.compute("default/web", svc, [pod("a", "2026-01-01T00:00:05Z")])).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(tr.compute("default/web", svc, [pod("a", "2026-01-01T00:00:09Z"), pod("b", "2026-01-01T00:00:07Z")])).toBe(Date.parse("2026-01-01T00:00:07Z"));
    expect(tr.compute("default/web", svc, [pod("a", "2026-01-01T00:00:09Z")])).toBeUndefined();
  });
  it.each([
    [Date.parse("2026-01-01T00:00:00Z"), "2026-01-01T00:00:00Z"],
    [Date.parse("2026-01-01T00:00:00.120Z"), "2026-01-01T00:00:00.12Z"],
  ])("rfc3339Nano(%s) = %s", (ms, s) => {
    expect(rfc3339Nano(ms)).toBe(s);
  });
});
