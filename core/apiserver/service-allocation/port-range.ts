// Why: the NodePort range (--service-node-port-range), parsed once, printed as Kubernetes prints it in errors.

/** An inclusive port range such as 30000-32767. */
export class PortRange {
  readonly base: number;
  readonly size: number;

  constructor(base: number, size: number) {
    if (!Number.isInteger(base) || !Number.isInteger(size) || base < 1 || size < 1 || base + size - 1 > 65535) throw new Error(`invalid port range ${base}+${size}`);
    this.base = base;
    this.size = size;
  }

  /** Parse `30000-32767` (or a single port). Throws on anything else. */
  static parse(s: string): PortRange {
    const m = /^(\d+)(?:-(\d+))?$/.exec(s.trim());
    if (!m) throw new Error(`invalid node port range ${JSON.stringify(s)}: want FROM-TO such as 30000-32767`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new Error(`invalid node port range ${JSON.stringify(s)}: the end is before the start`);
    return new PortRange(lo, hi - lo + 1);
  }

  contains(port: number): boolean {
    return port >= this.base && port < this.base + this.size;
  }

  toString(): string {
    return `${this.base}-${this.base + this.size - 1}`;
  }
}
