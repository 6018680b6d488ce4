// Why: containers run `sh -c` scripts; this turns the POSIX shell subset busybox users write into a small syntax tree.

/** A piece of a word: literal text or an expansion; `q` says whether it was quoted (no field splitting). */
export type Segment =
  | { k: "lit"; v: string; q: boolean }
  | { k: "var"; name: string; q: boolean; def?: Word; op?: ":-" | "-" | ":=" | "#" }
  | { k: "arith"; expr: string; q: boolean }
  | { k: "sub"; src: string; q: boolean };
export type Word = Segment[];

export type RedirOp = ">" | ">>" | "<" | "2>" | "2>>" | "2>&1" | ">&2" | "&>" | "1>&2";
export interface Redirection {
  op: RedirOp;
  target?: Word;
}

/** The shell syntax tree. */
export type Command =
  | { t: "simple"; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redirection[] }
  | { t: "pipeline"; cmds: Command[]; negate: boolean }
  | { t: "andor"; first: Command; rest: { op: "&&" | "||"; cmd: Command }[] }
  | { t: "list"; cmds: Command[] }
  | { t: "while"; until: boolean; cond: Command; body: Command }
  | { t: "for"; name: string; items?: Word[]; body: Command }
  | { t: "if"; branches: { cond: Command; body: Command }[]; otherwise?: Command }
  | { t: "group"; body: Command; subshell: boolean };

/** A syntax error, worded as busybox ash words it. */
export class ShellSyntaxError extends Error {}

type Token = { type: "word"; word: Word; raw: string } | { type: "op"; v: string };

const OPS = ["&&", "||", ";;", "2>&1", "1>&2", ">&2", "2>>", "&>", ">>", "2>", ";", "|", "&", "(", ")", ">", "<", "\n"];
const REDIR = new Set([">", ">>", "<", "2>", "2>>", "2>&1", ">&2", "&>", "1>&2"]);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads `$(...)` / `$((...))` / backquote bodies, honouring nesting and quotes; returns the end index (exclusive of the closer). */
function scanBalanced(src: string, i: number, open: string, close: string): number {
  let depth = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      i = j < 0 ? src.length : j + 1;
      continue;
    }
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
    i++;
  }
  throw new ShellSyntaxError(`syntax error: unterminated ${open === "(" ? "$(" : open}`);
}

/** Parses a `$...` expansion at `src[i] === "$"`; returns the segment and the index after it. */
function readDollar(src: string, i: number, q: boolean): [Segment, number] {
  const n = src[i + 1];
  if (n === "(" && src[i + 2] === "(") {
    const end = scanBalanced(src, i + 3, "(", ")");
    if (src[end + 1] !== ")") throw new ShellSyntaxError("syntax error: missing '))'");
    return [{ k: "arith", expr: src.slice(i + 3, end), q }, end + 2];
  }
  if (n === "(") {
    const end = scanBalanced(src, i + 2, "(", ")");
    return [{ k: "sub", src: src.slice(i + 2, end), q }, end + 1];
  }
  if (n === "{") {
    const end = src.indexOf("}", i + 2);
    if (end < 0) throw new ShellSyntaxError("syntax error: missing '}'");
    const body = src.slice(i + 2, end);
    const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*])(?:(:-|-|:=)(.*))?$/s.exec(body);
    if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
    const seg: Segment = { k: "var", name: m[2], q };
    if (m[1]) seg.op = "#";
    if (m[3]) {
      seg.op = m[3] as ":-" | "-" | ":=";
      seg.def = lexWord(m[4], true);
    }
    return [seg, end + 1];
  }
  if (n !== undefined && /[0-9?$#@*!]/.test(n)) return [{ k: "var", name: n, q }, i + 2];
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
  if (m) return [{ k: "var", name: m[0], q }, i + 1 + m[0].length];
  return [{ k: "lit", v: "$", q }, i + 1];
}

/** Lexes the inside of double quotes (or a `${x:-...}` default) into segments. */
function lexWord(src: string, q: boolean): Word {
  const out: Word = [];
  let lit = "";
  const flush = () => {
    if (lit) out.push({ k: "lit", v: lit, q });
    lit = "";
  };
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === "\\" && i + 1 < src.length && '$`"\\\n'.includes(src[i + 1])) {
      lit += src[i + 1] === "\n" ? "" : src[i + 1];
      i += 2;
    } else if (c === "$") {
      flush();
      const [seg, j] = readDollar(src, i, q);
      out.push(seg);
      i = j;
    } else if (c === "`") {
      flush();
      const end = src.indexOf("`", i + 1);
      if (end < 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
      out.push({ k: "sub", src: src.slice(i + 1, end), q });
      i = end + 1;
    } else {
      lit += c;
      i++;
    }
  }
  flush();
  return out;
}

