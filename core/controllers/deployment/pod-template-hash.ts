// Why: a Deployment names its ReplicaSets `<name>-<pod-template-hash>`; the same template must always give the same name (Kubernetes: FNV-32a over the template, then SafeEncodeString).

import type { PodTemplateSpec } from "../../api/types";

/** The label (and RS name suffix) that ties pods to one template revision. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

const SAFE_CHARS = "bcdfghjklmnpqrstvwxz2456789";

/** JSON with object keys sorted, so equal objects serialize equally. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

/** 32-bit FNV-1a. */
export function fnv32a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Kubernetes' rand.SafeEncodeString: maps each character onto consonants and digits that cannot spell words. */
export function safeEncode(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) out += SAFE_CHARS[s.charCodeAt(i) % SAFE_CHARS.length];
  return out;
}

/**
 * The pod-template-hash of `template` (controller.ComputeHash): the collision count, when set, changes it.
 * Kubernetes hashes the Go struct, so fields that are empty there (`resources: {}`, `null`, empty lists
 * and maps) do not change the hash; the template is normalized the same way here.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  const bytes = new TextEncoder().encode(canonicalJson(semantic(template ?? {}) ?? {}));
  let data = bytes;
  if (collisionCount !== undefined && collisionCount !== null) {
    data = new Uint8Array(bytes.length + 4);
    data.set(bytes);
    new DataView(data.buffer).setUint32(bytes.length, collisionCount >>> 0, true);
  }
  return safeEncode(String(fnv32a(data)));
}

/** Struct-valued fields that Go always serializes (`resources: {}`), so `{}` there means the same as absent. */
const VALUE_STRUCT_KEYS = new Set(["resources", "metadata"]);

/**
 * The template as Kubernetes' semantic equality sees it: null, empty lists and empty maps are the same as
 * absent, and so is `{}` in a field that is a plain struct in Go. A template read back through a Go client
 * (kubectl rollout undo sends the ReplicaSet's template) carries `resources: {}` and `creationTimestamp: null`
 * that the stored Deployment does not.
 */
function semantic(v: unknown, key = ""): unknown {
  if (Array.isArray(v)) return v.length ? v.map((x) => semantic(x)) : undefined;
  if (v === null) return undefined;
  if (typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const s = semantic(x, k);
    if (s !== undefined) out[k] = s;
  }
  const mapLike = ["labels", "annotations", "nodeSelector", "matchLabels", "requests", "limits"].includes(key);
  return Object.keys(out).length === 0 && (mapLike || VALUE_STRUCT_KEYS.has(key)) ? undefined : out;
}

/** Templates equal apart from the pod-template-hash label (EqualIgnoreHash, with Go's semantic equality). */
export function templatesEqualIgnoringHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[POD_TEMPLATE_HASH_LABEL];
    return canonicalJson(semantic(c) ?? {});
  };
  return strip(a) === strip(b);
}
