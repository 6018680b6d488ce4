// Why: busybox, alpine and any image given a shell command run the command through the sh interpreter, on the clock.

import { Shell, ShellKilled } from "./shell/shell";
import type { ExecResult, HttpResponse, Workload, WorkloadActivity, WorkloadHost } from "./types";

/** Runs `argv` (e.g. `sh -c "echo hi; sleep 5"` or `sleep 3600`) as PID 1. */
export class ShellWorkload implements Workload {
  private readonly shell: Shell;
  private done = false;

  constructor(
    private readonly host: WorkloadHost,
    private readonly argv: string[],
    /** `stdin: true` / `tty: true` keep an interactive shell waiting instead of exiting at EOF. */
    private readonly interactive = false,
  ) {
    this.shell = new Shell({ clock: host.clock, fs: host.fs, hostname: host.hostname, write: (t, s) => host.write(t, s) }, host.env);
  }

  start(): void {
    const name = this.argv[0]?.replace(/^.*\//, "");
    const interactiveShell = ["sh", "ash", "bash"].includes(name ?? "") && !this.argv.includes("-c") && this.argv.length === 1 && this.interactive;
    const run = interactiveShell ? this.shell.sleep(Infinity).then(() => 0) : this.shell.runArgv(this.argv);
    run.then(
      (code) => this.finish(code),
      (e) => {
        if (!(e instanceof ShellKilled)) this.finish(1);
      },
    );
  }

  /** sh (or any process) as PID 1 ignores SIGTERM unless the script set a trap. */
  terminate(): void {
    const trap = this.shell.termTrap;
    if (!trap || this.done) return;
    const sub = this.shell.fork();
    void sub.run(trap).then(
      (code) => {
        if (/\bexit\b/.test(trap)) {
          this.shell.kill();
          this.finish(code);
        }
      },
      () => undefined,
    );
  }

  kill(): void {
    this.done = true;
    this.shell.kill();
  }

  listens(): boolean {
    return false;
  }

  http(): HttpResponse | undefined {
    return undefined;
  }

  async exec(argv: string[]): Promise<ExecResult> {
    return execInShell(this.host, argv);
  }

  /** CPU time of the script (a `while true; do :; done` loop is busy all the time). */
  activity(): WorkloadActivity {
    return { busyMs: this.shell.cpuBusyMs() };
  }

  private finish(code: number): void {
    if (this.done) return;
    this.done = true;
    this.host.exit(code);
  }
}

/** Runs a command in a container's filesystem and environment, capturing its output (exec probes, kubectl exec). */
export async function execInShell(host: WorkloadHost, argv: string[]): Promise<ExecResult> {
  let output = "";
  const sh = new Shell({ clock: host.clock, fs: host.fs, hostname: host.hostname, write: (t) => (output += t) }, host.env);
  try {
    const exitCode = await sh.runArgv(argv);
    return { exitCode, output };
  } catch {
    return { exitCode: 137, output };
  }
}
