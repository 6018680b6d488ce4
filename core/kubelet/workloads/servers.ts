// Why: other well-known images (httpd, redis, postgres, pause, python's http.server) start, listen and log like themselves.

import { clfTime } from "./nginx";
import { execInShell } from "./shell-workload";
import type { ExecResult, HttpRequest, HttpResponse, Workload, WorkloadHost } from "./types";

/** How one server model behaves. */
export interface ServerModel {
  ports: number[];
  /** Log lines at start, given the clock time. */
  startLines(now: number, host: WorkloadHost): string[];
  /** Answer for an HTTP request; undefined for non-HTTP servers (they still accept TCP). */
  respond?(req: HttpRequest): HttpResponse;
  /** Access-log line for a request, if the server logs them. */
  accessLog?(req: HttpRequest, res: HttpResponse, now: number): string;
  /** Lines when asked to stop; the process then exits 0. Undefined: the process ignores SIGTERM. */
  stopLines?(now: number): string[];
  /** Fails at start with this output and exit code instead of serving. */
  fails?(host: WorkloadHost): { lines: string[]; exitCode: number } | undefined;
}

/** A long-running server process driven by a {@link ServerModel}. */
export class ServerWorkload implements Workload {
  private running = false;

  constructor(
    private readonly host: WorkloadHost,
    private readonly model: ServerModel,
  ) {}

  start(): void {
    const h = this.host;
    const failure = this.model.fails?.(h);
    if (failure) {
      h.write(failure.lines.map((l) => `${l}\n`).join(""), "stderr");
      h.clock.setTimer(() => h.exit(failure.exitCode), 50);
      return;
    }
    this.running = true;
    const lines = this.model.startLines(h.clock.now(), h);
    if (lines.length) h.write(lines.map((l) => `${l}\n`).join(""));
  }

  terminate(): void {
    if (!this.running || !this.model.stopLines) return;
    const h = this.host;
    const lines = this.model.stopLines(h.clock.now());
    if (lines.length) h.write(lines.map((l) => `${l}\n`).join(""));
    this.running = false;
    h.clock.setTimer(() => h.exit(0), 100);
  }

  kill(): void {
    this.running = false;
  }

  listens(port: number): boolean {
    return this.running && this.model.ports.includes(port);
  }

  http(req: HttpRequest): HttpResponse | undefined {
    if (!this.listens(req.port) || !this.model.respond) return undefined;
    const res = this.model.respond(req);
    const line = this.model.accessLog?.(req, res, this.host.clock.now());
    if (line) this.host.write(`${line}\n`);
    return res;
  }

  exec(argv: string[]): Promise<ExecResult> {
    return execInShell(this.host, argv);
  }
}

const REDIS_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function redisTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCDate())} ${REDIS_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

function apacheTime(ms: number): string {
  const d = new Date(ms);
  const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${days[d.getUTCDay()]} ${REDIS_MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, "0")}000 ${d.getUTCFullYear()}`;
}

/** httpd-foreground: "It works!" on port 80. */
export const HTTPD: ServerModel = {
  ports: [80],
  startLines: (now, h) => [
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${h.podIP}. Set the 'ServerName' directive globally to suppress this message`,
    `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${h.podIP}. Set the 'ServerName' directive globally to suppress this message`,
    `[${apacheTime(now)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
    `[${apacheTime(now)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
  ],
  respond: (req) => (req.path === "/" || req.path === "/index.html" ? { status: 200, body: "<html><body><h1>It works!</h1></body></html>\n" } : { status: 404, body: "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n" }),
  accessLog: (req, res, now) => `${req.from} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length}`,
  stopLines: (now) => [`[${apacheTime(now)}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`],
};

/** redis-server on 6379. */
export const REDIS: ServerModel = {
  ports: [6379],
  startLines: (now) => {
    const t = redisTime(now);
    return [
      `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started`,
      `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:M ${t} * monotonic clock: POSIX clock_gettime`,
      `1:M ${t} * Running mode=standalone, port=6379.`,
      `1:M ${t} * Server initialized`,
      `1:M ${t} * Ready to accept connections tcp`,
    ];
  },
  stopLines: (now) => {
    const t = redisTime(now);
    return [`1:signal-handler (${Math.floor(now / 1000)}) Received SIGTERM scheduling shutdown...`, `1:M ${t} * User requested shutdown...`, `1:M ${t} * Saving the final RDB snapshot before exiting.`, `1:M ${t} * DB saved on disk`, `1:M ${t} # Redis is now ready to exit, bye bye...`];
  },
};

/** postgres: refuses to start without POSTGRES_PASSWORD, as the image does. */
export const POSTGRES: ServerModel = {
  ports: [5432],
  fails: (h) =>
    h.env.POSTGRES_PASSWORD || h.env.POSTGRES_HOST_AUTH_METHOD === "trust"
      ? undefined
      : {
          exitCode: 1,
          lines: [
            "Error: Database is uninitialized and superuser password is not specified.",
            "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
            '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
            "",
            '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
            "       connections without a password. This is *not* recommended.",
            "",
            '       See PostgreSQL documentation about "trust":',
            "       https://www.postgresql.org/docs/current/auth-trust.html",
          ],
        },
  startLines: (now) => {
    const t = `${new Date(now).toISOString().replace("T", " ").slice(0, 23)} UTC`;
    return [
      "The files belonging to this database system will be owned by user \"postgres\".",
      "Success. You can now start the database server using:",
      `${t} [1] LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
      `${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
      `${t} [1] LOG:  database system is ready to accept connections`,
    ];
  },
  stopLines: (now) => {
    const t = `${new Date(now).toISOString().replace("T", " ").slice(0, 23)} UTC`;
    return [`${t} [1] LOG:  received smart shutdown request`, `${t} [1] LOG:  database system is shut down`];
  },
};

/** registry.k8s.io/pause: does nothing, exits on SIGTERM. */
export const PAUSE: ServerModel = { ports: [], startLines: () => [], stopLines: () => [] };

/** `python3 -m http.server [port]`. */
export function pythonHttpServer(port: number): ServerModel {
  return {
    ports: [port],
    startLines: () => [`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`],
    respond: () => ({ status: 200, body: "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n</ul>\n<hr>\n</body>\n</html>\n" }),
    accessLog: (req, res, now) => `${req.from} - - [${clfTime(now).replace(" +0000", "")}] "${req.method} ${req.path} HTTP/1.1" ${res.status} -`,
  };
}
