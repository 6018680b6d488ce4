// Why: scripts count with $((i + 1)); this evaluates shell arithmetic (integers, comparison, logic) without eval.

/** Thrown for malformed expressions and division by zero; the shell prints the message. */
export class ArithError extends Error {}

/** Evaluates `expr` with variables read from `lookup` (unset or non-numeric counts as 0). */
export function evalArith(expr: string, lookup: (name: string) => string | undefined): number {
  const src = expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => lookup(n) ?? "0");
  const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\|\||&&|==|!=|<=|>=|[-+*/%()<>!]|\S/g) ?? [];
  let p = 0;
  const peek = () => toks[p];
  const bin: Record<string, [number, (a: number, b: number) => number]> = {
    "||": [1, (a, b) => (a || b ? 1 : 0)],
    "&&": [2, (a, b) => (a && b ? 1 : 0)],
    "==": [3, (a, b) => (a === b ? 1 : 0)],
    "!=": [3, (a, b) => (a !== b ? 1 : 0)],
    "<": [4, (a, b) => (a < b ? 1 : 0)],
    ">": [4, (a, b) => (a > b ? 1 : 0)],
    "<=": [4, (a, b) => (a <= b ? 1 : 0)],
    ">=": [4, (a, b) => (a >= b ? 1 : 0)],
    "+": [5, (a, b) => a + b],
    "-": [5, (a, b) => a - b],
    "*": [6, (a, b) => a * b],
    "/": [6, (a, b) => {
      if (b === 0) throw new ArithError("divide by zero");
      return Math.trunc(a / b);
    }],
    "%": [6, (a, b) => {
      if (b === 0) throw new ArithError("divide by zero");
      return a % b;
    }],
  };
  function unary(): number {
    const t = toks[p++];
    if (t === undefined) throw new ArithError("arithmetic syntax error");
    if (t === "-") return -unary();
    if (t === "+") return unary();
    if (t === "!") return unary() ? 0 : 1;
    if (t === "(") {
      const v = binary(0);
      if (toks[p++] !== ")") throw new ArithError("arithmetic syntax error");
      return v;
    }
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) {
      const v = Number.parseInt(lookup(t) ?? "0", 10);
      return Number.isNaN(v) ? 0 : v;
    }
    throw new ArithError("arithmetic syntax error");
  }
  function binary(min: number): number {
    let left = unary();
    for (;;) {
      const op = peek();
      const entry = op !== undefined ? bin[op] : undefined;
      if (!entry || entry[0] <= min - 1 || entry[0] < min) break;
      p++;
      const right = binary(entry[0] + 1);
      left = entry[1](left, right);
    }
    return left;
  }
  if (toks.length === 0) return 0;
  const v = binary(0);
  if (p < toks.length) throw new ArithError("arithmetic syntax error");
  return v;
}