/** Splits a script into words and operators. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      tokens.push({ type: "op", v: op });
      i += op.length;
      continue;
    }
    const word: Word = [];
    const start = i;
    let lit = "";
    const flush = () => {
      if (lit) word.push({ k: "lit", v: lit, q: false });
      lit = "";
    };
    while (i < src.length) {
      const ch = src[i];
      if (" \t\r\n;&|()<>".includes(ch)) break;
      if (ch === "'") {
        flush();
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
        word.push({ k: "lit", v: src.slice(i + 1, end), q: true });
        i = end + 1;
      } else if (ch === '"') {
        flush();
        let j = i + 1;
        while (j < src.length && src[j] !== '"') {
          if (src[j] === "\\") j++;
          else if (src[j] === "$" && src[j + 1] === "(") j = scanBalanced(src, j + 2, "(", ")");
          j++;
        }
        if (j >= src.length) throw new ShellSyntaxError("syntax error: unterminated quoted string");
        const inner = lexWord(src.slice(i + 1, j), true);
        word.push(...(inner.length ? inner : [{ k: "lit" as const, v: "", q: true }]));
        i = j + 1;
      } else if (ch === "\\") {
        flush();
        if (i + 1 < src.length) word.push({ k: "lit", v: src[i + 1], q: true });
        i += 2;
      } else if (ch === "$" || ch === "`") {
        flush();
        const [seg, j] = ch === "$" ? readDollar(src, i, false) : [{ k: "sub" as const, src: src.slice(i + 1, src.indexOf("`", i + 1)), q: false }, src.indexOf("`", i + 1) + 1];
        if (j <= 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
        word.push(seg);
        i = j;
      } else {
        lit += ch;
        i++;
      }
    }
    flush();
    tokens.push({ type: "word", word, raw: src.slice(start, i) });
  }
  return tokens;
}

/** The literal text of a fully unquoted literal word, for reserved words and assignments. */
function plain(t: Token | undefined): string | undefined {
  if (!t || t.type !== "word") return undefined;
  return t.word.every((s) => s.k === "lit" && !s.q) ? t.word.map((s) => (s as { v: string }).v).join("") : undefined;
}

const STOP = new Set(["do", "done", "then", "elif", "else", "fi", "}", "esac"]);

