// Why: the apiserver decodes bodies with Go's encoding/json, and clients see its syntax errors verbatim ("invalid character 'b' looking for beginning of object key string"); Node's messages differ, so the scanner's states are replayed here to word errors as Kubernetes does.

type Ctx = "key" | "value" | "array";
type State =
  | "beginValue"
  | "beginValueOrEmpty"
  | "beginStringOrEmpty"
  | "beginString"
  | "endValue"
  | "endTop"
  | "inString"
  | "inStringEsc"
  | "inStringEscU"
  | "neg"
  | "one"
  | "zero"
  | "dot"
  | "dot0"
  | "e"
  | "eSign"
  | "e0"
  | "literal";

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const CONTROL_ESCAPES: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };

/** Go's quoteChar: the byte as a quoted character literal. */
export function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  if (c === 0x5c) return `'\\\\'`;
  if (CONTROL_ESCAPES[c]) return `'${CONTROL_ESCAPES[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, "0")}'`;
  return `'${String.fromCharCode(c)}'`;
}

/**
 * The message Go's `json.Unmarshal` gives for the first syntax error of `text`, or undefined when
 * the text is valid JSON.
 */
export function goJsonSyntaxError(text: string): string | undefined {
  const bytes = new TextEncoder().encode(text);
  const stack: Ctx[] = [];
  let state = "beginValue" as State;
  let literal = "";
  let literalName = "";
  let escU = 0;
  const bad = (c: number, context: string) => `invalid character ${quoteChar(c)} ${context}`;

  /** Feeds one byte (32 = the space Go feeds at the end of input); returns an error or undefined. */
  const step = (c: number): string | undefined => {
    for (;;) {
      switch (state) {
        case "beginValueOrEmpty":
          if (isSpace(c)) return;
          if (c === 0x5d) {
            stack.pop();
            state = "endValue";
            return;
          }
          state = "beginValue";
          continue;
        case "beginValue":
          if (isSpace(c)) return;
          if (c === 0x7b) {
            stack.push("key");
            state = "beginStringOrEmpty";
          } else if (c === 0x5b) {
            stack.push("array");
            state = "beginValueOrEmpty";
          } else if (c === 0x22) state = "inString";
          else if (c === 0x2d) state = "neg";
          else if (c === 0x30) state = "zero";
          else if (c >= 0x31 && c <= 0x39) state = "one";
          else if (c === 0x74 || c === 0x66 || c === 0x6e) {
            literalName = c === 0x74 ? "true" : c === 0x66 ? "false" : "null";
            literal = literalName.slice(1);
            state = "literal";
          } else return bad(c, "looking for beginning of value");
          return;
        case "beginStringOrEmpty":
          if (isSpace(c)) return;
          if (c === 0x7d) {
            stack.pop();
            state = "endValue";
            return;
          }
          state = "beginString";
          continue;
        case "beginString":
          if (isSpace(c)) return;
          if (c !== 0x22) return bad(c, "looking for beginning of object key string");
          state = "inString";
          return;
        case "endValue": {
          const top = stack[stack.length - 1];
          if (!top) {
            state = "endTop";
            continue;
          }
          if (isSpace(c)) return;
          if (top === "key") {
            if (c !== 0x3a) return bad(c, "after object key");
            stack[stack.length - 1] = "value";
            state = "beginValue";
            return;
          }
          if (top === "value") {
            if (c === 0x2c) {
              stack[stack.length - 1] = "key";
              state = "beginString";
              return;
            }
            if (c !== 0x7d) return bad(c, "after object key:value pair");
            stack.pop();
            return;
          }
          if (c === 0x2c) {
            state = "beginValue";
            return;
          }
          if (c !== 0x5d) return bad(c, "after array element");
          stack.pop();
          return;
        }
        case "endTop":
          return isSpace(c) ? undefined : bad(c, "after top-level value");
        case "inString":
          if (c === 0x22) state = "endValue";
          else if (c === 0x5c) state = "inStringEsc";
          else if (c < 0x20) return bad(c, "in string literal");
          return;
        case "inStringEsc":
          if ([0x62, 0x66, 0x6e, 0x72, 0x74, 0x5c, 0x2f, 0x22].includes(c)) state = "inString";
          else if (c === 0x75) {
            escU = 0;
            state = "inStringEscU";
          } else return bad(c, "in string escape code");
          return;
        case "inStringEscU":
          if (!isHex(c)) return bad(c, "in \\u hexadecimal character escape");
          if (++escU === 4) state = "inString";
          return;
        case "neg":
          if (c === 0x30) state = "zero";
          else if (c >= 0x31 && c <= 0x39) state = "one";
          else return bad(c, "in numeric literal");
          return;
        case "one":
          if (isDigit(c)) return;
          state = "zero";
          continue;
        case "zero":
          if (c === 0x2e) state = "dot";
          else if (c === 0x65 || c === 0x45) state = "e";
          else {
            state = "endValue";
            continue;
          }
          return;
        case "dot":
          if (!isDigit(c)) return bad(c, "after decimal point in numeric literal");
          state = "dot0";
          return;
        case "dot0":
          if (isDigit(c)) return;
          if (c === 0x65 || c === 0x45) {
            state = "e";
            return;
          }
          state = "endValue";
          continue;
        case "e":
          if (c === 0x2b || c === 0x2d) {
            state = "eSign";
            return;
          }
          state = "eSign";
          continue;
        case "eSign":
          if (!isDigit(c)) return bad(c, "in exponent of numeric literal");
          state = "e0";
          return;
        case "e0":
          if (isDigit(c)) return;
          state = "endValue";
          continue;
        case "literal":
          if (c !== literal.charCodeAt(0)) return bad(c, `in literal ${literalName} (expecting ${quoteChar(literal.charCodeAt(0))})`);
          literal = literal.slice(1);
          if (!literal) state = "endValue";
          return;
      }
    }
  };

  for (const c of bytes) {
    const err = step(c);
    if (err) return err;
  }
  const atEnd = () => state === "endTop";
  if (atEnd()) return undefined;
  // Go's eof(): one more space settles a number at the top level; anything else is incomplete.
  return step(0x20) === undefined && atEnd() ? undefined : "unexpected end of JSON input";
}

/** Go's name of a JSON value's type in an UnmarshalTypeError ("array", "string", "number", "bool", "object"). */
export function goJsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "boolean") return "bool";
  return typeof v === "object" && v !== null ? "object" : typeof v;
}

/** The apiserver's summarizeData: the body's first bytes, as text when it starts with `{`, hex otherwise. */
export function summarizeBody(text: string, max = 30): string {
  const bytes = Buffer.from(text);
  if (bytes.length === 0) return "<empty>";
  const head = bytes.subarray(0, max);
  const more = bytes.length > max ? " ..." : "";
  return bytes[0] === 0x7b ? head.toString() + more : head.toString("hex") + more;
}
