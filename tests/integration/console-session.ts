// Why: the console's server actions are public HTTP endpoints; tests call them as a browser does (session cookie from a password login, `Next-Action` header, React's reply encoding) to check what a signed-in user may do through the console.
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

/** What every console action returns (app/lib/server/actions.ts). */
export type ActionResult<T = unknown> = { ok: true; value: T } | { ok: false; error: { message: string; reason: string; code: number } };

interface ManifestEntry {
  workers: Record<string, unknown>;
  exportedName?: string;
  filename?: string;
}

/** Action ids of the current build, by `<file>#<exported name>`, with a page path that serves each. */
function actionIndex(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  const out = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const worker = Object.keys(entry.workers)[0];
    if (!entry.filename || !entry.exportedName || !worker) continue;
    // "app/(console)/deployments/[namespace]/[name]/page" -> "/deployments/x/x": any URL of the page that bundles the action.
    const page =
      worker
        .replace(/^app/, "")
        .replace(/\/page$/, "")
        .split("/")
        .filter((s) => s && !/^\(.*\)$/.test(s))
        .map((s) => (s.startsWith("[") ? "x" : s))
        .map((s) => `/${s}`)
        .join("") || "/";
    out.set(`${entry.filename}#${entry.exportedName}`, { id, page });
  }
  return out;
}

/** Cookies of one origin, as a browser keeps them. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/**
 * The value a server action's RSC (flight) response carries: row 0 is
 * `{"a": <result or "$@<row>">, ...}`; an outlined result is its own `<hex id>:<json>` row.
 */
export function actionValue(body: string): unknown {
  const rows = new Map<string, unknown>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!m) continue;
    try {
      rows.set(m[1], JSON.parse(m[2]));
    } catch {
      // not a JSON row (text or hint rows)
    }
  }
  const head = rows.get("0") as { a?: unknown } | undefined;
  if (!head || !("a" in head)) throw new Error(`no action result in the response:\n${body.slice(0, 500)}`);
  const ref = typeof head.a === "string" ? /^\$@([0-9a-f]+)$/.exec(head.a) : null;
  return ref ? rows.get(ref[1]) : head.a;
}

/** A signed-in console user (password login through next-auth's credentials provider). */
export class ConsoleSession {
  private readonly jar = new CookieJar();
  private static actions?: Map<string, { id: string; page: string }>;

  constructor(private readonly url: string) {}

  /** Signs in; throws when next-auth does not hand out a session. */
  async login(username: string, password: string): Promise<this> {
    const csrf = await fetch(`${this.url}/api/auth/csrf`);
    this.jar.store(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${this.url}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.jar.header() },
      body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${this.url}/`, json: "true" }),
      redirect: "manual",
    });
    this.jar.store(res);
    if (!/next-auth\.session-token=/.test(this.jar.header())) throw new Error(`login of ${username} failed: HTTP ${res.status} ${await res.text()}`);
    return this;
  }

  /** GETs a console page with the session; its status and HTML. */
  async page(pagePath: string): Promise<{ status: number; html: string }> {
    const res = await fetch(`${this.url}${pagePath}`, { headers: { cookie: this.jar.header() }, redirect: "manual" });
    return { status: res.status, html: await res.text() };
  }

  /**
   * Calls the server action `name` exported by `file` (e.g. "app/lib/server/actions.ts",
   * "scaleAction") with `args`, as the browser's action client does.
   */
  async action<T = unknown>(file: string, name: string, ...args: unknown[]): Promise<ActionResult<T>> {
    ConsoleSession.actions ??= actionIndex();
    const action = ConsoleSession.actions.get(`${file}#${name}`);
    if (!action) throw new Error(`no server action ${name} in ${file} in this build`);
    const res = await fetch(`${this.url}${action.page}`, {
      method: "POST",
      headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: this.url, cookie: this.jar.header() },
      body: JSON.stringify(args),
      redirect: "manual",
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`action ${name}: HTTP ${res.status}\n${body.slice(0, 500)}`);
    return actionValue(body) as ActionResult<T>;
  }
}
