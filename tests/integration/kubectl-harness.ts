// Why: every kubectl integration test starts Wheelhouse the same way and drives the real kubectl binary through its admin kubeconfig.
import { execFile } from "node:child_process";
import path from "node:path";
import { ServerProcess, freePort, tempDataDir } from "./server-process";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A Wheelhouse server with its TLS API port and admin kubeconfig, and kubectl bound to them. */
export class KubectlHarness {
  server!: ServerProcess;
  kubeconfig!: string;
  apiUrl!: string;

  /** Starts the server (nodes: how many simulated nodes). */
  async start(prefix: string, env: Record<string, string> = {}): Promise<void> {
    const apiPort = await freePort();
    this.apiUrl = `https://127.0.0.1:${apiPort}`;
    this.server = new ServerProcess(await freePort(), tempDataDir(prefix), { WHEELHOUSE_NODES: "2", WHEELHOUSE_API_PORT: String(apiPort), ...env });
    await this.server.start();
    this.kubeconfig = path.join(this.server.dataDir, "admin.kubeconfig");
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  /** Runs kubectl; never throws. `timeoutMs` kills it (code is then non-zero). */
  kubectl(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Run> {
    return new Promise((resolve) => {
      execFile("kubectl", args, { env: { ...process.env, KUBECONFIG: this.kubeconfig, HOME: this.server.dataDir, ...env }, timeout: timeoutMs }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Runs kubectl and returns stdout; throws with stderr when it exits non-zero. */
  async ok(args: string[]): Promise<string> {
    const r = await this.kubectl(args);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${r.code}:\n${r.stderr}\n${r.stdout}`);
    return r.stdout;
  }
}

/** Polls `fn` until it returns a value (or the timeout passes, then throws with the last error). */
export async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}
