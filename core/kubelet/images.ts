// Why: pulls must succeed for real images and fail for made-up ones, deterministically, without a registry.

/** A resolved image reference, as containerd reports it. */
export interface ImageInfo {
  /** As written in the pod spec (`nginx:1.27`). */
  ref: string;
  /** Fully qualified (`docker.io/library/nginx:1.27`), the containerStatuses[].image value. */
  fullName: string;
  /** `docker.io/library/nginx@sha256:…`, the imageID value. */
  imageID: string;
  /** Repository without tag (`nginx`, `registry.k8s.io/pause`): selects the workload model. */
  repository: string;
  tag: string;
  sizeBytes: number;
  /** The image's ENTRYPOINT and CMD. */
  entrypoint: string[];
  cmd: string[];
}

export type ImageResolution = { ok: true; image: ImageInfo } | { ok: false; error: string };

interface KnownImage {
  tags: RegExp;
  size: number;
  entrypoint?: string[];
  cmd: string[];
}

// Tags accepted per repository: "latest", and version-like tags with the usual variant suffixes.
const KNOWN: Record<string, KnownImage> = {
  "docker.io/library/nginx": { tags: /^(latest|stable|mainline|alpine|1(\.\d+){0,2})(-(alpine|alpine-slim|perl|bookworm|otel))?$/, size: 72_955_450, entrypoint: ["/docker-entrypoint.sh"], cmd: ["nginx", "-g", "daemon off;"] },
  "docker.io/library/busybox": { tags: /^(latest|stable|musl|glibc|uclibc|1(\.\d+){0,2})(-(musl|glibc|uclibc))?$/, size: 2_166_802, cmd: ["sh"] },
  "docker.io/library/alpine": { tags: /^(latest|edge|3(\.\d+){0,2})$/, size: 3_653_068, cmd: ["/bin/sh"] },
  "docker.io/library/httpd": { tags: /^(latest|alpine|2(\.\d+){0,2})(-alpine)?$/, size: 58_243_744, cmd: ["httpd-foreground"] },
  "docker.io/library/redis": { tags: /^(latest|alpine|[5-8](\.\d+){0,2})(-(alpine|bookworm))?$/, size: 45_137_102, entrypoint: ["docker-entrypoint.sh"], cmd: ["redis-server"] },
  "docker.io/library/postgres": { tags: /^(latest|alpine|1[0-7](\.\d+)?)(-(alpine|bookworm))?$/, size: 158_431_200, entrypoint: ["docker-entrypoint.sh"], cmd: ["postgres"] },
  "docker.io/library/ubuntu": { tags: /^(latest|rolling|jammy|noble|focal|2[024]\.04)$/, size: 29_754_343, cmd: ["/bin/bash"] },
  "docker.io/library/debian": { tags: /^(latest|stable|bookworm|bullseye|trixie|1[0-3])(-slim)?$/, size: 48_481_434, cmd: ["bash"] },
  "docker.io/library/python": { tags: /^(latest|slim|alpine|3(\.\d+){0,2})(-(slim|alpine|bookworm|slim-bookworm))?$/, size: 48_720_125, cmd: ["python3"] },
  "docker.io/library/node": { tags: /^(latest|lts|slim|alpine|current|1[8-9]|2[0-4])(\.\d+){0,2}(-(slim|alpine|bookworm))?$/, size: 56_283_411, entrypoint: ["docker-entrypoint.sh"], cmd: ["node"] },
  "registry.k8s.io/pause": { tags: /^(latest|3(\.\d+)?)$/, size: 320_368, entrypoint: ["/pause"], cmd: [] },
};

/** A deterministic hex string of `len` chars derived from `seed` (FNV-1a rounds); stands in for digests. */
export function pseudoHex(seed: string, len = 64): string {
  let out = "";
  let h = 0x811c9dc5;
  for (let round = 0; out.length < len; round++) {
    for (const ch of `${seed}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, len);
}

/** Splits `nginx:1.27`, `docker.io/library/nginx`, `registry.k8s.io/pause:3.10`, `x@sha256:…` into registry/repository, tag and digest. */
export function parseImageRef(ref: string): { repository: string; fullRepository: string; tag: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag = "latest";
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split("/")[0];
  const hasRegistry = rest.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  let full = hasRegistry ? rest : `docker.io/${rest.includes("/") ? rest : `library/${rest}`}`;
  if (full.startsWith("index.docker.io/")) full = full.replace("index.docker.io/", "docker.io/");
  const short = full.startsWith("docker.io/library/") ? full.slice("docker.io/library/".length) : full.startsWith("docker.io/") ? full.slice("docker.io/".length) : full;
  return { repository: short, fullRepository: full, tag, digest };
}

/**
 * Resolves an image the way a registry would: known repositories (nginx, busybox, alpine,
 * httpd, redis, postgres, ubuntu, debian, python, node, registry.k8s.io/pause) with their
 * usual tags pull; an unknown tag of a known repository is "not found"; an unknown
 * repository is "pull access denied", as Docker Hub answers.
 */
export function resolveImage(ref: string): ImageResolution {
  const p = parseImageRef(ref);
  const full = `${p.fullRepository}:${p.tag}`;
  const known = KNOWN[p.fullRepository];
  const rpc = (desc: string) => `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${desc}`;
  if (!known) {
    if (p.fullRepository.startsWith("docker.io/")) {
      return { ok: false, error: `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed` };
    }
    return { ok: false, error: rpc(`${full}: not found`) };
  }
  if (!p.digest && !known.tags.test(p.tag)) return { ok: false, error: rpc(`${full}: not found`) };
  const digest = p.digest ?? `sha256:${pseudoHex(full)}`;
  return {
    ok: true,
    image: {
      ref,
      fullName: p.digest ? `${p.fullRepository}@${p.digest}` : full,
      imageID: `${p.fullRepository}@${digest}`,
      repository: p.repository,
      tag: p.tag,
      sizeBytes: known.size + (Number.parseInt(pseudoHex(full, 4), 16) % 4096),
      entrypoint: known.entrypoint ?? [],
      cmd: known.cmd,
    },
  };
}

/** Kubernetes' default pull policy: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(ref: string): "Always" | "IfNotPresent" {
  const p = parseImageRef(ref);
  return !p.digest && p.tag === "latest" ? "Always" : "IfNotPresent";
}

/** Go's time.Duration String() for a millisecond duration: "785ms", "1.234s", "1m5s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalS = ms / 1000;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = Math.round((totalS % 60) * 1000) / 1000;
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}
