// Why: a node pulls each image once (per pull policy) and remembers it, reporting Pulling/Pulled/Failed as the kubelet does.

import type { ImageInfo } from "./images";
import { defaultPullPolicy, goDuration, resolveImage } from "./images";

/** Images present on one node, by fully qualified name. */
export class ImageCache {
  private readonly images = new Map<string, ImageInfo>();
  has(fullName: string): boolean {
    return this.images.has(fullName);
  }
  add(image: ImageInfo): void {
    this.images.set(image.fullName, image);
  }
  /** As Node status.images lists them. */
  list(): { names: string[]; sizeBytes: number }[] {
    return [...this.images.values()].map((i) => ({ names: [i.imageID, i.fullName], sizeBytes: i.sizeBytes }));
  }
}

/** The result of deciding about one image for one container start. */
export type PullPlan =
  | { kind: "present"; image: ImageInfo; message: string }
  | { kind: "pull"; ms: number; image?: ImageInfo; error?: string }
  | { kind: "never"; message: string };

/** Decides what the kubelet does for `ref` under `policy` on a node with `cache`. */
export function planPull(ref: string, policy: string | undefined, cache: ImageCache, random: () => number): PullPlan {
  const p = policy ?? defaultPullPolicy(ref);
  const res = resolveImage(ref);
  const present = res.ok && cache.has(res.image.fullName);
  if (present && p !== "Always") return { kind: "present", image: res.image, message: `Container image "${ref}" already present on machine` };
  if (p === "Never") return { kind: "never", message: `Container image "${ref}" is not present with pull policy of Never` };
  if (!res.ok) return { kind: "pull", ms: 400 + Math.floor(random() * 800), error: res.error };
  const ms = present ? 200 + Math.floor(random() * 600) : 300 + Math.floor((res.image.sizeBytes / 30_000_000) * 1000 * (0.8 + 0.4 * random()));
  return { kind: "pull", ms, image: res.image };
}

/** `Successfully pulled image "nginx:1.27" in 2.7s (2.7s including waiting). Image size: 72955450 bytes.` */
export function pulledMessage(ref: string, ms: number, size: number): string {
  const d = goDuration(ms);
  return `Successfully pulled image "${ref}" in ${d} (${d} including waiting). Image size: ${size} bytes.`;
}
