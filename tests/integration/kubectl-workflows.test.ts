// Why: the day-to-day kubectl workflows of the acceptance list (watch, rollouts, apply/diff, patch types, logs, describe, wait, cascades, drain, selectors, dry-run) against a real Wheelhouse, checking output, exit codes and the cluster's resulting state.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { KubectlHarness, eventually, type Run } from "./kubectl-harness";

const h = new KubectlHarness();
const kubectl = h.kubectl.bind(h);
const ok = h.ok.bind(h);

beforeAll(() => h.start("wheelhouse-kubectl-workflows-", { WHEELHOUSE_NODES: "3" }));
afterAll(() => h.stop());

/** A long-running kubectl (watch, logs -f) whose output can be read while it runs. */
function stream(args: string[]): { output: () => string; untilOutput: (re: RegExp) => Promise<string>; kill: () => void; done: Promise<Run> } {
  const child = spawn("kubectl", args, { env: { ...process.env, KUBECONFIG: h.kubeconfig, HOME: h.server.dataDir } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })));
  return {
    output: () => stdout,
    untilOutput: (re) => eventually(`kubectl ${args.join(" ")} to print ${re}`, async () => (re.test(stdout) ? stdout : undefined), 60_000),
    kill: () => child.kill("SIGTERM"),
    done,
  };
}

/** Asserts an exit code, showing kubectl's stderr when it differs. */
function expectExit(run: Run, code: number): void {
  expect(run.code, `exit ${run.code}\nstderr: ${run.stderr}\nstdout: ${run.stdout}`).toBe(code);
}

/** `get` as JSON. */
async function getJson<T = Record<string, unknown>>(args: string[]): Promise<T> {
  return JSON.parse(await ok(["get", ...args, "-o", "json"])) as T;
}

interface Item {
  metadata: { name: string; namespace?: string; uid: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[]; deletionTimestamp?: string; ownerReferences?: { kind: string; name: string }[]; generation?: number };
  spec?: Record<string, unknown> & { nodeName?: string; unschedulable?: boolean; replicas?: number };
  status?: Record<string, unknown> & { phase?: string };
}

async function items(args: string[]): Promise<Item[]> {
  return (await getJson<{ items: Item[] }>(args)).items;
}

/** Namespaces holding bare pods, deleted after their case whatever happened: drain refuses bare pods. */
const bareNamespaces = new Set<string>();
afterEach(async () => {
  for (const ns of bareNamespaces) await kubectl(["delete", "namespace", ns, "--ignore-not-found"], {}, 120_000);
  bareNamespaces.clear();
});

async function createNamespace(ns: string, opts: { barePods?: boolean } = {}): Promise<void> {
  expect(await ok(["create", "namespace", ns])).toContain(`namespace/${ns} created`);
  if (opts.barePods) bareNamespaces.add(ns);
}

/** Waits until `ns` has `n` Running pods matching `selector` (none terminating); returns them. */
async function runningPods(ns: string, selector: string, n: number): Promise<Item[]> {
  return eventually(`${n} running pods ${selector} in ${ns}`, async () => {
    const pods = (await items(["pods", "-n", ns, "-l", selector])).filter((p) => !p.metadata.deletionTimestamp);
    return pods.length === n && pods.every((p) => p.status?.phase === "Running") ? pods : undefined;
  });
}

function writeManifest(name: string, text: string): string {
  const file = path.join(h.server.dataDir, name);
  writeFileSync(file, text);
  return file;
}

const imagesOf = (d: Item) => ((d.spec?.template as { spec: { containers: { name: string; image: string }[] } }).spec.containers).map((c) => `${c.name}=${c.image}`);

