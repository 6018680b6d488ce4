// Why: metrics-server writes usage as canonical Kubernetes quantities (CPU in nanocores, memory in binary units); one formatter for REST, GraphQL and the console.

const DECIMAL = ["n", "u", "m", ""] as const;
const BINARY = ["", "Ki", "Mi", "Gi", "Ti", "Pi"] as const;

/**
 * CPU usage as metrics-server serializes it: a scaled quantity in nanocores, canonicalised
 * (trailing thousands folded into the next suffix): 2166395 → "2166395n", 3000000 → "3m", 0 → "0".
 */
export function formatNanoCores(nanoCores: number): string {
  let v = Math.max(0, Math.round(nanoCores));
  if (v === 0) return "0";
  let i = 0;
  while (i < DECIMAL.length - 1 && v % 1000 === 0) {
    v /= 1000;
    i++;
  }
  return `${v}${DECIMAL[i]}`;
}

/**
 * Memory usage as a BinarySI quantity: the largest binary suffix that divides the value
 * exactly (working sets are whole pages, so this is at least Ki): 5242880 → "5Mi", 5246976 → "5124Ki".
 */
export function formatBinaryBytes(bytes: number): string {
  let v = Math.max(0, Math.round(bytes));
  if (v === 0) return "0";
  let i = 0;
  while (i < BINARY.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${BINARY[i]}`;
}

/** `kubectl top`'s CPU column: whole millicores, e.g. "3m". */
export function topCpu(nanoCores: number): string {
  return `${Math.round(nanoCores / 1e6)}m`;
}

/** `kubectl top`'s memory column: whole mebibytes, e.g. "5Mi". */
export function topMemory(bytes: number): string {
  return `${Math.floor(bytes / (1024 * 1024))}Mi`;
}
