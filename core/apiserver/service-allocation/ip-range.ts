// Why: the Service IP range (--service-cluster-ip-range) as numbers, so allocation is arithmetic on offsets and messages name the CIDR as Kubernetes prints it.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The 32-bit value of a dotted IPv4 address, or undefined when `s` is not one (no leading zeros, as Go's parser). */
export function parseIPv4(s: string): number | undefined {
  const m = IPV4.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i];
    if (part.length > 1 && part.startsWith("0")) return undefined;
    const v = Number(part);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** Dotted form of a 32-bit value. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/**
 * An IPv4 service CIDR. As Kubernetes' bitmap allocator does, the network and broadcast
 * addresses are never handed out: offsets 0..size-1 map to network+1 .. broadcast-1.
 */
export class IpRange {
  /** The CIDR in canonical form (`10.96.0.0/12`), as error messages print it. */
  readonly cidr: string;
  /** First allocatable address (network + 1). */
  readonly base: number;
  /** Number of allocatable addresses. */
  readonly size: number;

  private constructor(network: number, prefix: number) {
    this.cidr = `${formatIPv4(network)}/${prefix}`;
    const total = 2 ** (32 - prefix);
    // /31 and /32 have no network/broadcast to skip (Kubernetes treats them the same way).
    this.base = total > 2 ? network + 1 : network;
    this.size = total > 2 ? total - 2 : total;
  }

  /** Parse `10.96.0.0/12`; host bits are masked off. Throws on anything else. */
  static parse(cidr: string): IpRange {
    const [ip, bits, extra] = cidr.split("/");
    const addr = parseIPv4(ip ?? "");
    const prefix = Number(bits);
    if (addr === undefined || extra !== undefined || bits === undefined || !/^\d{1,2}$/.test(bits) || prefix > 32) {
      throw new Error(`invalid service CIDR ${JSON.stringify(cidr)}: want an IPv4 CIDR such as 10.96.0.0/12`);
    }
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return new IpRange((addr & mask) >>> 0, prefix);
  }

  /** The offset of `ip` in the range, or undefined when it is outside (network and broadcast included). */
  offsetOf(ip: string): number | undefined {
    const n = parseIPv4(ip);
    if (n === undefined) return undefined;
    const off = n - this.base;
    return off >= 0 && off < this.size ? off : undefined;
  }

  /** The address at `offset`. */
  ipAt(offset: number): string {
    return formatIPv4(this.base + offset);
  }
}
