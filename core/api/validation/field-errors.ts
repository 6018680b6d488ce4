// Why: Kubernetes field errors (field.Error) have one wording everywhere; build StatusCauses with that exact wording.

import { CauseType, type StatusCause } from "../errors";

/** A Go-formatted bad value: Kubernetes prints strings quoted, numbers and booleans bare, maps as `map[string]string{...}`. */
export class GoValue {
  constructor(readonly text: string) {}
}

/** Formats a value as field.Error does (`%q` for strings, `%v` for numbers, `%#v` for maps of strings). */
export function goFormat(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[]string{${value.map((v) => JSON.stringify(v)).join(", ")}}`;
  if (typeof value === "object") return goStringMap(value as Record<string, unknown>);
  return String(value);
}

/** `map[string]string{"app":"web", "tier":"fe"}` with sorted keys, as Go's %#v prints a map. */
export function goStringMap(m: Record<string, unknown> | undefined | null): string {
  if (!m) return "map[string]string(nil)";
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(String(m[k]))}`).join(", ")}}`;
}

/** An IntOrString bad value prints through its String(): `25%` or `0`, unquoted. */
export function intOrStringValue(v: unknown): GoValue {
  return new GoValue(String(v));
}

/** The causes collected while validating one object, with Kubernetes' field.Error constructors. */
export class FieldErrors {
  readonly causes: StatusCause[] = [];

  private add(reason: string, field: string, message: string): void {
    const c: StatusCause = { reason, message, field };
    if (!this.causes.some((x) => x.field === field && x.message === message && x.reason === reason)) this.causes.push(c);
  }

  required(field: string, detail = ""): void {
    this.add(CauseType.Required, field, detail ? `Required value: ${detail}` : "Required value");
  }

  invalid(field: string, value: unknown, detail: string): void {
    this.add(CauseType.Invalid, field, `Invalid value: ${goFormat(value)}${detail ? `: ${detail}` : ""}`);
  }

  notSupported(field: string, value: unknown, valid: readonly string[]): void {
    const detail = valid.length ? `: supported values: ${valid.map((v) => JSON.stringify(v)).join(", ")}` : "";
    this.add(CauseType.NotSupported, field, `Unsupported value: ${goFormat(value)}${detail}`);
  }

  duplicate(field: string, value: unknown): void {
    this.add(CauseType.Duplicate, field, `Duplicate value: ${goFormat(value)}`);
  }

  forbidden(field: string, detail: string): void {
    this.add(CauseType.Forbidden, field, detail ? `Forbidden: ${detail}` : "Forbidden");
  }

  tooLong(field: string, maxBytes: number): void {
    this.add(CauseType.TooLong, field, `Too long: must have at most ${maxBytes} bytes`);
  }

  notFound(field: string, value: unknown): void {
    this.add(CauseType.Unknown, field, `Not found: ${goFormat(value)}`);
  }

  /** Adds one Invalid cause per message (the util/validation Is* functions return lists). */
  invalidEach(field: string, value: unknown, messages: readonly string[]): void {
    for (const m of messages) this.invalid(field, value, m);
  }

  /** `field is immutable` when `next` differs from `prev` (ValidateImmutableField). */
  immutable(field: string, next: unknown, prev: unknown, shown: unknown = next): void {
    if (!deepEqual(next, prev)) this.invalid(field, shown, "field is immutable");
  }

  get empty(): boolean {
    return this.causes.length === 0;
  }
}

/** Structural equality of JSON values (undefined and absent are equal). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}
