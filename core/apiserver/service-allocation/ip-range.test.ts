// Why: range arithmetic decides which addresses exist at all; off-by-one errors here hand out network or broadcast addresses.

import { describe, expect, it } from "vitest";
import { IpRange, parseIPv4 } from "./ip-range";
import { pickFree, staticBandSize } from "./pick-free";
import { PortRange } from "./port-range";

describe("IpRange", () => {
  it.each([
    { cidr: "10.96.0.0/12", canonical: "10.96.0.0/12", first: "10.96.0.1", size: 1048574, last: "10.111.255.254" },
    { cidr: "10.0.0.7/29", canonical: "10.0.0.0/29", first: "10.0.0.1", size: 6, last: "10.0.0.6" },
    { cidr: "192.168.1.0/30", canonical: "192.168.1.0/30", first: "192.168.1.1", size: 2, last: "192.168.1.2" },
  ])("$cidr skips network and broadcast", ({ cidr, canonical, first, size, last }) => {
    const r = IpRange.parse(cidr);
    expect(r.cidr).toBe(canonical);
    expect(r.size).toBe(size);
    expect(r.ipAt(0)).toBe(first);
    expect(r.ipAt(size - 1)).toBe(last);
    expect(r.offsetOf(first)).toBe(0);
    expect(r.offsetOf(last)).toBe(size - 1);
  });

  it.each(["10.96.0.0", "10.112.0.0", "10.111.255.255", "1.1.1.1", "fd00::1", "junk"])("%s is outside 10.96.0.0/12", (ip) => {
    expect(IpRange.parse("10.96.0.0/12").offsetOf(ip)).toBeUndefined();
  });

  it.each(["10.96.0.0", "10.96.0.0/33", "10.96.0.300/12", "a/b", "10.96.0.0/12/1"])("refuses %s", (cidr) => {
    expect(() => IpRange.parse(cidr)).toThrow(/invalid service CIDR/);
  });

  it.each([
    ["10.0.0.1", 0x0a000001],
    ["255.255.255.255", 0xffffffff],
    ["01.0.0.1", undefined],
    ["256.0.0.1", undefined],
  ])("parseIPv4(%s)", (s, n) => {
    expect(parseIPv4(s)).toBe(n);
  });
});

describe("PortRange", () => {
  it("parses and prints as Kubernetes does", () => {
    const r = PortRange.parse("30000-32767");
    expect([r.base, r.size, String(r), r.contains(30000), r.contains(32767), r.contains(32768), r.contains(29999)]).toEqual([30000, 2768, "30000-32767", true, true, false, false]);
  });
  it.each(["x", "3-1", "0-10", "60000-70000"])("refuses %s", (s) => {
    expect(() => PortRange.parse(s)).toThrow();
  });
});

describe("pickFree", () => {
  it.each([
    { size: 1048576, opts: { min: 16, max: 256, step: 16 }, band: 256 },
    { size: 8, opts: { min: 16, max: 256, step: 16 }, band: 0 },
    { size: 64, opts: { min: 16, max: 256, step: 16 }, band: 16 },
    { size: 2768, opts: { min: 16, max: 128, step: 32 }, band: 86 },
  ])("static band of $size is $band", ({ size, opts, band }) => {
    expect(staticBandSize(size, opts)).toBe(band);
  });

  it("takes the upper band first, then the lower, then gives up", () => {
    const used = new Set<number>();
    const take = () => {
      const o = pickFree(6, 2, (x) => used.has(x), () => 0.99);
      if (o !== undefined) used.add(o);
      return o;
    };
    const got = [take(), take(), take(), take()];
    expect(got.every((o) => o !== undefined && o >= 2)).toBe(true);
    expect(new Set(got).size).toBe(4);
    expect([take(), take()].sort()).toEqual([0, 1]);
    expect(take()).toBeUndefined();
  });
});
