// Why: requests, limits, capacity and quotas are Kubernetes resource quantities ("500m", "128Mi"); everyone needs them as numbers.

/** The pattern Kubernetes' resource.ParseQuantity checks first (apimachinery's splitREString). */
export const QUANTITY_PATTERN = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
const QUANTITY_RE = new RegExp(QUANTITY_PATTERN);

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

function formatError(): Error {
  return new Error(`quantities must match the regular expression '${QUANTITY_PATTERN}'`);
}

function suffixMultiplier(suffix: string): number | undefined {
  if (suffix in BINARY) return BINARY[suffix];
  if (suffix in DECIMAL) return DECIMAL[suffix];
  const exp = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
  if (exp) return 10 ** Number(exp[1]);
  return undefined;
}

/**
 * The value of a quantity in base units: cores for CPU ("500m" → 0.5), bytes for memory
 * ("128Mi" → 134217728). Numbers pass through. Throws Kubernetes' error on a malformed quantity.
 */
export function parseQuantity(q: string | number): number {
  if (typeof q === "number") {
    if (!Number.isFinite(q)) throw formatError();
    return q;
  }
  const s = q.trim();
  const m = QUANTITY_RE.exec(s);
  if (!m) throw formatError();
  const [, num, suffix] = m;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num)) throw formatError();
  const mult = suffixMultiplier(suffix);
  if (mult === undefined) throw new Error("unable to parse quantity's suffix");
  return Number(num) * mult;
}

/** Milli-cores of a CPU quantity, rounded up as Kubernetes' MilliValue does ("1" → 1000, "250m" → 250). */
export function cpuMillis(q: string | number): number {
  return Math.ceil(Math.round(parseQuantity(q) * 1e9) / 1e6);
}

/** Bytes of a memory quantity, rounded up to a whole byte ("1Gi" → 1073741824). */
export function bytes(q: string | number): number {
  return Math.ceil(parseQuantity(q) - 1e-9);
}

/** A CPU amount as Kubernetes prints it: whole cores without suffix ("2"), otherwise milli-cores ("1500m"). */
export function formatCpu(millis: number): string {
  const m = Math.round(millis);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** A memory amount in the largest binary unit that divides it exactly ("128Mi", "1Gi"), or plain bytes. */
export function formatMemory(b: number): string {
  const n = Math.round(b);
  if (n === 0) return "0";
  for (const unit of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
    const size = BINARY[unit];
    if (n % size === 0) return `${n / size}${unit}`;
  }
  return String(n);
}
