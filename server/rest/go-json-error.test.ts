// Why: clients see Go's JSON syntax errors verbatim; pin the scanner's wording state by state.
import { describe, expect, it } from "vitest";
import { goJsonSyntaxError, quoteChar, summarizeBody } from "./go-json-error";

describe("goJsonSyntaxError", () => {
  it.each([
    { text: "{bad", want: "invalid character 'b' looking for beginning of object key string" },
    { text: "", want: "unexpected end of JSON input" },
    { text: "   ", want: "unexpected end of JSON input" },
    { text: '{"a":', want: "unexpected end of JSON input" },
    { text: "x", want: "invalid character 'x' looking for beginning of value" },
    { text: "'a'", want: "invalid character '\\'' looking for beginning of value" },
    { text: '{"a" 1}', want: "invalid character '1' after object key" },
    { text: '{"a":1 "b":2}', want: "invalid character '\"' after object key:value pair" },
    { text: "[1 2]", want: "invalid character '2' after array element" },
    { text: "[1,]", want: "invalid character ']' looking for beginning of value" },
    { text: "{}x", want: "invalid character 'x' after top-level value" },
    { text: "01", want: "invalid character '1' after top-level value" },
    { text: "trux", want: "invalid character 'x' in literal true (expecting 'e')" },
    { text: "nul!", want: "invalid character '!' in literal null (expecting 'l')" },
    { text: "fa", want: "unexpected end of JSON input" },
    { text: '"a\\qb"', want: "invalid character 'q' in string escape code" },
    { text: '"\\uZZ"', want: "invalid character 'Z' in \\u hexadecimal character escape" },
    { text: '"a\tb"', want: "invalid character '\\t' in string literal" },
    { text: "-x", want: "invalid character 'x' in numeric literal" },
    { text: "1.x", want: "invalid character 'x' after decimal point in numeric literal" },
    { text: "1e+x", want: "invalid character 'x' in exponent of numeric literal" },
    { text: '{"a":1}}', want: "invalid character '}' after top-level value" },
  ])("$text → $want", ({ text, want }) => {
    expect(goJsonSyntaxError(text)).toBe(want);
  });

  it.each(['{"a":[1,2.5e3,-0,true,false,null,"x\\u00e9\\n"],"b":{}}', "  1  ", "[]", "{}", '"s"', "-12.5E-3", "null"])("%s is valid", (text) => {
    expect(goJsonSyntaxError(text)).toBeUndefined();
    expect(() => JSON.parse(text)).not.toThrow();
  });
});

describe("quoteChar and summarizeBody", () => {
  it("quote as Go's strconv does", () => {
    expect([0x22, 0x27, 0x5c, 0x0a, 0x00, 0x41].map(quoteChar)).toEqual([`'"'`, `'\\''`, `'\\\\'`, `'\\n'`, `'\\x00'`, `'A'`]);
  });

  it.each([
    { text: "", want: "<empty>" },
    { text: "{bad", want: "{bad" },
    { text: `{"kind":"ConfigMap","metadata":{"name":"x"}}`, want: `{"kind":"ConfigMap","metadata" ...` },
    { text: "[]", want: "5b5d" },
  ])("summarizes $text as $want", ({ text, want }) => {
    expect(summarizeBody(text)).toBe(want);
  });
});
