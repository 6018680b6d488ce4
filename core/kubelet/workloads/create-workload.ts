// Why: picks the workload model for a container from its image and its command/args, with Kubernetes' ENTRYPOINT/CMD rules.

import type { Container } from "../../api/types";
import type { ImageInfo } from "../images";
import { NginxWorkload } from "./nginx";
import { HTTPD, PAUSE, POSTGRES, REDIS, ServerWorkload, pythonHttpServer } from "./servers";
import { BUILTINS } from "./shell/shell-builtins";
import { ShellWorkload } from "./shell-workload";
import type { StartError, Workload, WorkloadHost } from "./types";

/** `command` replaces the image ENTRYPOINT, `args` replace CMD; a `command` alone drops CMD. */
export function effectiveArgv(image: Pick<ImageInfo, "entrypoint" | "cmd">, c: Pick<Container, "command" | "args">): string[] {
  const entry = c.command ?? image.entrypoint;
  const args = c.args ?? (c.command ? [] : image.cmd);
  return [...entry, ...args];
}

const base = (s: string | undefined) => (s ?? "").replace(/^.*\//, "");

function startError(binary: string): StartError {
  return {
    startError: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${binary}": executable file not found in $PATH: unknown`,
  };
}

/**
 * The model for a container. Rules: nginx → {@link NginxWorkload}; httpd, redis, postgres,
 * pause and `python -m http.server` → server models; shells and busybox applets → the sh
 * interpreter; python/node without a script exit 0 at once (no tty), as do shells without
 * `-c`; anything else fails to start (StartError, exit code 128). bash exists only in
 * Debian/Ubuntu-based images.
 */
export function createWorkload(image: ImageInfo, c: Container, host: WorkloadHost, opts: { syntheticTraffic?: boolean } = {}): Workload | StartError {
  let argv = effectiveArgv(image, c);
  let viaEntrypoint = false;
  if (base(argv[0]) === "docker-entrypoint.sh" && argv.length > 1) {
    argv = argv.slice(1);
    viaEntrypoint = true;
  }
  const cmd = base(argv[0]);
  const alpineLike = image.repository === "busybox" || image.repository === "alpine" || image.tag.includes("alpine");
  const interactive = !!(c.stdin || c.tty);
  switch (cmd) {
    case "":
      return { startError: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown" };
    case "nginx":
      return new NginxWorkload(host, viaEntrypoint, opts.syntheticTraffic ?? true);
    case "httpd-foreground":
      return new ServerWorkload(host, HTTPD);
    case "redis-server":
      return new ServerWorkload(host, REDIS);
    case "postgres":
      return new ServerWorkload(host, POSTGRES);
    case "pause":
      return new ServerWorkload(host, PAUSE);
    case "python":
    case "python3":
    case "node": {
      if (image.repository !== "python" && image.repository !== "node") return startError(argv[0]);
      if (argv.length === 1) return new ShellWorkload(host, interactive ? ["sh"] : ["true"], interactive);
      const m = argv.indexOf("-m");
      if (cmd !== "node" && m > 0 && argv[m + 1] === "http.server") return new ServerWorkload(host, pythonHttpServer(Number(argv[m + 2] ?? 8000) || 8000));
      if (argv[1] === "-c" || argv[1] === "-e") return new ShellWorkload(host, ["true"]);
      const script = argv[1];
      const msg =
        cmd === "node"
          ? `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '/${script}'\n`
          : `${cmd}: can't open file '/${script}': [Errno 2] No such file or directory\n`;
      return new ShellWorkload(host, ["sh", "-c", `printf '%s' "$0" >&2; exit ${cmd === "node" ? 1 : 2}`, msg]);
    }
    case "bash":
      if (alpineLike) return startError(argv[0]);
      return new ShellWorkload(host, ["sh", ...argv.slice(1)], interactive);
    default:
      if (cmd === "sh" || cmd === "ash" || BUILTINS[cmd]) return new ShellWorkload(host, argv, interactive);
      return startError(argv[0]);
  }
}