/** Parses a script into a command list; throws {@link ShellSyntaxError}. */
export function parseScript(src: string): Command {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => peek()?.type === "op" && (peek() as { v: string }).v === v;
  const isWord = (w: string) => plain(peek()) === w;
  const describe = (t: Token | undefined) => (!t ? "end of file" : t.type === "op" ? (t.v === "\n" ? "newline" : `"${t.v}"`) : `"${t.raw}"`);
  const unexpected = (expecting?: string): never => {
    const t = peek();
    if (!t && expecting) throw new ShellSyntaxError(`syntax error: unexpected end of file (expecting "${expecting}")`);
    throw new ShellSyntaxError(`syntax error: unexpected ${describe(t)}`);
  };
  const skipNewlines = () => {
    while (isOp("\n")) p++;
  };
  const expectWord = (w: string) => {
    skipNewlines();
    if (!isWord(w)) unexpected(w);
    p++;
  };

  function list(): Command {
    const cmds: Command[] = [];
    for (;;) {
      while (isOp("\n") || isOp(";") || isOp("&")) p++;
      const t = peek();
      if (!t || isOp(")") || (plain(t) !== undefined && STOP.has(plain(t)!))) break;
      cmds.push(andOr());
      if (!(isOp(";") || isOp("\n") || isOp("&"))) break;
    }
    return cmds.length === 1 ? cmds[0] : { t: "list", cmds };
  }

  function andOr(): Command {
    const first = pipeline();
    const rest: { op: "&&" | "||"; cmd: Command }[] = [];
    while (isOp("&&") || isOp("||")) {
      const op = (peek() as { v: "&&" | "||" }).v;
      p++;
      skipNewlines();
      rest.push({ op, cmd: pipeline() });
    }
    return rest.length ? { t: "andor", first, rest } : first;
  }

  function pipeline(): Command {
    let negate = false;
    if (isWord("!")) {
      negate = true;
      p++;
    }
    const cmds = [command()];
    while (isOp("|")) {
      p++;
      skipNewlines();
      cmds.push(command());
    }
    return cmds.length === 1 && !negate ? cmds[0] : { t: "pipeline", cmds, negate };
  }

  function body(open: string, close: string): Command {
    expectWord(open);
    const b = list();
    expectWord(close);
    return b;
  }

  function command(): Command {
    const w = plain(peek());
    if (w === "while" || w === "until") {
      p++;
      const cond = list();
      return { t: "while", until: w === "until", cond, body: body("do", "done") };
    }
    if (w === "for") {
      p++;
      const name = plain(peek());
      if (!name || !NAME_RE.test(name)) unexpected();
      p++;
      let items: Word[] | undefined;
      skipNewlines();
      if (isWord("in")) {
        p++;
        items = [];
        while (peek()?.type === "word") items.push((toks[p++] as { word: Word }).word);
      }
      if (isOp(";")) p++;
      return { t: "for", name: name!, items, body: body("do", "done") };
    }
    if (w === "if") {
      p++;
      const branches: { cond: Command; body: Command }[] = [];
      let cond = list();
      expectWord("then");
      let b = list();
      branches.push({ cond, body: b });
      let otherwise: Command | undefined;
      for (;;) {
        skipNewlines();
        if (isWord("elif")) {
          p++;
          cond = list();
          expectWord("then");
          b = list();
          branches.push({ cond, body: b });
        } else if (isWord("else")) {
          p++;
          otherwise = list();
        } else break;
      }
      expectWord("fi");
      return { t: "if", branches, otherwise };
    }
    if (w === "{") {
      p++;
      const b = list();
      expectWord("}");
      return { t: "group", body: b, subshell: false };
    }
    if (isOp("(")) {
      p++;
      const b = list();
      if (!isOp(")")) unexpected(")");
      p++;
      return { t: "group", body: b, subshell: true };
    }
    return simple();
  }

  function simple(): Command {
    const cmd: Extract<Command, { t: "simple" }> = { t: "simple", assigns: [], words: [], redirs: [] };
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.type === "op") {
        if (!REDIR.has(t.v)) break;
        p++;
        if (t.v === "2>&1" || t.v === ">&2" || t.v === "1>&2") cmd.redirs.push({ op: t.v });
        else {
          const target = peek();
          if (!target || target.type !== "word") unexpected();
          p++;
          cmd.redirs.push({ op: t.v as RedirOp, target: (target as { word: Word }).word });
        }
        continue;
      }
      const first = t.word[0];
      if (cmd.words.length === 0 && first?.k === "lit" && !first.q && /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.v)) {
        const eq = first.v.indexOf("=");
        const rest: Word = [{ k: "lit", v: first.v.slice(eq + 1), q: false }, ...t.word.slice(1)];
        cmd.assigns.push({ name: first.v.slice(0, eq), value: rest });
        p++;
        continue;
      }
      if (cmd.words.length === 0 && cmd.assigns.length === 0 && plain(t) !== undefined && STOP.has(plain(t)!)) unexpected();
      cmd.words.push(t.word);
      p++;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirs.length === 0) unexpected();
    return cmd;
  }

  const tree = list();
  if (p < toks.length) unexpected();
  return tree;
}
