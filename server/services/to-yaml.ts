// Why: objects are shown and edited as YAML in the console and GraphQL, in the field order kubectl prints.

import { stringify } from "yaml";
import type { KubeObject } from "@/core/api/types";

const ORDER = ["apiVersion", "kind", "metadata", "spec", "status"];

/** The object as YAML with apiVersion, kind, metadata, spec, status first (like `kubectl get -o yaml`). */
export function toYaml(obj: KubeObject): string {
  const ordered: Record<string, unknown> = {};
  for (const k of ORDER) if (obj[k] !== undefined) ordered[k] = obj[k];
  for (const [k, v] of Object.entries(obj)) if (!(k in ordered) && v !== undefined) ordered[k] = v;
  return stringify(ordered, { lineWidth: 0 });
}
