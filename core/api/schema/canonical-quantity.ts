// Why: Kubernetes stores and prints quantities in canonical form ("1000m" → "1", "1024Mi" → "1Gi", "0.5" → "500m"); decoded objects must read the same.

const BINARY_SUFFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const DECIMAL_SUFFIXES: Record<number, string> = { [-9]: "n", [-6]: "u", [-3]: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E" };
const DECIMAL_EXPONENTS: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const RE = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*|[eE][-+]?\d+)$/;

const pow = (b: bigint, e: number): bigint => {
  let r = 1n;
  for (let i = 0; i < e; i++) r *= b;
  return r;
};

function ceilDiv(a: bigint, b: bigint): bigint {
  return a % b === 0n ? a / b : a / b + 1n;
}

/** The value in nano-units, rounded up as Kubernetes rounds beyond nano precision, and the format family. */
function parse(q: string): { nanos: bigint; format: "binary" | "decimal" | "exponent" } | undefined {
  const m = RE.exec(q.trim());
  if (!m) return undefined;
  const [, sign, intPart, fracPart = "", suffix] = m;
  if (!intPart && !fracPart) return undefined;
  const digits = BigInt((intPart || "0") + fracPart);
  const frac = fracPart.length;
  let format: "binary" | "decimal" | "exponent";
  // value = digits * 10^(-frac) * mult; nanos = value * 1e9
  let num = digits;
  let den = pow(10n, frac);
  if (BINARY_SUFFIXES.includes(suffix) && suffix !== "") {
    format = "binary";
    num *= pow(1024n, BINARY_SUFFIXES.indexOf(suffix));
  } else if (suffix in DECIMAL_EXPONENTS) {
    format = "decimal";
    const e = DECIMAL_EXPONENTS[suffix];
    if (e >= 0) num *= pow(10n, e);
    else den *= pow(10n, -e);
  } else if (/^[eE]/.test(suffix)) {
    format = "exponent";
    const e = Number(suffix.slice(1));
    if (e >= 0) num *= pow(10n, e);
    else den *= pow(10n, -e);
  } else {
    return undefined;
  }
  const nanos = ceilDiv(num * 1_000_000_000n, den);
  return { nanos: sign === "-" ? -nanos : nanos, format };
}

function decimalForm(nanos: bigint, exponent: boolean): string {
  if (nanos === 0n) return "0";
  const neg = nanos < 0n;
  const abs = neg ? -nanos : nanos;
  let best = -9;
  for (let e = 18; e >= -9; e -= 3) {
    if (abs % pow(10n, e + 9) === 0n) {
      best = e;
      break;
    }
  }
  const mantissa = abs / pow(10n, best + 9);
  const suffix = exponent ? (best === 0 ? "" : `e${best}`) : DECIMAL_SUFFIXES[best];
  return `${neg ? "-" : ""}${mantissa}${suffix}`;
}

/**
 * A quantity as Kubernetes' Quantity.String() prints it. Numbers are accepted (`1` → "1",
 * `0.5` → "500m"). Returns the input unchanged when it cannot be parsed (the caller validates).
 */
export function canonicalQuantity(q: string | number): string {
  const text = typeof q === "number" ? String(q) : q;
  const p = parse(text);
  if (!p) return text;
  if (p.format === "binary") {
    const abs = p.nanos < 0n ? -p.nanos : p.nanos;
    if (abs % 1_000_000_000n === 0n && abs >= 1024n * 1_000_000_000n) {
      const bytes = abs / 1_000_000_000n;
      let k = 0;
      while (k < 6 && bytes % pow(1024n, k + 1) === 0n) k++;
      return `${p.nanos < 0n ? "-" : ""}${bytes / pow(1024n, k)}${BINARY_SUFFIXES[k]}`;
    }
    return decimalForm(p.nanos, false);
  }
  return decimalForm(p.nanos, p.format === "exponent");
}
