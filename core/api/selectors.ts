// Why: list, watch, controllers and the scheduler all select objects by labels, in Kubernetes' selector syntax and semantics.

import { badRequest } from "./errors";
import type { LabelSelector } from "./types";

/** A selector operator, normalised: `==` becomes `=`, `!key` is `!`, a bare `key` is `exists`. */
export type LabelOperator = "=" | "!=" | "in" | "notin" | "exists" | "!";

/** One requirement of a label selector (labels.Requirement). Values are sorted. */
export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A parsed label selector: every requirement must hold. Empty selects everything; `null` selects nothing. */
export type LabelRequirements = readonly LabelRequirement[];

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why a label key is invalid (qualified name rules), or undefined when valid. */
export function labelKeyError(key: string): string | undefined {
  const parts = key.split("/");
  let name = key;
  if (parts.length > 2) return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  if (parts.length === 2) {
    const [prefix, n] = parts;
    if (prefix.length === 0) return "prefix part must be non-empty";
    if (prefix.length > 253) return "prefix part must be no more than 253 characters";
    if (!DNS1123_SUBDOMAIN_RE.test(prefix))
      return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    name = n;
  }
  if (name.length === 0) return "name part must be non-empty";
  if (name.length > 63) return "name part must be no more than 63 characters";
  if (!NAME_RE.test(name))
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  return undefined;
}

/** Why a label value is invalid, or undefined when valid. */
export function labelValueError(value: string): string | undefined {
  if (value.length > 63) return "must be no more than 63 characters";
  if (!VALUE_RE.test(value))
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  return undefined;
}

/** Checks a requirement as labels.NewRequirement does; returns the message or undefined. */
function requirementError(r: LabelRequirement): string | undefined {
  const ke = labelKeyError(r.key);
  if (ke) return `key: Invalid value: ${JSON.stringify(r.key)}: ${ke}`;
  if ((r.operator === "in" || r.operator === "notin") && r.values.length === 0) return "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty";
  if ((r.operator === "=" || r.operator === "!=") && r.values.length !== 1) return "values: Invalid value: " + JSON.stringify(r.values) + ": exact-match compatibility requires one single value";
  for (let i = 0; i < r.values.length; i++) {
    const ve = labelValueError(r.values[i]);
    if (ve) return `values[${i}][${r.key}]: Invalid value: ${JSON.stringify(r.values[i])}: ${ve}`;
  }
  return undefined;
}

type Tok = "id" | "in" | "notin" | "(" | ")" | "," | "=" | "==" | "!=" | "!" | "end" | "error";

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let i = 0;
  const special = "!=,()<>";
  while (i < s.length) {
    const c = s[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (special.includes(c)) {
      const two = s.slice(i, i + 2);
      const lit = two === "!=" || two === "==" ? two : c;
      const tok: Tok = lit === "<" || lit === ">" ? "error" : (lit as Tok);
      out.push({ tok, lit });
      i += lit.length;
      continue;
    }
    let j = i;
    while (j < s.length && !special.includes(s[j]) && !" \t\n\r".includes(s[j])) j++;
    const lit = s.slice(i, j);
    out.push({ tok: lit === "in" ? "in" : lit === "notin" ? "notin" : "id", lit });
    i = j;
  }
  out.push({ tok: "end", lit: "" });
  return out;
}

const isIdent = (t: Tok) => t === "id" || t === "in" || t === "notin";

