// Why: the commands a busybox container offers (echo, sleep, cat, test, env…), as functions over the container's model.

import type { Shell, ShellIO } from "./shell";
import { ShellExit } from "./shell";

export type Builtin = (args: string[], io: ShellIO, sh: Shell) => number | Promise<number>;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** busybox `date` output, in UTC: `Thu Jan  1 00:00:00 UTC 2026`, or a `+FORMAT`. */
export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  const f: Record<string, string> = {
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    s: String(Math.floor(ms / 1000)),
    a: DAYS[d.getUTCDay()],
    b: MONTHS[d.getUTCMonth()],
    e: String(d.getUTCDate()).padStart(2, " "),
    Z: "UTC",
    "%": "%",
  };
  f.T = `${f.H}:${f.M}:${f.S}`;
  f.F = `${f.Y}-${f.m}-${f.d}`;
  if (!format) return `${f.a} ${f.b} ${f.e} ${f.T} UTC ${f.Y}`;
  return format.replace(/%([YmdHMSsabeZTF%])/g, (_m, k: string) => f[k]);
}

function unescape(s: string): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "\\" || i + 1 >= s.length) {
      out += s[i];
      continue;
    }
    const c = s[++i];
    if (c === "c") return { text: out, stop: true };
    out += ({ n: "\n", t: "\t", r: "\r", "\\": "\\", a: "\x07", e: "\x1b", "0": "\0" } as Record<string, string>)[c] ?? `\\${c}`;
  }
  return { text: out, stop: false };
}

function printf(args: string[]): string {
  const [fmt = "", ...rest] = args;
  let out = "";
  let i = 0;
  do {
    let consumed = false;
    out += unescape(
      fmt.replace(/%(-?\d*)(?:\.(\d+))?([sdifxXc%])/g, (_m, width: string, prec: string | undefined, conv: string) => {
        if (conv === "%") return "%";
        const arg = rest[i++] ?? "";
        consumed = true;
        let v: string;
        if (conv === "s") v = prec ? arg.slice(0, Number(prec)) : arg;
        else if (conv === "c") v = arg.slice(0, 1);
        else if (conv === "f") v = (Number(arg) || 0).toFixed(prec ? Number(prec) : 6);
        else if (conv === "x" || conv === "X") v = Math.trunc(Number(arg) || 0).toString(16)[conv === "X" ? "toUpperCase" : "toLowerCase"]();
        else v = String(Math.trunc(Number(arg) || 0));
        const w = Number(width || 0);
        return w < 0 ? v.padEnd(-w) : v.padStart(w);
      }),
    ).text;
    if (!consumed) break;
  } while (i < rest.length);
  return out;
}

/** `sleep 5`, `sleep 1.5`, `sleep 2m`, `sleep infinity`: milliseconds, or undefined when malformed. */
export function parseSleep(arg: string): number | undefined {
  if (arg === "infinity" || arg === "inf") return Infinity;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
  return Number(m[1]) * mult;
}

function test(args: string[], sh: Shell): boolean {
  if (args.length === 0) return false;
  if (args[0] === "!") return !test(args.slice(1), sh);
  if (args.length === 1) return args[0] !== "";
  if (args.length === 2) {
    const [op, v] = args;
    if (op === "-z") return v === "";
    if (op === "-n") return v !== "";
    if (op === "-f" || op === "-e" || op === "-s" || op === "-r") return sh.host.fs.has(v) && (op !== "-s" || (sh.host.fs.get(v) ?? "") !== "");
    if (op === "-d") return v === "/" || [...sh.host.fs.keys()].some((k) => k.startsWith(v.endsWith("/") ? v : `${v}/`));
    return false;
  }
  const [a, op, b] = args;
  const ia = Number.parseInt(a, 10);
  const ib = Number.parseInt(b, 10);
  switch (op) {
    case "=":
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "-eq":
      return ia === ib;
    case "-ne":
      return ia !== ib;
    case "-lt":
      return ia < ib;
    case "-le":
      return ia <= ib;
    case "-gt":
      return ia > ib;
    case "-ge":
      return ia >= ib;
    case "-a":
      return test([a], sh) && test([b], sh);
    case "-o":
      return test([a], sh) || test([b], sh);
    default:
      return false;
  }
}

