// Why: busybox and alpine containers run real `sh -c` scripts; this interprets the subset people use, on the injected clock.

import type { Clock, TimerHandle } from "../../../clock/clock";
import { ArithError, evalArith } from "./shell-arith";
import { parseScript, ShellSyntaxError, type Command, type Word } from "./shell-parser";
import { BUILTINS } from "./shell-builtins";

/** What the shell needs from its container. */
export interface ShellHost {
  clock: Clock;
  /** Container output; stdout and stderr both end up in the container log. */
  write(text: string, stream: "stdout" | "stderr"): void;
  /** The container's files (path → content), shared with probes and `kubectl exec`. */
  fs: Map<string, string>;
  hostname: string;
}

/** Where one command reads and writes. */
export interface ShellIO {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
}

/** `exit N` unwinds to the top of the script. */
export class ShellExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The container was killed: the script stops where it is. */
export class ShellKilled extends Error {}

/** After this many commands without sleeping, the script spends 10 ms of clock time (CPU time, and a yield). */
const STEPS_PER_YIELD = 100;

/** A POSIX-ish shell interpreter (busybox ash subset). One per process; subshells are copies. */
export class Shell {
  readonly vars: Map<string, string>;
  positional: string[];
  argv0 = "sh";
  status = 0;
  errexit = false;
  /** Command run on SIGTERM (`trap '...' TERM`); without one, sh as PID 1 ignores SIGTERM. */
  termTrap?: string;
  private killed = false;
  private readonly sleepers = new Set<{ handle?: TimerHandle; reject: (e: Error) => void }>();
  private steps = 0;
  private busyMs = 0;

  constructor(
    readonly host: ShellHost,
    env: Record<string, string> = {},
    positional: string[] = [],
    private readonly root?: Shell,
  ) {
    this.vars = new Map(Object.entries(env));
    this.positional = positional;
  }

  /** A subshell: a copy of the variables, sharing the host and the kill switch. */
  fork(): Shell {
    const s = new Shell(this.host, Object.fromEntries(this.vars), [...this.positional], this.root ?? this);
    s.argv0 = this.argv0;
    s.status = this.status;
    return s;
  }

