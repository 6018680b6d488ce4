// Why: each container instance keeps its output like a container runtime's log file: timestamped lines, bounded in size.

/** One line of container output. */
export interface LogLine {
  /** Clock time in ms. */
  ts: number;
  /** Nanoseconds within the millisecond, so timestamps of lines written together stay ordered. */
  nano: number;
  stream: "stdout" | "stderr";
  text: string;
}

/** Options of `kubectl logs`, as the kubelet applies them. */
export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 time. */
  sinceTime?: string;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface LogBufferConfig {
  maxLines?: number;
  maxBytes?: number;
}

/** `2026-01-01T00:00:01.234000001Z`: RFC 3339 with nanoseconds, as `kubectl logs --timestamps` prints. */
export function rfc3339Nano(ms: number, nano = 0): string {
  const iso = new Date(ms).toISOString(); // 2026-01-01T00:00:01.234Z
  return `${iso.slice(0, 23)}${String(nano).padStart(6, "0")}Z`;
}

/** A bounded ring of lines (default 5,000 lines or 1 MiB, oldest dropped first). Partial lines are held until a newline. */
export class LogBuffer {
  private readonly maxLines: number;
  private readonly maxBytes: number;
  private lines: LogLine[] = [];
  private bytes = 0;
  private partial: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
  private lastMs = -1;
  private seq = 0;

  constructor(config: LogBufferConfig = {}) {
    this.maxLines = config.maxLines ?? 5000;
    this.maxBytes = config.maxBytes ?? 1024 * 1024;
  }

  /** Appends output text (may hold several lines or part of one). */
  write(ts: number, text: string, stream: "stdout" | "stderr" = "stdout"): void {
    const all = this.partial[stream] + text;
    const parts = all.split("\n");
    this.partial[stream] = parts.pop() ?? "";
    for (const p of parts) this.push(ts, p, stream);
  }

  /** Writes out a trailing partial line (the process ended). */
  close(ts: number): void {
    for (const s of ["stdout", "stderr"] as const) {
      if (this.partial[s]) this.push(ts, this.partial[s], s);
      this.partial[s] = "";
    }
  }

  all(): readonly LogLine[] {
    return this.lines;
  }

  private push(ts: number, text: string, stream: "stdout" | "stderr"): void {
    if (ts !== this.lastMs) {
      this.lastMs = ts;
      this.seq = 0;
    }
    this.lines.push({ ts, nano: ++this.seq, stream, text });
    this.bytes += text.length + 1;
    while (this.lines.length > this.maxLines || (this.bytes > this.maxBytes && this.lines.length > 1)) {
      const dropped = this.lines.shift()!;
      this.bytes -= dropped.text.length + 1;
    }
  }
}

/** Renders lines with the kubelet's filters: since, then tail, then timestamps, then the byte limit. */
export function renderLog(lines: readonly LogLine[], opts: LogOptions, now: number): string {
  let selected = lines;
  let since: number | undefined;
  if (opts.sinceSeconds !== undefined) since = now - opts.sinceSeconds * 1000;
  if (opts.sinceTime) since = Date.parse(opts.sinceTime);
  if (since !== undefined) selected = selected.filter((l) => l.ts >= since!);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) selected = opts.tailLines === 0 ? [] : selected.slice(-opts.tailLines);
  let out = selected.map((l) => (opts.timestamps ? `${rfc3339Nano(l.ts, l.nano)} ${l.text}\n` : `${l.text}\n`)).join("");
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0) out = out.slice(0, opts.limitBytes);
  return out;
}