function readFiles(args: string[], io: ShellIO, sh: Shell, cmd: string): { text: string; status: number } {
  const files = args.filter((a) => a !== "-" && !a.startsWith("-"));
  if (files.length === 0) return { text: io.stdin, status: 0 };
  let text = "";
  let status = 0;
  for (const f of files) {
    const c = sh.host.fs.get(f);
    if (c === undefined) {
      io.err(`${cmd}: can't open '${f}': No such file or directory\n`);
      status = 1;
    } else text += c;
  }
  return { text, status };
}

function lines(text: string): string[] {
  const l = text.split("\n");
  if (l.at(-1) === "") l.pop();
  return l;
}

function countArg(args: string[], def: number): number {
  const i = args.findIndex((a) => a === "-n" || /^-n\d+$/.test(a) || /^-\d+$/.test(a));
  if (i < 0) return def;
  const a = args[i];
  return Number(a === "-n" ? args[i + 1] : a.replace(/^-n?/, ""));
}

/** The builtins and busybox applets the interpreter knows. Anything else is `not found`. */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  echo(args, io) {
    let newline = true;
    let escapes = false;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      if (args[0].includes("n")) newline = false;
      if (args[0].includes("e")) escapes = true;
      args = args.slice(1);
    }
    const text = args.join(" ");
    const u = escapes ? unescape(text) : { text, stop: false };
    io.out(u.text + (newline && !u.stop ? "\n" : ""));
    return 0;
  },
  printf(args, io) {
    io.out(printf(args));
    return 0;
  },
  async sleep(args, io, sh) {
    if (args.length === 0) {
      io.err("sleep: missing operand\n");
      return 1;
    }
    let total = 0;
    for (const a of args) {
      const ms = parseSleep(a);
      if (ms === undefined) {
        io.err(`sleep: invalid number '${a}'\n`);
        return 1;
      }
      total += ms;
    }
    await sh.sleep(total);
    return 0;
  },
  exit(args, _io, sh) {
    throw new ShellExit(args[0] === undefined ? sh.status : Number.parseInt(args[0], 10) & 255);
  },
  true: () => 0,
  false: () => 1,
  ":": () => 0,
  env(_args, io, sh) {
    io.out([...sh.vars].map(([k, v]) => `${k}=${v}\n`).join(""));
    return 0;
  },
  printenv(args, io, sh) {
    if (args.length === 0) return BUILTINS.env(args, io, sh);
    let status = 0;
    for (const a of args) {
      const v = sh.vars.get(a);
      if (v === undefined) status = 1;
      else io.out(`${v}\n`);
    }
    return status;
  },
  export(args, _io, sh) {
    for (const a of args) {
      const i = a.indexOf("=");
      if (i > 0) sh.vars.set(a.slice(0, i), a.slice(i + 1));
    }
    return 0;
  },
  unset(args, _io, sh) {
    for (const a of args) sh.vars.delete(a);
    return 0;
  },
  set(args, _io, sh) {
    for (const a of args) {
      if (/^-[a-z]*e/.test(a)) sh.errexit = true;
      if (/^\+[a-z]*e/.test(a)) sh.errexit = false;
    }
    return 0;
  },
  trap(args, _io, sh) {
    if (args.length >= 2 && args.slice(1).some((s) => /^(SIG)?TERM$|^15$/.test(s))) sh.termTrap = args[0];
    return 0;
  },
  date(args, io, sh) {
    const fmt = args.find((a) => a.startsWith("+"));
    io.out(`${formatDate(sh.host.clock.now(), fmt?.slice(1))}\n`);
    return 0;
  },
  hostname(_args, io, sh) {
    io.out(`${sh.host.hostname}\n`);
    return 0;
  },
  cat(args, io, sh) {
    const r = readFiles(args, io, sh, "cat");
    io.out(r.text);
    return r.status;
  },
  touch(args, _io, sh) {
    for (const f of args.filter((a) => !a.startsWith("-"))) if (!sh.host.fs.has(f)) sh.host.fs.set(f, "");
    return 0;
  },
  rm(args, io, sh) {
    const force = args.some((a) => /^-[a-z]*f/.test(a));
    let status = 0;
    for (const f of args.filter((a) => !a.startsWith("-"))) {
      if (!sh.host.fs.delete(f) && !force) {
        io.err(`rm: can't remove '${f}': No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  },
  mkdir: () => 0,
  cd: () => 0,
  wait: () => 0,
  read: () => 1,
  pwd(_a, io) {
    io.out("/\n");
    return 0;
  },
  whoami(_a, io) {
    io.out("root\n");
    return 0;
  },
  id(_a, io) {
    io.out("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
    return 0;
  },
  uname(args, io, sh) {
    io.out(args.includes("-a") ? `Linux ${sh.host.hostname} 6.8.0-1015 #1 SMP x86_64 GNU/Linux\n` : "Linux\n");
    return 0;
  },
  test: (args, _io, sh) => (test(args, sh) ? 0 : 1),
  "[": (args, io, sh) => {
    if (args.at(-1) !== "]") {
      io.err("[: missing ]\n");
      return 2;
    }
    return test(args.slice(0, -1), sh) ? 0 : 1;
  },
  ls(args, io, sh) {
    const dir = (args.find((a) => !a.startsWith("-")) ?? "/").replace(/\/?$/, "/");
    const names = new Set<string>();
    for (const k of sh.host.fs.keys()) if (k.startsWith(dir)) names.add(k.slice(dir.length).split("/")[0]);
    io.out([...names].sort().map((n) => `${n}\n`).join(""));
    return 0;
  },
  wc(args, io, sh) {
    const r = readFiles(args, io, sh, "wc");
    const n = lines(r.text).length;
    io.out(args.includes("-l") ? `${n}\n` : `${n} ${r.text.split(/\s+/).filter(Boolean).length} ${r.text.length}\n`);
    return r.status;
  },
  head(args, io, sh) {
    const r = readFiles(args.filter((a, i) => !(args[i - 1] === "-n")), io, sh, "head");
    io.out(lines(r.text).slice(0, countArg(args, 10)).map((l) => `${l}\n`).join(""));
    return r.status;
  },
  async tail(args, io, sh) {
    if (args.includes("-f") || args.includes("-F")) {
      await sh.sleep(Infinity);
      return 0;
    }
    const r = readFiles(args.filter((a, i) => !(args[i - 1] === "-n")), io, sh, "tail");
    const n = countArg(args, 10);
    io.out(lines(r.text).slice(-n).map((l) => `${l}\n`).join(""));
    return r.status;
  },
  grep(args, io, sh) {
    const flags = args.filter((a) => a.startsWith("-")).join("");
    const [pattern, ...files] = args.filter((a) => !a.startsWith("-"));
    if (pattern === undefined) {
      io.err("Usage: grep [-qvi] PATTERN [FILE]...\n");
      return 2;
    }
    const r = readFiles(files, io, sh, "grep");
    let re: RegExp;
    try {
      re = new RegExp(pattern, flags.includes("i") ? "i" : "");
    } catch {
      re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    }
    const hits = lines(r.text).filter((l) => re.test(l) !== flags.includes("v"));
    if (!flags.includes("q")) io.out(hits.map((l) => `${l}\n`).join(""));
    return hits.length ? 0 : 1;
  },
  seq(args, io) {
    const nums = args.map(Number);
    const [first, last] = nums.length === 1 ? [1, nums[0]] : [nums[0], nums[nums.length - 1]];
    const step = nums.length === 3 ? nums[1] : 1;
    let out = "";
    for (let i = first; step > 0 ? i <= last : i >= last; i += step) out += `${i}\n`;
    io.out(out);
    return 0;
  },
};
