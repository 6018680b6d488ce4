import { describe, it, expect, beforeEach } from "vitest";
import { badRequest } from "@/core/api/errors";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { Pod } from "@/core/api/types";
import { LogBuffer, renderLog } from "@/core/kubelet/log-buffer";
import { makePod } from "@/core/testing/builders";
import { CONSOLE_ADMIN } from "@/server/runtime/types";
import { makeTestRuntime, type TestRuntime } from "@/server/services/testing/test-runtime";
import type { PodLogRequest } from "./log-options";
import { streamPodLogs } from "./log-stream";

const PODS = resourceTypeByPlural("", "pods")!;
let t: TestRuntime;
let current: LogBuffer;
let previous: LogBuffer | undefined;

const running = (restartCount = 0) => ({
  phase: "Running",
  containerStatuses: [{ name: "app", image: "nginx", imageID: "", ready: true, restartCount, state: { running: { startedAt: "2026-01-01T00:00:00Z" } } }],
});

beforeEach(async () => {
  t = await makeTestRuntime();
  current = new LogBuffer();
  previous = undefined;
  // A kubelet-like reader over the buffers above, with the kubelet's own rendering.
  t.rt.readLogs = (_ns, _pod, _container, opts) => {
    const buf = opts.previous ? previous : current;
    if (!buf) throw badRequest('previous terminated container "app" in pod "web" not found');
    return renderLog(buf.all(), opts, t.clock.now());
  };
  await t.seed({ ...makePod("web").onNode("n1").build(), status: running() });
});

const opts = (o: Partial<PodLogRequest> = {}): PodLogRequest => ({ follow: false, previous: false, timestamps: false, ...o });
const write = (text: string) => current.write(t.clock.now(), text);
const decoder = new TextDecoder();

/** Reads what the stream has sent so far (the poll timer is driven by the fake clock); a read left pending carries over. */
const pending = new WeakMap<ReadableStreamDefaultReader<Uint8Array>, Promise<ReadableStreamReadResult<Uint8Array>>>();
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<{ text: string; done: boolean }> {
  let text = "";
  for (;;) {
    const read = pending.get(reader) ?? reader.read();
    pending.set(reader, read);
    const r = await Promise.race([read, new Promise<null>((res) => setImmediate(() => res(null)))]);
    if (r === null) return { text, done: false };
    pending.delete(reader);
    if (r.done) return { text, done: true };
    text += decoder.decode(r.value);
  }
}

async function setStatus(status: Pod["status"]): Promise<void> {
  const pod = structuredClone(t.store.get<Pod>(PODS, "default", "web")!);
  await t.store.update({ ...pod, status }, { subresource: "status" });
}

describe("streamPodLogs", () => {
  it("answers the whole log as text/plain without follow", async () => {
    write("one\ntwo\nthree\n");
    const res = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ tailLines: 2 }));
    expect(res.headers.get("content-type")).toBe("text/plain");
    expect(await res.text()).toBe("two\nthree\n");
  });

  it("throws the kubelet's 400 and the 404 before streaming", () => {
    expect(() => streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "nope", opts())).toThrow(expect.objectContaining({ code: 404 }));
    expect(() => streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ previous: true }))).toThrow(expect.objectContaining({ code: 400 }));
  });

  it("with follow, sends new lines as they are written, once each", async () => {
    write("old\n");
    const res = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ follow: true }), undefined, { timer: t.clock, pollMs: 100 });
    const reader = res.body!.getReader();
    expect(await drain(reader)).toEqual({ text: "old\n", done: false });
    t.clock.step(10);
    write("a\n");
    write("b\n");
    t.clock.step(100);
    expect(await drain(reader)).toEqual({ text: "a\nb\n", done: false });
    t.clock.step(100);
    expect(await drain(reader)).toEqual({ text: "", done: false });
    await reader.cancel();
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it.each([
    { name: "tailLines=0", o: { tailLines: 0 } },
    { name: "a sinceSeconds window that leaves the old lines out", o: { sinceSeconds: 1 } },
  ])("with follow and $name, sends only lines written afterwards", async ({ o }) => {
    write("old 1\nold 2\n");
    t.clock.step(5000);
    const res = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ follow: true, ...o }), undefined, { timer: t.clock, pollMs: 100 });
    const reader = res.body!.getReader();
    expect((await drain(reader)).text).toBe("");
    write("new\n");
    t.clock.step(100);
    expect((await drain(reader)).text).toBe("new\n");
    await reader.cancel();
  });

  it("keeps timestamps when asked, and ends when the container terminates", async () => {
    const res = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ follow: true, timestamps: true }), undefined, { timer: t.clock, pollMs: 100 });
    const reader = res.body!.getReader();
    write("last words\n");
    await setStatus({ phase: "Succeeded", containerStatuses: [{ ...running().containerStatuses[0], ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } }] });
    t.clock.step(100);
    const out = await drain(reader);
    expect(out.text).toMatch(/^2026-01-01T00:00:00\.000000001Z last words\n$/);
    expect(out.done).toBe(true);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it("flushes the old instance's tail and ends when the container restarts", async () => {
    const res = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ follow: true }), undefined, { timer: t.clock, pollMs: 100 });
    const reader = res.body!.getReader();
    write("before crash\n");
    previous = current;
    current = new LogBuffer();
    t.clock.step(5);
    write("new instance\n");
    await setStatus(running(1));
    t.clock.step(100);
    expect(await drain(reader)).toEqual({ text: "before crash\n", done: true });
  });

  it("stops at limitBytes and on abort", async () => {
    write("0123456789\n");
    const limited = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ follow: true, limitBytes: 4 }), undefined, { timer: t.clock, pollMs: 100 });
    expect(await drain(limited.body!.getReader())).toEqual({ text: "0123", done: true });

    const ctl = new AbortController();
    const res = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ follow: true }), ctl.signal, { timer: t.clock, pollMs: 100 });
    const reader = res.body!.getReader();
    expect((await drain(reader)).text).toBe("0123456789\n");
    ctl.abort();
    expect(await drain(reader)).toEqual({ text: "", done: true });
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it("answers at once when the followed container has already terminated", async () => {
    write("done\n");
    await setStatus({ phase: "Succeeded", containerStatuses: [{ ...running().containerStatuses[0], state: { terminated: { exitCode: 0 } } }] });
    const res = streamPodLogs(t.rt, CONSOLE_ADMIN, "default", "web", opts({ follow: true }), undefined, { timer: t.clock, pollMs: 100 });
    expect(await res.text()).toBe("done\n");
  });
});
