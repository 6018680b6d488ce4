// Why: server-side apply compares applied values with stored ones; quantities are stored canonical ("1000m" as "1"), so an applied config is canonicalized first or every non-canonical quantity would look like a change (and a conflict).

import { canonicalQuantity } from "../schema/canonical-quantity";
import { elementType, fieldType, isModel } from "./merge-keys";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function canonical(v: unknown): unknown {
  if (typeof v !== "string" && typeof v !== "number") return v;
  try {
    return canonicalQuantity(v);
  } catch {
    return v;
  }
}

/** Rewrites, in place, every quantity field of `value` (of schema type `model`) to its canonical form; unparsable ones are left for validation to refuse. */
export function canonicalizeQuantities(value: Obj, model: string | undefined): void {
  if (!model) return;
  for (const [k, v] of Object.entries(value)) {
    const t = fieldType(model, k);
    if (!t || v === null || v === undefined) continue;
    if (t === "quantity") value[k] = canonical(v);
    else if (t === "{}quantity" && isObj(v)) for (const q of Object.keys(v)) v[q] = canonical(v[q]);
    else {
      const el = elementType(t);
      if (!isModel(el)) continue;
      if (t.startsWith("[]") && Array.isArray(v)) {
        for (const x of v) if (isObj(x)) canonicalizeQuantities(x, el);
      } else if (!t.startsWith("{}") && isObj(v)) canonicalizeQuantities(v, el);
    }
  }
}
