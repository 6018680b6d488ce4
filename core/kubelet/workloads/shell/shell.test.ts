import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../clock/fake-clock";
import { Shell, ShellKilled } from "./shell";

function makeShell(env: Record<string, string> = {}) {
  const clock = new FakeClock();
  let output = "";
  const fs = new Map<string, string>();
  const sh = new Shell({ clock, fs, hostname: "web-0", write: (t) => (output += t) }, { HOME: "/root", ...env });
  return { clock, sh, fs, out: () => output };
}

async function run(script: string, env?: Record<string, string>) {
  const { clock, sh, out, fs } = makeShell(env);
  let code: number | undefined;
  void sh.run(script).then((c) => (code = c));
  for (let i = 0; i < 200 && code === undefined; i++) await clock.advance(1000);
  return { code, out: out(), fs, elapsed: clock.now() - Date.parse("2026-01-01T00:00:00Z") };
}

describe("shell interpreter", () => {
  it.each([
    { script: "echo hi", out: "hi\n", code: 0 },
    { script: "echo hi; exit 1", out: "hi\n", code: 1 },
    { script: "echo -n a; echo b", out: "ab\n", code: 0 },
    { script: "echo 'single $HOME' \"double $HOME\"", out: "single $HOME double /root\n", code: 0 },
    { script: 'X=1; echo "x=$X ${X}y ${MISSING:-def}"', out: "x=1 1y def\n", code: 0 },
    { script: "echo $((1 + 2 * 3)) $(( (1+2)*3 )) $((7 / 2)) $((7 % 3))", out: "7 9 3 1\n", code: 0 },
    { script: "false && echo no || echo yes", out: "yes\n", code: 0 },
    { script: "true && echo a; false; echo $?", out: "a\n1\n", code: 0 },
    { script: "for i in 1 2 3; do echo n$i; done", out: "n1\nn2\nn3\n", code: 0 },
    { script: "i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done", out: "1\n2\n3\n", code: 0 },
    { script: "i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i", out: "2\n", code: 0 },
    { script: "if [ a = b ]; then echo 1; elif test -z ''; then echo 2; else echo 3; fi", out: "2\n", code: 0 },
    { script: "foo", out: "sh: foo: not found\n", code: 127 },
    { script: "printf '%s-%d\\n' a 1 b 2", out: "a-1\nb-2\n", code: 0 },
    { script: "printf 'x=%5s|\\n' ab", out: "x=   ab|\n", code: 0 },
    { script: "hostname; whoami", out: "web-0\nroot\n", code: 0 },
    { script: "date", out: "Thu Jan  1 00:00:00 UTC 2026\n", code: 0 },
    { script: "date +%Y-%m-%dT%H:%M:%S", out: "2026-01-01T00:00:00\n", code: 0 },
    { script: "echo $(echo nested) `echo old`", out: "nested old\n", code: 0 },
    { script: "A=$(printf 'a b'); for w in $A; do echo $w; done", out: "a\nb\n", code: 0 },
    { script: 'A="a b"; for w in "$A"; do echo $w; done', out: "a b\n", code: 0 },
    { script: "echo hello > /tmp/f; cat /tmp/f; echo more >> /tmp/f; cat /tmp/f", out: "hello\nhello\nmore\n", code: 0 },
    { script: "cat /nope", out: "cat: can't open '/nope': No such file or directory\n", code: 1 },
    { script: "echo a b c | wc -l; printf 'x\\ny\\n' | grep y", out: "1\ny\n", code: 0 },
    { script: "seq 3 | tail -n 1", out: "3\n", code: 0 },
    { script: "set -e; echo a; false; echo b", out: "a\n", code: 1 },
    { script: "sh -c 'echo inner $0 $1' name arg", out: "inner name arg\n", code: 0 },
    { script: "exec echo via-exec; echo never", out: "via-exec\n", code: 0 },
    { script: "(exit 3); echo $?", out: "3\n", code: 0 },
    { script: "echo ${#HOME}", out: "5\n", code: 0 },
    { script: "for i in 1 2; do", out: 'sh: syntax error: unexpected end of file (expecting "done")\n', code: 2 },
    { script: "echo a; fi", out: 'sh: syntax error: unexpected "fi"\n', code: 2 },
    { script: "echo $((1/0))", out: "sh: divide by zero\n", code: 2 },
    { script: "sleep x", out: "sleep: invalid number 'x'\n", code: 1 },
    { script: "# comment only\necho after # trailing\n", out: "after\n", code: 0 },
    { script: "printenv HOME; printenv NOPE", out: "/root\n", code: 1 },
  ])("$script", async ({ script, out, code }) => {
    const r = await run(script);
    expect(r.out).toBe(out);
    expect(r.code).toBe(code);
  });

  it("sleeps on the clock", async () => {
    const r = await run("echo start; sleep 5; echo end");
    expect(r.out).toBe("start\nend\n");
    expect(r.elapsed).toBe(5000);
  });

  it("env lists the container environment", async () => {
    const r = await run("env", { KUBERNETES_SERVICE_HOST: "10.96.0.1" });
    expect(r.out).toContain("KUBERNETES_SERVICE_HOST=10.96.0.1\n");
  });

  it("an endless loop spends clock time and can be killed", async () => {
    const { clock, sh, out } = makeShell();
    let error: unknown;
    void sh.run("while true; do echo tick; done").catch((e) => (error = e));
    await clock.advance(100);
    const ticks = out().split("\n").length;
    expect(ticks).toBeGreaterThan(100);
    expect(ticks).toBeLessThan(10_000);
    sh.kill();
    await clock.advance(100);
    expect(error).toBeInstanceOf(ShellKilled);
  });

  it("sleep infinity waits until killed", async () => {
    const { clock, sh } = makeShell();
    let done = false;
    void sh.run("sleep infinity").catch(() => (done = true));
    await clock.advance(3_600_000);
    expect(done).toBe(false);
    sh.kill();
    await clock.advance(0);
    expect(done).toBe(true);
  });
});
