// Why: Kubernetes hands out Service IPs and node ports at random, from the upper part of the range first, so that the lower part stays free for addresses people choose by hand.

/**
 * The size of the lower band kept for static (requested) values: min(max(lo, size/step), hi),
 * none for tiny ranges. IPs use 16/256/16 over the CIDR's full size, node ports 16/128/32.
 */
export function staticBandSize(size: number, opts: { min: number; max: number; step: number }): number {
  if (size <= opts.min) return 0;
  return Math.min(Math.max(opts.min, Math.floor(size / opts.step)), opts.max);
}

/**
 * A free offset in [0, size): a random start in the upper band [band, size) scanning forward,
 * then the lower band [0, band) the same way; undefined when every offset is used.
 */
export function pickFree(size: number, band: number, isUsed: (offset: number) => boolean, random: () => number): number | undefined {
  const scan = (from: number, len: number): number | undefined => {
    if (len <= 0) return undefined;
    const start = Math.floor(random() * len) % len;
    for (let i = 0; i < len; i++) {
      const at = from + ((start + i) % len);
      if (!isUsed(at)) return at;
    }
    return undefined;
  };
  return scan(band, size - band) ?? scan(0, band);
}
