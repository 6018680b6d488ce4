// Why: nginx is the image everyone starts with; it should log and answer like the real one (start-up lines, access log, 404s, graceful quit).

import type { TimerHandle } from "../../clock/clock";
import { execInShell } from "./shell-workload";
import type { ExecResult, HttpRequest, HttpResponse, Workload, WorkloadActivity, WorkloadHost } from "./types";

/** The default page of the nginx image (615 bytes). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NOT_FOUND = `<html>
<head><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx/1.27.3</center>
</body>
</html>
`;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** nginx error-log time: `2026/01/01 00:00:00`. */
export function nginxErrorTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Common log format time: `01/Jan/2026:00:00:05 +0000`. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

const DOCROOT = "/usr/share/nginx/html";
const CLIENT_AGENTS = ["curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Wget/1.21.4", "Go-http-client/1.1"];

/** The nginx image's main process: `/docker-entrypoint.sh nginx -g 'daemon off;'`. */
export class NginxWorkload implements Workload {
  private workers: number[] = [];
  private running = false;
  private trafficTimer?: TimerHandle;
  private requests = 0;

  constructor(
    private readonly host: WorkloadHost,
    /** Started through /docker-entrypoint.sh (prints its configuration lines first). */
    private readonly viaEntrypoint: boolean,
    /** Send occasional synthetic client requests (default true). */
    private readonly syntheticTraffic = true,
  ) {}

  start(): void {
    const h = this.host;
    this.running = true;
    if (!h.fs.has(`${DOCROOT}/index.html`)) h.fs.set(`${DOCROOT}/index.html`, NGINX_WELCOME);
    if (!h.fs.has(`${DOCROOT}/50x.html`)) h.fs.set(`${DOCROOT}/50x.html`, "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n");
    if (this.viaEntrypoint) {
      h.write(
        [
          "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
          "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
          "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
          "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
          "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
          "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
          "/docker-entrypoint.sh: Configuration complete; ready for start up",
          "",
        ].join("\n"),
      );
    }
    const t = nginxErrorTime(h.clock.now());
    const n = Math.max(1, Math.min(h.cpus, 8));
    this.workers = Array.from({ length: n }, (_, i) => 29 + i);
    const notice = (msg: string) => `${t} [notice] 1#1: ${msg}`;
    h.write(
      [
        notice('using the "epoll" event method'),
        notice("nginx/1.27.3"),
        notice("built by gcc 12.2.0 (Debian 12.2.0-14) "),
        notice("OS: Linux 6.8.0-1015-gcp"),
        notice("getrlimit(RLIMIT_NOFILE): 1048576:1048576"),
        notice("start worker processes"),
        ...this.workers.map((w) => notice(`start worker process ${w}`)),
        "",
      ].join("\n"),
    );
    this.scheduleTraffic();
  }

  terminate(): void {
    if (!this.running) return;
    this.stopTraffic();
    const h = this.host;
    const t = nginxErrorTime(h.clock.now());
    const lines = [`${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`];
    for (const w of this.workers) lines.push(`${t} [notice] ${w}#${w}: gracefully shutting down`, `${t} [notice] ${w}#${w}: exiting`, `${t} [notice] ${w}#${w}: exit`);
    for (const w of this.workers) lines.push(`${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${w}`, `${t} [notice] 1#1: worker process ${w} exited with code 0`);
    lines.push(`${t} [notice] 1#1: exit`, "");
    h.write(lines.join("\n"));
    this.running = false;
    h.clock.setTimer(() => h.exit(0), 100);
  }

  kill(): void {
    this.running = false;
    this.stopTraffic();
  }

  listens(port: number): boolean {
    return this.running && port === 80;
  }

  http(req: HttpRequest): HttpResponse | undefined {
    if (!this.listens(req.port)) return undefined;
    const h = this.host;
    const path = req.path.split("?")[0] || "/";
    const file = path.endsWith("/") ? `${DOCROOT}${path}index.html` : `${DOCROOT}${path}`;
    const body = h.fs.get(file);
    const status = body === undefined ? 404 : 200;
    const out = body ?? NOT_FOUND;
    const now = h.clock.now();
    this.requests++;
    if (status === 404) {
      const w = this.workers[0] ?? 29;
      h.write(`${nginxErrorTime(now)} [error] ${w}#${w}: *${this.requests} open() "${file}" failed (2: No such file or directory), client: ${req.from}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host ?? h.podIP}"\n`, "stderr");
    }
    h.write(`${req.from} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${status} ${req.method === "HEAD" ? 0 : out.length} "-" "${req.userAgent}" "-"\n`);
    return { status, body: req.method === "HEAD" ? "" : out };
  }

  exec(argv: string[]): Promise<ExecResult> {
    return execInShell(this.host, argv);
  }

  /** Requests served so far (CPU and memory grow with the traffic). */
  activity(): WorkloadActivity {
    return { requests: this.requests };
  }

  private scheduleTraffic(): void {
    if (!this.syntheticTraffic || !this.running) return;
    const h = this.host;
    const delay = 30_000 + Math.floor(h.random() * 90_000);
    this.trafficTimer = h.clock.setTimer(() => {
      const from = `10.244.${Math.floor(h.random() * 4)}.${2 + Math.floor(h.random() * 200)}`;
      const path = h.random() < 0.85 ? "/" : "/favicon.ico";
      this.http({ method: "GET", path, port: 80, from, userAgent: CLIENT_AGENTS[Math.floor(h.random() * CLIENT_AGENTS.length)] });
      this.scheduleTraffic();
    }, delay);
  }

  private stopTraffic(): void {
    if (this.trafficTimer) this.host.clock.clearTimer(this.trafficTimer);
    this.trafficTimer = undefined;
  }
}