  /** Runs a script to completion; resolves with its exit status. Rejects with ShellKilled when killed. */
  async run(src: string, io: ShellIO = this.defaultIO()): Promise<number> {
    let tree: Command;
    try {
      tree = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.err(`${this.argv0}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    try {
      return await this.exec(tree, io, false);
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      throw e;
    }
  }

  /** Runs one command given as argv (a container's command without a shell). */
  async runArgv(argv: string[], io: ShellIO = this.defaultIO()): Promise<number> {
    try {
      return await this.invoke(argv, io);
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      throw e;
    }
  }

  /** Stops the script at once (SIGKILL). */
  kill(): void {
    const r = this.root ?? this;
    r.killed = true;
    for (const s of r.sleepers) {
      if (s.handle) r.host.clock.clearTimer(s.handle);
      s.reject(new ShellKilled("killed"));
    }
    r.sleepers.clear();
  }

  /** Clock time the script has spent computing rather than sleeping (the forced yields): its CPU time, for usage metrics. */
  cpuBusyMs(): number {
    return (this.root ?? this).busyMs;
  }

  isKilled(): boolean {
    return (this.root ?? this).killed;
  }

  /** Waits `ms` of clock time; `Infinity` waits until killed. */
  sleep(ms: number): Promise<void> {
    const r = this.root ?? this;
    if (r.killed) return Promise.reject(new ShellKilled("killed"));
    r.steps = 0;
    return new Promise<void>((resolve, reject) => {
      const entry: { handle?: TimerHandle; reject: (e: Error) => void } = { reject };
      if (Number.isFinite(ms)) {
        entry.handle = r.host.clock.setTimer(() => {
          r.sleepers.delete(entry);
          resolve();
        }, ms);
      }
      r.sleepers.add(entry);
    });
  }

  defaultIO(): ShellIO {
    return { stdin: "", out: (t) => this.host.write(t, "stdout"), err: (t) => this.host.write(t, "stderr") };
  }

  /** Expands words into fields: variables, arithmetic, command substitution, field splitting of unquoted parts. */
  async expand(words: Word[], io: ShellIO): Promise<string[]> {
    const fields: string[] = [];
    for (const w of words) {
      let cur = "";
      let has = false;
      for (const seg of w) {
        let v: string;
        if (seg.k === "lit") v = seg.v;
        else if (seg.k === "var") v = await this.varValue(seg, io);
        else if (seg.k === "arith") {
          try {
            v = String(evalArith(seg.expr, (n) => this.lookup(n)));
          } catch (e) {
            if (e instanceof ArithError) {
              io.err(`${this.argv0}: ${e.message}\n`);
              throw new ShellExit(2);
            }
            throw e;
          }
        } else {
          let captured = "";
          const sub = this.fork();
          await sub.run(seg.src, { stdin: "", out: (t) => (captured += t), err: io.err }).catch((e) => {
            if (e instanceof ShellKilled) throw e;
          });
          this.status = sub.status;
          v = captured.replace(/\n+$/, "");
        }
        if (seg.q || seg.k === "lit") {
          cur += v;
          has = true;
          continue;
        }
        const parts = v.split(/[ \t\n]+/);
        for (let i = 0; i < parts.length; i++) {
          if (i > 0) {
            if (has || cur) fields.push(cur);
            cur = "";
            has = false;
          }
          if (parts[i]) {
            cur += parts[i];
            has = true;
          }
        }
      }
      if (has || cur) fields.push(cur);
    }
    return fields;
  }

  lookup(name: string): string | undefined {
    if (name === "?") return String(this.status);
    if (name === "$") return "1";
    if (name === "#") return String(this.positional.length);
    if (name === "@" || name === "*") return this.positional.join(" ");
    if (name === "0") return this.argv0;
    if (/^[1-9]$/.test(name)) return this.positional[Number(name) - 1];
    if (name === "!") return "";
    return this.vars.get(name);
  }

  private async varValue(seg: Extract<Word[number], { k: "var" }>, io: ShellIO): Promise<string> {
    const v = this.lookup(seg.name);
    if (seg.op === "#") return String((v ?? "").length);
    if (seg.def && (seg.op === "-" ? v === undefined : !v)) {
      const d = (await this.expand([seg.def], io)).join(" ");
      if (seg.op === ":=") this.vars.set(seg.name, d);
      return d;
    }
    return v ?? "";
  }

  private async tick(): Promise<void> {
    const r = this.root ?? this;
    if (r.killed) throw new ShellKilled("killed");
    if (++r.steps >= STEPS_PER_YIELD) {
      r.busyMs += 10;
      await this.sleep(10);
    }
  }

  /** Executes a syntax tree node; `cond` is true where errexit does not apply (if/while conditions, && lists). */
  async exec(c: Command, io: ShellIO, cond: boolean): Promise<number> {
    await this.tick();
    switch (c.t) {
      case "list": {
        let s = 0;
        for (const x of c.cmds) {
          s = await this.exec(x, io, cond);
          if (this.errexit && !cond && s !== 0 && (x.t === "simple" || x.t === "group")) throw new ShellExit(s);
        }
        return (this.status = s);
      }
      case "andor": {
        let s = await this.exec(c.first, io, true);
        for (const r of c.rest) if ((r.op === "&&") === (s === 0)) s = await this.exec(r.cmd, io, true);
        return (this.status = s);
      }
      case "pipeline": {
        let stdin = io.stdin;
        let s = 0;
        for (let i = 0; i < c.cmds.length; i++) {
          const last = i === c.cmds.length - 1;
          let captured = "";
          s = await this.exec(c.cmds[i], { stdin, out: last ? io.out : (t) => (captured += t), err: io.err }, cond);
          stdin = captured;
        }
        return (this.status = c.negate ? (s === 0 ? 1 : 0) : s);
      }
      case "while": {
        let s = 0;
        for (;;) {
          const ok = (await this.exec(c.cond, io, true)) === 0;
          if (ok === c.until) break;
          s = await this.exec(c.body, io, cond);
        }
        return (this.status = s);
      }
      case "for": {
        const items = c.items ? await this.expand(c.items, io) : [...this.positional];
        let s = 0;
        for (const it of items) {
          this.vars.set(c.name, it);
          s = await this.exec(c.body, io, cond);
        }
        return (this.status = s);
      }
      case "if": {
        for (const b of c.branches) if ((await this.exec(b.cond, io, true)) === 0) return (this.status = await this.exec(b.body, io, cond));
        return (this.status = c.otherwise ? await this.exec(c.otherwise, io, cond) : 0);
      }
      case "group": {
        if (!c.subshell) return (this.status = await this.exec(c.body, io, cond));
        const sub = this.fork();
        try {
          return (this.status = await sub.exec(c.body, io, cond));
        } catch (e) {
          if (e instanceof ShellExit) return (this.status = e.code);
          throw e;
        }
      }
      case "simple":
        return (this.status = await this.simple(c, io));
    }
  }

  private async simple(c: Extract<Command, { t: "simple" }>, io: ShellIO): Promise<number> {
    const argv = await this.expand(c.words, io);
    const assigned: [string, string][] = [];
    for (const a of c.assigns) assigned.push([a.name, (await this.expand([a.value], io)).join(" ")]);
    if (argv.length === 0) {
      for (const [k, v] of assigned) this.vars.set(k, v);
      return 0;
    }
    let cmdIO = io;
    let redirectTo: { path: string; append: boolean; stream: "out" | "err" } | undefined;
    let buffered = "";
    for (const r of c.redirs) {
      const target = r.target ? (await this.expand([r.target], io)).join(" ") : "";
      if (r.op === "2>&1") cmdIO = { ...cmdIO, err: cmdIO.out };
      else if (r.op === ">&2" || r.op === "1>&2") cmdIO = { ...cmdIO, out: cmdIO.err };
      else if (r.op === "<") {
        const content = this.host.fs.get(target);
        if (content === undefined) {
          io.err(`${this.argv0}: can't open '${target}': No such file or directory\n`);
          return 1;
        }
        cmdIO = { ...cmdIO, stdin: content };
      } else {
        const sink = target === "/dev/null" ? () => undefined : (t: string) => (buffered += t);
        if (target !== "/dev/null") redirectTo = { path: target, append: r.op.endsWith(">>"), stream: r.op.startsWith("2") ? "err" : "out" };
        if (r.op === "&>") cmdIO = { ...cmdIO, out: sink, err: sink };
        else if (r.op.startsWith("2")) cmdIO = { ...cmdIO, err: sink };
        else cmdIO = { ...cmdIO, out: sink };
      }
    }
    if (redirectTo) this.host.fs.set(redirectTo.path, redirectTo.append ? (this.host.fs.get(redirectTo.path) ?? "") : "");
    const saved = assigned.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigned) this.vars.set(k, v);
    try {
      return await this.invoke(argv, cmdIO);
    } finally {
      if (redirectTo) this.host.fs.set(redirectTo.path, (this.host.fs.get(redirectTo.path) ?? "") + buffered);
      if (assigned.length && argv.length) for (const [k, v] of saved) {
          if (v === undefined) this.vars.delete(k);
          else this.vars.set(k, v);
        }
    }
  }

  /** Runs a command by name: a builtin, a nested shell, or `not found` (127). */
  async invoke(argv: string[], io: ShellIO): Promise<number> {
    const name = argv[0].replace(/^\/(usr\/)?(s?bin)\//, "");
    if (name === "sh" || name === "ash" || name === "bash") {
      const i = argv.indexOf("-c");
      if (i < 0) return 0; // no script and no tty: reads EOF from stdin and exits
      const sub = new Shell(this.host, Object.fromEntries(this.vars), argv.slice(i + 3), this.root ?? this);
      sub.argv0 = argv[i + 2] ?? name;
      return sub.run(argv[i + 1] ?? "", io);
    }
    if (name === "exec") {
      if (argv.length === 1) return 0;
      const s = await this.invoke(argv.slice(1), io);
      throw new ShellExit(s);
    }
    const builtin = BUILTINS[name];
    if (!builtin) {
      io.err(`${this.argv0}: ${argv[0]}: not found\n`);
      return 127;
    }
    return builtin(argv.slice(1), io, this);
  }
}

export { ShellSyntaxError };