describe("kubectl workflows", () => {
  it("get pods -w prints the current rows, then rows for a pod created meanwhile, and exits at --request-timeout", async () => {
    const ns = "wf-watch";
    await createNamespace(ns, { barePods: true });
    expect(await ok(["run", "first", "--image=nginx:1.27", "-n", ns])).toContain("pod/first created");
    await runningPods(ns, "run=first", 1);
    const watch = stream(["get", "pods", "-n", ns, "-w", "--request-timeout=10s"]);
    await watch.untilOutput(/^first\s+1\/1\s+Running/m);
    expect(watch.output()).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(await ok(["run", "second", "--image=nginx:1.27", "-n", ns])).toContain("pod/second created");
    await watch.untilOutput(/^second\s+1\/1\s+Running/m);
    const run = await watch.done;
    expect(run.code).toBe(0);
    const rows = run.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(rows[1]).toMatch(/^first\s+1\/1\s+Running/);
    // the new pod is seen through events (Pending, ContainerCreating, …, Running), not only in the first list
    const secondRows = rows.filter((r) => r.startsWith("second "));
    expect(secondRows.length).toBeGreaterThan(1);
    expect(secondRows[0]).toMatch(/Pending|ContainerCreating/);
    expect(await ok(["delete", "namespace", ns])).toContain(`namespace "${ns}" deleted`);
  });

  it("set image, rollout status/history/undo/restart: revisions, templates, ReplicaSets and pods follow", async () => {
    const ns = "wf-rollout";
    await createNamespace(ns);
    await ok(["create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "-n", ns]);
    expect(await ok(["rollout", "status", "deployment/web", "-n", ns, "--timeout=90s"])).toContain('deployment "web" successfully rolled out');

    expect(await ok(["set", "image", "deployment/web", "nginx=nginx:1.28", "-n", ns])).toContain("deployment.apps/web image updated");
    expect(await ok(["rollout", "status", "deployment/web", "-n", ns, "--timeout=90s"])).toContain('deployment "web" successfully rolled out');
    const updated = await runningPods(ns, "app=web", 2);
    expect(updated.map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image)).toEqual(["nginx:1.28", "nginx:1.28"]);
    expect(await items(["rs", "-n", ns])).toHaveLength(2);

    const history = await ok(["rollout", "history", "deployment/web", "-n", ns]);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const rev2 = await ok(["rollout", "history", "deployment/web", "-n", ns, "--revision=2"]);
    expect(rev2).toContain("deployment.apps/web with revision #2");
    expect(rev2).toMatch(/Image:\s+nginx:1\.28/);
    const rev1 = await ok(["rollout", "history", "deployment/web", "-n", ns, "--revision=1"]);
    expect(rev1).toMatch(/Image:\s+nginx:1\.27/);

    expect(await ok(["rollout", "undo", "deployment/web", "-n", ns])).toContain("deployment.apps/web rolled back");
    expect(await ok(["rollout", "status", "deployment/web", "-n", ns, "--timeout=90s"])).toContain('deployment "web" successfully rolled out');
    expect(imagesOf(await getJson<Item>(["deployment", "web", "-n", ns]))).toEqual(["nginx=nginx:1.27"]);
    // the first ReplicaSet is scaled up again (same template), and its revision becomes 3
    const sets = await items(["rs", "-n", ns]);
    expect(sets).toHaveLength(2);
    const first = sets.find((rs) => imagesOf(rs)[0] === "nginx=nginx:1.27")!;
    expect(first.spec?.replicas).toBe(2);
    expect(first.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    expect(await ok(["rollout", "history", "deployment/web", "-n", ns])).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/);

    const before = new Set((await runningPods(ns, "app=web", 2)).map((p) => p.metadata.name));
    expect(await ok(["rollout", "restart", "deployment/web", "-n", ns])).toContain("deployment.apps/web restarted");
    const restarted = await getJson<Item>(["deployment", "web", "-n", ns]);
    const templateAnnotations = (restarted.spec?.template as { metadata: { annotations?: Record<string, string> } }).metadata.annotations ?? {};
    expect(templateAnnotations["kubectl.kubernetes.io/restartedAt"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await ok(["rollout", "status", "deployment/web", "-n", ns, "--timeout=90s"])).toContain('deployment "web" successfully rolled out');
    expect(await items(["rs", "-n", ns])).toHaveLength(3);
    const after = await runningPods(ns, "app=web", 2);
    for (const p of after) {
      expect(before.has(p.metadata.name)).toBe(false);
      expect(p.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBe(templateAnnotations["kubectl.kubernetes.io/restartedAt"]);
    }

    // a ReplicaSet deleted with --cascade=orphan comes back under the same name (the template's hash) and adopts its pods
    const live = (await items(["rs", "-n", ns])).find((rs) => rs.spec?.replicas === 2)!;
    // --wait=false: the Deployment recreates the name within milliseconds, and kubectl's wait, which lists by name, could then never see it go
    expect(await ok(["delete", "rs", live.metadata.name, "-n", ns, "--cascade=orphan", "--wait=false"])).toContain(`replicaset.apps "${live.metadata.name}" deleted`);
    const again = await eventually("the ReplicaSet recreated, owning the same pods", async () => {
      const rs = (await items(["rs", "-n", ns])).find((r) => r.metadata.name === live.metadata.name && r.metadata.uid !== live.metadata.uid);
      if (!rs) return undefined;
      const pods = await runningPods(ns, "app=web", 2);
      return pods.every((p) => p.metadata.ownerReferences?.[0]?.name === rs.metadata.name) ? pods : undefined;
    });
    expect(new Set(again.map((p) => p.metadata.name))).toEqual(new Set(after.map((p) => p.metadata.name)));
    expect(await items(["rs", "-n", ns])).toHaveLength(3);
  });

  it("apply -f of a multi-document file twice: created, then unchanged for each object; diff -f exits 0 when equal and 1 with a diff, changing nothing", async () => {
    const ns = "wf-apply";
    await createNamespace(ns);
    const manifest = (value: string, image: string) => `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: ${ns} }
data: { mode: "${value}" }
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: ${ns} }
data: { password: ${Buffer.from("s3cret").toString("base64")} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: ${ns} }
spec:
  replicas: 1
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports: [{ containerPort: 80 }]
        env: [{ name: MODE, value: "${value}" }]
`;
    const file = writeManifest("wf-apply.yaml", manifest("a", "nginx:1.27"));
    const first = await ok(["apply", "-f", file]);
    expect(first.trim().split("\n")).toEqual(["configmap/settings created", "secret/creds created", "deployment.apps/api created"]);
    const second = await ok(["apply", "-f", file]);
    expect(second.trim().split("\n")).toEqual(["configmap/settings unchanged", "secret/creds unchanged", "deployment.apps/api unchanged"]);
    const cm = await getJson<Item & { data: Record<string, string> }>(["configmap", "settings", "-n", ns]);
    expect(cm.data).toEqual({ mode: "a" });
    expect(cm.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"]).toContain('"mode":"a"');
    const generation = (await getJson<Item>(["deployment", "api", "-n", ns])).metadata.generation;

    const same = await kubectl(["diff", "-f", file]);
    expect(same).toMatchObject({ code: 0, stdout: "" });

    const changed = writeManifest("wf-apply-changed.yaml", manifest("b", "nginx:1.28"));
    const diff = await kubectl(["diff", "-f", changed]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toMatch(/^-\s+mode: a$/m);
    expect(diff.stdout).toMatch(/^\+\s+mode: b$/m);
    expect(diff.stdout).toMatch(/^-\s+image: nginx:1\.27$/m);
    expect(diff.stdout).toMatch(/^\+\s+image: nginx:1\.28$/m);
    expect(diff.stdout).not.toContain("v1.Secret");
    // server-side dry run: nothing changed
    expect(await ok(["get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.mode}"])).toBe("a");
    const live = await getJson<Item>(["deployment", "api", "-n", ns]);
    expect(live.metadata.generation).toBe(generation);
    expect(imagesOf(live)).toEqual(["nginx=nginx:1.27"]);

    const fresh = writeManifest("wf-apply-new.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: brand-new, namespace: ${ns} }\ndata: { k: v }\n`);
    const diffNew = await kubectl(["diff", "-f", fresh]);
    expect(diffNew.code).toBe(1);
    expect(diffNew.stdout).toMatch(/^\+\s+name: brand-new$/m);
    expect((await kubectl(["get", "configmap", "brand-new", "-n", ns])).code).toBe(1);

    expect((await ok(["apply", "-f", changed])).trim().split("\n")).toEqual(["configmap/settings configured", "secret/creds unchanged", "deployment.apps/api configured"]);
    expect(await ok(["get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.mode}"])).toBe("b");
  });

  it("annotate, and patch --type=json|merge|strategic (containers merged by name; a merge patch replaces the list)", async () => {
    const ns = "wf-patch";
    await createNamespace(ns);
    const file = writeManifest(
      "wf-patch.yaml",
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: ${ns}, labels: { team: blue } }
spec:
  replicas: 1
  selector: { matchLabels: { app: app } }
  template:
    metadata: { labels: { app: app } }
    spec:
      containers:
      - { name: nginx, image: "nginx:1.27", env: [{ name: A, value: "1" }] }
      - { name: sidecar, image: "busybox:1.36", command: ["sleep", "3600"] }
`,
    );
    await ok(["create", "-f", file]);
    const get = () => getJson<Item>(["deployment", "app", "-n", ns]);

    expect(await ok(["annotate", "deployment", "app", "-n", ns, "owner=team-a"])).toContain("deployment.apps/app annotated");
    expect((await get()).metadata.annotations?.owner).toBe("team-a");
    const clash = await kubectl(["annotate", "deployment", "app", "-n", ns, "owner=team-b"]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("--overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)");
    await ok(["annotate", "deployment", "app", "-n", ns, "owner=team-b", "--overwrite"]);
    expect((await get()).metadata.annotations?.owner).toBe("team-b");
    await ok(["annotate", "deployment", "app", "-n", ns, "owner-"]);
    expect((await get()).metadata.annotations?.owner).toBeUndefined();

    expect(await ok(["patch", "deployment", "app", "-n", ns, "--type=json", "-p", '[{"op":"replace","path":"/spec/replicas","value":2},{"op":"add","path":"/metadata/labels/tier","value":"web"}]'])).toContain(
      "deployment.apps/app patched",
    );
    let d = await get();
    expect(d.spec?.replicas).toBe(2);
    expect(d.metadata.labels).toEqual({ team: "blue", tier: "web" });
    const failed = await kubectl(["patch", "deployment", "app", "-n", ns, "--type=json", "-p", '[{"op":"replace","path":"/spec/replicas","value":5},{"op":"test","path":"/spec/replicas","value":1}]']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("The request is invalid");
    expect((await get()).spec?.replicas).toBe(2);

    await ok(["patch", "deployment", "app", "-n", ns, "--type=merge", "-p", '{"metadata":{"labels":{"team":null,"env":"prod"}}}']);
    expect((await get()).metadata.labels).toEqual({ tier: "web", env: "prod" });

    expect(await ok(["patch", "deployment", "app", "-n", ns, "--type=strategic", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28","env":[{"name":"B","value":"2"}]}]}}}}'])).toContain(
      "deployment.apps/app patched",
    );
    d = await get();
    expect(imagesOf(d)).toEqual(["nginx=nginx:1.28", "sidecar=busybox:1.36"]);
    const nginx = (d.spec?.template as { spec: { containers: { name: string; env?: { name: string }[] }[] } }).spec.containers[0];
    expect(nginx.env?.map((e) => e.name).sort()).toEqual(["A", "B"]);
    // without a patch type kubectl sends a strategic merge patch too
    await ok(["patch", "deployment", "app", "-n", ns, "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}']);
    expect(imagesOf(await get())).toEqual(["nginx=nginx:1.28", "sidecar=busybox:1.37"]);

    await ok(["patch", "deployment", "app", "-n", ns, "--type=merge", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}']);
    expect(imagesOf(await get())).toEqual(["nginx=nginx:1.27"]);
  });

  it("logs, logs --tail, logs -f (sees the lines, then ends when killed, or by itself when the container exits); describe pod shows the events", async () => {
    const ns = "wf-logs";
    await createNamespace(ns, { barePods: true });
    // sh as PID 1 ignores SIGTERM, as in a real container: a short grace period keeps the namespace deletion quick
    await ok(["run", "talker", "--image=busybox:1.36", "-n", ns, "--overrides", '{"spec":{"terminationGracePeriodSeconds":1}}', "--", "sh", "-c", "echo first line; echo second line; sleep 3600"]);
    await runningPods(ns, "run=talker", 1);
    const logs = await eventually("two log lines", async () => {
      const out = await ok(["logs", "talker", "-n", ns]);
      return out.includes("second line") ? out : undefined;
    });
    expect(logs).toBe("first line\nsecond line\n");
    expect(await ok(["logs", "talker", "-n", ns, "--tail=1"])).toBe("second line\n");

    const follow = stream(["logs", "-f", "talker", "-n", ns]);
    await follow.untilOutput(/second line\n/);
    follow.kill();
    const followed = await follow.done;
    expect(followed.stdout).toBe("first line\nsecond line\n");
    expect(followed.code).not.toBe(0);

    await ok(["run", "once", "--image=busybox:1.36", "--restart=Never", "-n", ns, "--", "sh", "-c", "echo done; sleep 3; echo bye"]);
    // a container still being created has no log yet: the server says so (400), as Kubernetes does
    const early = await kubectl(["logs", "once", "-n", ns]);
    if (early.code !== 0) expect(early.stderr).toMatch(/container "once" in pod "once" is waiting to start: (ContainerCreating|PodInitializing)/);
    await eventually("once running", async () => ((await getJson<Item>(["pod", "once", "-n", ns])).status?.phase === "Running" ? true : undefined));
    const ended = await kubectl(["logs", "-f", "once", "-n", ns, "--pod-running-timeout=60s"], {}, 90_000);
    expectExit(ended, 0);
    expect(ended.stdout).toBe("done\nbye\n");
    await eventually("once Succeeded", async () => ((await getJson<Item>(["pod", "once", "-n", ns])).status?.phase === "Succeeded" ? true : undefined));

    const described = await ok(["describe", "pod", "talker", "-n", ns]);
    expect(described).toMatch(/^Name:\s+talker$/m);
    expect(described).toMatch(/^Status:\s+Running$/m);
    expect(described).toMatch(/^Node:\s+worker-\d+\/\d+\.\d+\.\d+\.\d+$/m);
    expect(described).toMatch(/Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message/);
    expect(described).toMatch(new RegExp(`Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned ${ns}/talker to worker-\\d+`));
    expect(described).toMatch(/Normal\s+Pulled\s+.*kubelet\s+/);
    expect(described).toMatch(/Normal\s+Created\s+.*kubelet\s+Created container: talker/);
    expect(described).toMatch(/Normal\s+Started\s+.*kubelet\s+Started container talker/);
    expect(await ok(["delete", "namespace", ns])).toContain(`namespace "${ns}" deleted`);
  });

  it("wait --for=condition=Available, and --for=delete", async () => {
    const ns = "wf-wait";
    await createNamespace(ns);
    await ok(["create", "deployment", "ready", "--image=nginx:1.27", "--replicas=2", "-n", ns]);
    const waited = await kubectl(["wait", "--for=condition=Available", "deployment/ready", "-n", ns, "--timeout=90s"], {}, 120_000);
    expect(waited).toMatchObject({ code: 0, stdout: "deployment.apps/ready condition met\n" });
    const conditions = (await getJson<Item>(["deployment", "ready", "-n", ns])).status?.conditions as { type: string; status: string }[];
    expect(conditions.find((c) => c.type === "Available")?.status).toBe("True");
    const never = await kubectl(["wait", "--for=condition=Bogus", "deployment/ready", "-n", ns, "--timeout=2s"]);
    expect(never.code).toBe(1);
    expect(never.stderr).toContain("timed out waiting for the condition");
    await ok(["delete", "deployment", "ready", "-n", ns, "--wait=false"]);
    const gone = await kubectl(["wait", "--for=delete", "deployment/ready", "-n", ns, "--timeout=60s"], {}, 90_000);
    expect(gone.code).toBe(0);
  });

  it("delete --cascade=background|foreground|orphan, as the garbage collector does it", async () => {
    const ns = "wf-cascade";
    await createNamespace(ns);
    for (const name of ["bg", "fg", "orphan"]) await ok(["create", "deployment", name, "--image=nginx:1.27", "--replicas=2", "-n", ns]);
    for (const name of ["bg", "fg", "orphan"]) await runningPods(ns, `app=${name}`, 2);

    expect(await ok(["delete", "deployment", "bg", "-n", ns, "--cascade=background"])).toContain('deployment.apps "bg" deleted');
    await eventually("bg's ReplicaSet and pods gone", async () => ((await items(["rs,pods", "-n", ns, "-l", "app=bg"])).length === 0 ? true : undefined));

    // foreground: a finalizer on one pod holds the whole chain, owner last
    const held = (await items(["pods", "-n", ns, "-l", "app=fg"]))[0].metadata.name;
    await ok(["patch", "pod", held, "-n", ns, "--type=merge", "-p", '{"metadata":{"finalizers":["example.com/hold"]}}']);
    expect(await ok(["delete", "deployment", "fg", "-n", ns, "--cascade=foreground", "--wait=false"])).toContain('deployment.apps "fg" deleted');
    const [deployment] = await eventually("fg's ReplicaSet marked for foreground deletion", async () => {
      const d = await items(["deployments", "-n", ns, "--field-selector", "metadata.name=fg"]);
      const rs = await items(["rs", "-n", ns, "-l", "app=fg"]);
      return d.length === 1 && rs.length === 1 && rs[0].metadata.deletionTimestamp ? [d[0], rs[0]] : undefined;
    });
    expect(deployment.metadata.deletionTimestamp).toBeDefined();
    expect(deployment.metadata.finalizers).toEqual(["foregroundDeletion"]);
    const rs = (await items(["rs", "-n", ns, "-l", "app=fg"]))[0];
    expect(rs.metadata.finalizers).toEqual(["foregroundDeletion"]);
    expect((await getJson<Item>(["pod", held, "-n", ns])).metadata.deletionTimestamp).toBeDefined();
    await ok(["patch", "pod", held, "-n", ns, "--type=json", "-p", '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await eventually("fg, its ReplicaSet and pods gone", async () => ((await items(["deployments,rs,pods", "-n", ns, "-l", "app=fg"])).length === 0 ? true : undefined));
    expect((await kubectl(["get", "deployment", "fg", "-n", ns])).code).toBe(1);

    const rsUid = (await items(["rs", "-n", ns, "-l", "app=orphan"]))[0].metadata.uid;
    expect(await ok(["delete", "deployment", "orphan", "-n", ns, "--cascade=orphan"])).toContain('deployment.apps "orphan" deleted');
    const orphaned = await eventually("orphan's ReplicaSet without owner", async () => {
      const sets = await items(["rs", "-n", ns, "-l", "app=orphan"]);
      return sets.length === 1 && !sets[0].metadata.ownerReferences?.length ? sets[0] : undefined;
    });
    expect(orphaned.metadata.uid).toBe(rsUid);
    expect(orphaned.metadata.finalizers ?? []).toEqual([]);
    const pods = await runningPods(ns, "app=orphan", 2);
    for (const p of pods) expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: "ReplicaSet", name: orphaned.metadata.name });
  });

  it("delete namespace removes its contents, then the namespace", async () => {
    const ns = "wf-nsdel";
    await createNamespace(ns);
    await ok(["create", "deployment", "d", "--image=nginx:1.27", "--replicas=2", "-n", ns]);
    await ok(["create", "configmap", "c", "--from-literal=a=1", "-n", ns]);
    await runningPods(ns, "app=d", 2);
    const r = await kubectl(["delete", "namespace", ns], {}, 120_000);
    expect(r).toMatchObject({ code: 0, stdout: `namespace "${ns}" deleted\n` });
    const missing = await kubectl(["get", "namespace", ns]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`namespaces "${ns}" not found`);
    for (const kind of ["pods", "replicasets", "deployments", "configmaps"]) {
      expect(await items([kind, "-A", "--field-selector", `metadata.namespace=${ns}`])).toEqual([]);
    }

    // content with a finalizer holds the namespace in Terminating, where nothing new may be created
    const held = "wf-nsheld";
    await createNamespace(held);
    await ok(["create", "configmap", "held", "--from-literal=a=1", "-n", held]);
    await ok(["patch", "configmap", "held", "-n", held, "--type=merge", "-p", '{"metadata":{"finalizers":["example.com/hold"]}}']);
    expect(await ok(["delete", "namespace", held, "--wait=false"])).toBe(`namespace "${held}" deleted\n`);
    const terminating = await eventually("the namespace reports the finalizer", async () => {
      const n = await getJson<Item>(["namespace", held]);
      const conditions = (n.status?.conditions ?? []) as { type: string; status: string; message: string }[];
      return conditions.some((c) => c.type === "NamespaceFinalizersRemaining" && c.status === "True") ? { n, conditions } : undefined;
    });
    expect(terminating.n.status?.phase).toBe("Terminating");
    expect(terminating.conditions.find((c) => c.type === "NamespaceFinalizersRemaining")?.message).toBe("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");
    expect(await ok(["get", "namespace", held])).toMatch(new RegExp(`^${held}\\s+Terminating\\s`, "m"));
    const refused = await kubectl(["create", "configmap", "late", "--from-literal=a=1", "-n", held]);
    expectExit(refused, 1);
    expect(refused.stderr).toContain(`unable to create new content in namespace ${held} because it is being terminated`);
    await ok(["patch", "configmap", "held", "-n", held, "--type=json", "-p", '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await eventually("the held namespace gone", async () => ((await kubectl(["get", "namespace", held])).code === 1 ? true : undefined));
  });

  it("cordon, drain --ignore-daemonsets --delete-emptydir-data (pods evicted and recreated elsewhere), uncordon", async () => {
    const ns = "wf-drain";
    await createNamespace(ns);
    const file = writeManifest(
      "wf-drain.yaml",
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: spread, namespace: ${ns} }
spec:
  replicas: 4
  selector: { matchLabels: { app: spread } }
  template:
    metadata: { labels: { app: spread } }
    spec:
      containers: [{ name: nginx, image: "nginx:1.27", volumeMounts: [{ name: scratch, mountPath: /scratch }] }]
      volumes: [{ name: scratch, emptyDir: {} }]
`,
    );
    await ok(["create", "-f", file]);
    const pods = await runningPods(ns, "app=spread", 4);
    const node = pods[0].spec!.nodeName!;

    expect(await ok(["cordon", node])).toBe(`node/${node} cordoned\n`);
    try {
      expect((await getJson<Item>(["node", node])).spec?.unschedulable).toBe(true);
      expect(await ok(["get", "node", node])).toMatch(new RegExp(`^${node}\\s+Ready,SchedulingDisabled\\s`, "m"));

      const refused = await kubectl(["drain", node, "--ignore-daemonsets", "--timeout=60s"]);
      expectExit(refused, 1);
      expect(refused.stderr).toContain("cannot delete Pods with local storage");

      const drained = await kubectl(["drain", node, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=90s"], {}, 120_000);
      expectExit(drained, 0);
      expect(drained.stdout).toContain(`node/${node} already cordoned`);
      expect(drained.stdout).toMatch(new RegExp(`evicting pod ${ns}/spread-`));
      expect(drained.stdout).toContain(`node/${node} drained`);
      const moved = await eventually("4 running pods off the drained node", async () => {
        const now = await runningPods(ns, "app=spread", 4);
        return now.every((p) => p.spec?.nodeName !== node) ? now : undefined;
      });
      expect(moved).toHaveLength(4);
      expect(await items(["pods", "-A", "--field-selector", `spec.nodeName=${node},status.phase=Running`])).toEqual([]);
    } finally {
      expect(await ok(["uncordon", node])).toBe(`node/${node} uncordoned\n`);
    }
    expect((await getJson<Item>(["node", node])).spec?.unschedulable).toBeFalsy();
    expect(await ok(["get", "node", node])).toMatch(new RegExp(`^${node}\\s+Ready\\s`, "m"));
    expect(await ok(["delete", "namespace", ns])).toContain(`namespace "${ns}" deleted`);
  });

  it("create configmap --from-literal and secret generic; get all, -o wide, -o jsonpath", async () => {
    const ns = "wf-get";
    await createNamespace(ns);
    expect(await ok(["create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=b=two words", "-n", ns])).toBe("configmap/cfg created\n");
    expect((await getJson<{ data: Record<string, string> }>(["configmap", "cfg", "-n", ns])).data).toEqual({ a: "1", b: "two words" });
    expect(await ok(["create", "secret", "generic", "pw", "--from-literal=user=admin", "--from-literal=pass=s3cret", "-n", ns])).toBe("secret/pw created\n");
    const secret = await getJson<{ type: string; data: Record<string, string> }>(["secret", "pw", "-n", ns]);
    expect(secret.type).toBe("Opaque");
    expect(Buffer.from(secret.data.pass, "base64").toString()).toBe("s3cret");
    expect(await ok(["get", "secret", "pw", "-n", ns])).toMatch(/^pw\s+Opaque\s+2\s+/m);
    const dup = await kubectl(["create", "configmap", "cfg", "--from-literal=a=1", "-n", ns]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('configmaps "cfg" already exists');

    await ok(["create", "deployment", "shop", "--image=nginx:1.27", "--replicas=2", "-n", ns]);
    await runningPods(ns, "app=shop", 2);
    const all = await ok(["get", "all", "-n", ns]);
    expect(all).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/shop-\w+-\w+\s+1\/1\s+Running/m);
    expect(all).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/shop\s+2\/2\s+2\s+2\s+/m);
    expect(all).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nreplicaset\.apps\/shop-\w+\s+2\s+2\s+2\s+/m);
    expect(all).not.toContain("configmap");

    const wide = await ok(["get", "deployment", "shop", "-n", ns, "-o", "wide"]);
    expect(wide).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nshop\s+2\/2\s+2\s+2\s+\S+\s+nginx\s+nginx:1\.27\s+app=shop\n$/);
    const podsWide = await ok(["get", "pods", "-n", ns, "-o", "wide"]);
    expect(podsWide).toMatch(/^shop-\S+\s+1\/1\s+Running\s+0\s+\S+\s+\d+\.\d+\.\d+\.\d+\s+worker-\d+\s+<none>\s+<none>$/m);

    const jp = await ok(["get", "pods", "-n", ns, "-o", 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\t"}{.spec.containers[0].image}{"\\n"}{end}']);
    const rows = jp.trim().split("\n");
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^shop-\S+\tRunning\tnginx:1\.27$/);
    expect(await ok(["get", "configmap", "cfg", "-n", ns, "-o", "jsonpath={.data.b}"])).toBe("two words");
  });

  it("field selectors on pods (status.phase, spec.nodeName) and events (involvedObject.name); delete pods -l", async () => {
    const ns = "wf-select";
    await createNamespace(ns, { barePods: true });
    await ok(["run", "up", "--image=nginx:1.27", "--labels=app=sel,role=up", "-n", ns]);
    await ok(["run", "stuck", "--image=nginx:1.27", "--labels=app=sel,role=stuck", "-n", ns, "--overrides", '{"spec":{"nodeSelector":{"disk":"none-has-this"}}}']);
    await ok(["run", "bystander", "--image=nginx:1.27", "--labels=app=other", "-n", ns]);
    await runningPods(ns, "role=up", 1);

    const running = await ok(["get", "pods", "-n", ns, "--field-selector", "status.phase=Running", "-o", "name"]);
    expect(running.trim().split("\n").sort()).toEqual(["pod/bystander", "pod/up"]);
    expect(await ok(["get", "pods", "-n", ns, "--field-selector", "status.phase=Pending", "-o", "name"])).toBe("pod/stuck\n");
    expect(await ok(["get", "pods", "-n", ns, "--field-selector", "status.phase!=Running,metadata.name!=up", "-o", "name"])).toBe("pod/stuck\n");
    const node = (await getJson<Item>(["pod", "up", "-n", ns])).spec!.nodeName!;
    expect(await ok(["get", "pods", "-n", ns, "--field-selector", `spec.nodeName=${node}`, "-o", "name"])).toContain("pod/up\n");
    const bad = await kubectl(["get", "pods", "-n", ns, "--field-selector", "spec.bogus=x"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('field label not supported: spec.bogus');

    const events = await eventually("FailedScheduling for stuck", async () => {
      const out = await ok(["get", "events", "-n", ns, "--field-selector", "involvedObject.name=stuck"]);
      return /FailedScheduling/.test(out) ? out : undefined;
    });
    expect(events).toMatch(/Warning\s+FailedScheduling\s+pod\/stuck\s+0\/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity\/selector\. preemption: /);
    expect(events).not.toContain("pod/up");
    const upEvents = await ok(["get", "events", "-n", ns, "--field-selector", "involvedObject.name=up,reason=Scheduled", "-o", "jsonpath={.items[*].involvedObject.name}"]);
    expect(upEvents).toBe("up");

    const deleted = await ok(["delete", "pods", "-l", "app=sel", "-n", ns]);
    expect(deleted.trim().split("\n").sort()).toEqual(['pod "stuck" deleted', 'pod "up" deleted']);
    expect(await ok(["get", "pods", "-n", ns, "-o", "name"])).toBe("pod/bystander\n");
    expect(await ok(["delete", "namespace", ns])).toContain(`namespace "${ns}" deleted`);
  });

  it("--dry-run=server creates, changes and deletes nothing", async () => {
    const ns = "wf-dry";
    await createNamespace(ns);
    expect(await ok(["create", "deployment", "ghost", "--image=nginx:1.27", "-n", ns, "--dry-run=server"])).toBe("deployment.apps/ghost created (server dry run)\n");
    const printed = await getJson<Item>(["deployment", "-n", ns]).then((l) => l as unknown as { items: Item[] });
    expect(printed.items).toEqual([]);
    const echoed = JSON.parse(await ok(["create", "configmap", "ghost", "--from-literal=a=1", "-n", ns, "--dry-run=server", "-o", "json"])) as Item;
    expect(echoed.metadata.uid).toBeDefined();
    expect((await kubectl(["get", "configmap", "ghost", "-n", ns])).code).toBe(1);
    const file = writeManifest("wf-dry.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: applied, namespace: ${ns} }\ndata: { a: "1" }\n`);
    expect(await ok(["apply", "-f", file, "--dry-run=server"])).toBe("configmap/applied created (server dry run)\n");
    expect((await kubectl(["get", "configmap", "applied", "-n", ns])).code).toBe(1);

    await ok(["create", "configmap", "real", "--from-literal=a=1", "-n", ns]);
    expect(await ok(["delete", "configmap", "real", "-n", ns, "--dry-run=server"])).toBe('configmap "real" deleted (server dry run)\n');
    expect(await ok(["label", "configmap", "real", "-n", ns, "x=y", "--dry-run=server"])).toBe("configmap/real labeled (server dry run)\n");
    const real = await getJson<Item>(["configmap", "real", "-n", ns]);
    expect(real.metadata.labels).toBeUndefined();
  });
});