class Parser {
  private pos = 0;
  constructor(private toks: { tok: Tok; lit: string }[]) {}
  private peek() {
    return this.toks[this.pos];
  }
  private next() {
    return this.toks[Math.min(this.pos++, this.toks.length - 1)];
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.tok === "end") return reqs;
      if (t.tok !== "id" && t.tok !== "!" && t.tok !== "in" && t.tok !== "notin")
        throw new Error(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      reqs.push(this.requirement());
      const after = this.next();
      if (after.tok === "end") return reqs;
      if (after.tok !== ",") throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek();
      if (t2.tok !== "id" && t2.tok !== "!") throw new Error(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): LabelRequirement {
    let op: LabelOperator | undefined;
    if (this.peek().tok === "!") {
      this.next();
      op = "!";
    }
    const k = this.next();
    if (k.tok !== "id") throw new Error(`unable to parse requirement: found '${k.lit}', expected: identifier`);
    const keyErr = labelKeyError(k.lit);
    if (keyErr) throw new Error(`unable to parse requirement: key: Invalid value: ${JSON.stringify(k.lit)}: ${keyErr}`);
    const la = this.peek().tok;
    if (la === "end" || la === ",") return this.checked({ key: k.lit, operator: op ?? "exists", values: [] });
    if (op === "!") throw new Error(`found '${this.peek().lit}', expected: ',' or 'end of string'`);
    const o = this.next();
    let operator: LabelOperator;
    switch (o.tok) {
      case "in":
      case "notin":
        operator = o.tok;
        return this.checked({ key: k.lit, operator, values: this.setValues() });
      case "=":
      case "==":
        operator = "=";
        break;
      case "!=":
        operator = "!=";
        break;
      default:
        throw new Error(`unable to parse requirement: found '${o.lit}', expected: in, notin, =, ==, !=`);
    }
    const v = this.peek();
    let value = "";
    if (v.tok !== "end" && v.tok !== ",") {
      this.next();
      if (v.tok !== "id" && v.tok !== "in" && v.tok !== "notin") throw new Error(`unable to parse requirement: found '${v.lit}', expected: identifier`);
      value = v.lit;
    }
    return this.checked({ key: k.lit, operator, values: [value] });
  }

  /** `( v1, v2 )`, as parseValues / parseIdentifiersList read it (empty values allowed). */
  private setValues(): string[] {
    const open = this.next();
    if (open.tok !== "(") throw new Error(`unable to parse requirement: found '${open.lit}' expected: '('`);
    const la = this.peek();
    if (la.tok === ")") {
      this.next();
      return [""];
    }
    if (!isIdent(la.tok) && la.tok !== ",") throw new Error(`unable to parse requirement: found '${la.lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    if (this.next().tok !== ")") throw new Error(`unable to parse requirement: found '${la.lit}', expected: ')'`);
    return values;
  }

  private identifiers(): string[] {
    const values: string[] = [];
    for (;;) {
      const t = this.next();
      if (isIdent(t.tok)) {
        values.push(t.lit);
        const t2 = this.peek();
        if (t2.tok === ",") continue;
        if (t2.tok === ")") return values;
        throw new Error(`unable to parse requirement: found '${t2.lit}', expected: ',' or ')'`);
      } else if (t.tok === ",") {
        if (values.length === 0) values.push("");
        const t2 = this.peek();
        if (t2.tok === ")") {
          values.push("");
          return values;
        }
        if (t2.tok === ",") {
          this.next();
          values.push("");
        }
      } else {
        throw new Error(`unable to parse requirement: found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  private checked(r: LabelRequirement): LabelRequirement {
    r.values = [...new Set(r.values)].sort();
    const e = requirementError(r);
    if (e) throw new Error(`unable to parse requirement: ${e}`);
    return r;
  }
}

/**
 * Parses a label selector string (`app=web,tier!=db,env in (a,b),!legacy`). Throws a 400
 * BadRequest ApiError with Kubernetes' parser message when malformed. `""` selects everything.
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  try {
    return sortRequirements(new Parser(lex(selector)).parse());
  } catch (e) {
    throw badRequest((e as Error).message);
  }
}

function sortRequirements(reqs: LabelRequirement[]): LabelRequirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const EXPR_OPS: Record<string, LabelOperator> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" };

/**
 * The requirements of a metav1.LabelSelector (metav1.LabelSelectorAsSelector): matchLabels
 * and matchExpressions. `undefined`/`null` selects nothing (returns null); `{}` selects everything.
 * Throws 400 BadRequest for an invalid operator, key or values.
 */
export function selectorFromLabelSelector(sel: LabelSelector | undefined | null): LabelRequirement[] | null {
  if (sel === undefined || sel === null) return null;
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: "=", values: [value] });
  for (const expr of sel.matchExpressions ?? []) {
    const operator = EXPR_OPS[expr.operator];
    if (!operator) throw badRequest(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    const values = operator === "exists" || operator === "!" ? [] : [...new Set(expr.values ?? [])].sort();
    reqs.push({ key: expr.key, operator, values });
  }
  for (const r of reqs) {
    const e = requirementError(r);
    if (e) throw badRequest(e);
  }
  return sortRequirements(reqs);
}

/** A selector from an exact label set (labels.SelectorFromSet). */
export function selectorFromSet(set: Record<string, string>): LabelRequirement[] {
  return sortRequirements(Object.entries(set).map(([key, v]) => ({ key, operator: "=" as const, values: [v] })));
}

/** True when `labels` satisfy one requirement. */
export function requirementMatches(r: LabelRequirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case "=":
    case "in":
      return has && r.values.includes(v!);
    case "!=":
    case "notin":
      return !has || !r.values.includes(v!);
    case "exists":
      return has;
    case "!":
      return !has;
  }
}

/** True when `labels` satisfy every requirement. `null` (a nil selector) matches nothing. */
export function matches(reqs: LabelRequirements | null, labels: Record<string, string> | undefined): boolean {
  if (reqs === null) return false;
  for (const r of reqs) if (!requirementMatches(r, labels)) return false;
  return true;
}

/** The canonical string form, as Kubernetes' Selector.String() prints it (`a=b,c in (x,y),!d`). */
export function selectorToString(reqs: LabelRequirements | null): string {
  if (!reqs) return "";
  return reqs
    .map((r) => {
      switch (r.operator) {
        case "=":
        case "!=":
          return `${r.key}${r.operator}${r.values[0] ?? ""}`;
        case "in":
        case "notin":
          return `${r.key} ${r.operator} (${r.values.join(",")})`;
        case "exists":
          return r.key;
        case "!":
          return `!${r.key}`;
      }
    })
    .join(",");
}
