// Why: the real kubectl drives the parts of the REST API that sit beside plain CRUD: metrics (top), subresources (scale, logs, binding, eviction, drain), managedFields with server-side apply conflicts, and auth can-i.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlHarness, eventually } from "./kubectl-harness";

const h = new KubectlHarness();
const ok = h.ok.bind(h);
const NS = "it-access";

beforeAll(async () => {
  await h.start("wheelhouse-kubectl-access-");
  await ok(["create", "namespace", NS]);
}, 300_000);
afterAll(() => h.stop());

function file(name: string, text: string): string {
  const p = path.join(h.server.dataDir, name);
  writeFileSync(p, text);
  return p;
}

/** Parses kubectl's column output into rows of cells (header first). */
const table = (out: string) =>
  out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s{2,}/));

const cpuMillis = (q: string) => (q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000);
const memBytes = (q: string) => {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q);
  return m ? Number(m[1]) * { "": 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 }[m[2] ?? ""]! : NaN;
};

describe("kubectl top (metrics.k8s.io)", () => {
  it("top nodes prints usage for every node", async () => {
    const nodes = (await ok(["get", "nodes", "-o", "jsonpath={.items[*].metadata.name}"])).trim().split(" ").sort();
    const out = await eventually("node metrics", async () => {
      const r = await h.kubectl(["top", "nodes"]);
      return r.code === 0 ? r.stdout : undefined;
    });
    const [header, ...rows] = table(out);
    expect(header).toEqual(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]);
    expect(rows.map((r) => r[0]).sort()).toEqual(nodes);
    for (const [, cpu, cpuPct, mem, memPct] of rows) {
      expect(cpu).toMatch(/^\d+m?$/);
      expect(cpuPct).toMatch(/^\d+%$/);
      expect(mem).toMatch(/^\d+Mi$/);
      expect(memPct).toMatch(/^\d+%$/);
    }
  });

  it("top pods -n demo shows the demo pods with non-zero usage", async () => {
    const rows = await eventually("pod metrics for demo", async () => {
      const r = await h.kubectl(["top", "pods", "-n", "demo"]);
      if (r.code !== 0) return undefined;
      const [header, ...rest] = table(r.stdout);
      expect(header).toEqual(["NAME", "CPU(cores)", "MEMORY(bytes)"]);
      return rest.length > 0 ? rest : undefined;
    });
    const running = (await ok(["get", "pods", "-n", "demo", "--field-selector=status.phase=Running", "-o", "jsonpath={.items[*].metadata.name}"])).trim().split(" ");
    for (const [name, cpu, mem] of rows) {
      expect(running).toContain(name);
      expect(cpuMillis(cpu)).toBeGreaterThan(0);
      expect(memBytes(mem)).toBeGreaterThan(0);
    }
  });
});

describe("managedFields and server-side apply conflicts", () => {
  const manifest = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ssa, namespace: ${NS} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ssa } }
  template:
    metadata: { labels: { app: ssa } }
    spec: { containers: [{ name: nginx, image: "nginx:1.27" }] }
`;
  const managers = async (kind: string, name: string) =>
    (await ok(["get", kind, name, "-n", NS, "-o", 'jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource}{"\\n"}{end}'])).trim().split("\n");

  it("kubectl scale takes .spec.replicas from the applier: re-applying conflicts until --force-conflicts", async () => {
    const f = file("ssa.yaml", manifest(3));
    expect(await ok(["apply", "--server-side", "-f", f])).toContain("deployment.apps/ssa serverside-applied");
    expect(await managers("deployment", "ssa")).toEqual(["kubectl/Apply/"]);

    expect(await ok(["scale", "deployment", "ssa", "--replicas=5", "-n", NS])).toContain("deployment.apps/ssa scaled");
    // kubectl scale names no fieldManager: the apiserver records the User-Agent's prefix, through the scale subresource.
    expect(await managers("deployment", "ssa")).toEqual(["kubectl/Apply/", "kubectl/Update/scale"]);
    const replicasOwner = await ok(["get", "deployment", "ssa", "-n", NS, "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[1].fieldsV1}"]);
    expect(JSON.parse(replicasOwner)).toEqual({ "f:spec": { "f:replicas": {} } });

    const clash = await h.kubectl(["apply", "--server-side", "-f", f]);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain('error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    expect(clash.stderr).toContain("--force-conflicts");
    expect(await ok(["get", "deployment", "ssa", "-n", NS, "-o", "jsonpath={.spec.replicas}"])).toBe("5");

    expect(await ok(["apply", "--server-side", "--force-conflicts", "-f", f])).toContain("serverside-applied");
    expect(await ok(["get", "deployment", "ssa", "-n", NS, "-o", "jsonpath={.spec.replicas}"])).toBe("3");
    expect(await managers("deployment", "ssa")).toEqual(["kubectl/Apply/"]);
  });

  it("create, label and client-side apply each record their kubectl field manager", async () => {
    const cm = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata: { name: owned, namespace: ${NS} }
data: { ${data} }
`;
    await ok(["create", "-f", file("cm.yaml", cm("a: '1'"))]);
    expect(await managers("configmap", "owned")).toEqual(["kubectl-create/Update/"]);
    await ok(["label", "configmap", "owned", "-n", NS, "tier=web"]);
    expect(await managers("configmap", "owned")).toEqual(["kubectl-create/Update/", "kubectl-label/Update/"]);
    await ok(["apply", "-f", file("cm2.yaml", cm("a: '1', b: '2'"))]);
    expect(await managers("configmap", "owned")).toContain("kubectl-client-side-apply/Update/");
  });
});

describe("subresources", () => {
  const pod = (name: string, script: string, extra = "") => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${NS} }
spec:
  ${extra}
  containers:
  - name: main
    image: busybox
    command: ["sh", "-c", ${JSON.stringify(script)}]
`;

  it("logs: --timestamps, --since, --limit-bytes, --previous and -f", async () => {
    await ok(["apply", "-f", file("ticker.yaml", pod("ticker", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"))]);
    await ok(["wait", "--for=condition=Ready", "pod/ticker", "-n", NS, "--timeout=60s"]);
    const lines = await eventually("three ticks", async () => {
      const out = (await ok(["logs", "ticker", "-n", NS])).trim().split("\n");
      return out.length >= 3 ? out : undefined;
    });
    expect(lines[0]).toBe("tick 1");

    const stamped = (await ok(["logs", "ticker", "-n", NS, "--timestamps", "--tail=2"])).trim().split("\n");
    expect(stamped).toHaveLength(2);
    for (const l of stamped) expect(l).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z tick \d+$/);

    expect(await ok(["logs", "ticker", "-n", NS, "--limit-bytes=6"])).toBe("tick 1");
    const recent = (await ok(["logs", "ticker", "-n", NS, "--since=2s"])).trim().split("\n");
    const all = (await ok(["logs", "ticker", "-n", NS])).trim().split("\n");
    expect(recent.length).toBeLessThan(all.length);

    // -f keeps streaming new lines until kubectl is stopped.
    const followed = await h.kubectl(["logs", "-f", "ticker", "-n", NS, "--tail=1"], {}, 3_500);
    const got = followed.stdout.trim().split("\n");
    expect(got.length).toBeGreaterThanOrEqual(2);
    const n = got.map((l) => Number(l.replace("tick ", "")));
    expect(n[1]).toBe(n[0] + 1);

    await ok(["apply", "-f", file("crasher.yaml", pod("crasher", "echo first run; sleep 1; exit 3"))]);
    const previous = await eventually("a restart", async () => {
      const r = await h.kubectl(["logs", "crasher", "-n", NS, "--previous"]);
      return r.code === 0 && r.stdout.includes("first run") ? r.stdout : undefined;
    });
    expect(previous.trim()).toBe("first run");
  });

  it("binding places a pod no scheduler picks; a second binding is a conflict", async () => {
    await ok(["apply", "-f", file("manual.yaml", pod("manual", "sleep 3600", "schedulerName: by-hand\n  terminationGracePeriodSeconds: 1"))]);
    const node = (await ok(["get", "nodes", "-o", "jsonpath={.items[0].metadata.name}"])).trim();
    const binding = file("binding.json", JSON.stringify({ apiVersion: "v1", kind: "Binding", metadata: { name: "manual" }, target: { apiVersion: "v1", kind: "Node", name: node } }));
    const out = await ok(["create", "--raw", `/api/v1/namespaces/${NS}/pods/manual/binding`, "-f", binding]);
    expect(JSON.parse(out)).toMatchObject({ kind: "Status", status: "Success", code: 201 });
    expect(await ok(["get", "pod", "manual", "-n", NS, "-o", "jsonpath={.spec.nodeName}"])).toBe(node);
    await ok(["wait", "--for=condition=Ready", "pod/manual", "-n", NS, "--timeout=60s"]);
    const again = await h.kubectl(["create", "--raw", `/api/v1/namespaces/${NS}/pods/manual/binding`, "-f", binding]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`pod manual is already assigned to node "${node}"`);
  });

  it("eviction answers 201 with a Success Status and deletes the pod", async () => {
    const eviction = file("eviction.json", JSON.stringify({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "manual", namespace: NS } }));
    const out = await ok(["create", "--raw", `/api/v1/namespaces/${NS}/pods/manual/eviction`, "-f", eviction]);
    expect(JSON.parse(out)).toMatchObject({ kind: "Status", status: "Success", code: 201 });
    await eventually("the evicted pod gone", async () => ((await h.kubectl(["get", "pod", "manual", "-n", NS])).code !== 0 ? true : undefined));
  });

  it("drain --ignore-daemonsets evicts a node's pods and they come back elsewhere; uncordon", async () => {
    await ok(["delete", "namespace", NS, "--wait=false"]);
    const demoNodes = (await ok(["get", "pods", "-n", "demo", "-o", "jsonpath={.items[*].spec.nodeName}"])).trim().split(" ");
    const target = demoNodes[0];
    const run = await h.kubectl(["drain", target, "--ignore-daemonsets", "--force", "--grace-period=1", "--timeout=120s"], {}, 150_000);
    expect(run.code).toBe(0);
    const drained = run.stdout + run.stderr;
    expect(drained).toContain(`node/${target} cordoned`);
    expect(drained).toMatch(/evicting pod demo\/web-/);
    expect(drained).toContain(`node/${target} drained`);
    expect(await ok(["get", "node", target, "-o", "jsonpath={.spec.unschedulable}"])).toBe("true");
    await eventually("demo pods rescheduled off the drained node", async () => {
      const out = await ok(["get", "pods", "-n", "demo", "-o", 'jsonpath={range .items[*]}{.spec.nodeName} {.status.phase}{"\\n"}{end}']);
      const rows = out.trim().split("\n").filter(Boolean);
      return rows.length >= demoNodes.length && rows.every((r) => !r.startsWith(`${target} `) && r.endsWith("Running")) ? rows : undefined;
    });
    expect(await ok(["uncordon", target])).toContain(`node/${target} uncordoned`);
  });
});

describe("kubectl auth can-i and whoami (authorization.k8s.io, authentication.k8s.io)", () => {
  it.each([
    { args: ["create", "deployments"], answer: "yes" },
    { args: ["delete", "nodes", "--all-namespaces"], answer: "yes" },
    { args: ["get", "/healthz"], answer: "yes" },
  ])("auth can-i $args answers $answer for the admin", async ({ args, answer }) => {
    expect((await ok(["auth", "can-i", ...args])).trim()).toBe(answer);
  });

  it("auth can-i --list prints the rules table", async () => {
    const [header, ...rows] = table(await ok(["auth", "can-i", "--list"]));
    expect(header).toEqual(["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]);
    expect(rows).toContainEqual(["*.*", "[]", "[]", "[*]"]);
    expect(rows).toContainEqual(["[*]", "[]", "[*]"]);
  });

  it("auth whoami names the kubeconfig's user and groups", async () => {
    const [header, ...rows] = table(await ok(["auth", "whoami"]));
    expect(header).toEqual(["ATTRIBUTE", "VALUE"]);
    expect(rows).toContainEqual(["Username", "admin"]);
    expect(rows.find((r) => r[0] === "Groups")?.[1]).toContain("system:masters");
  });

  it("the review kinds are in discovery as create-only", async () => {
    const out = await ok(["api-resources", "--api-group=authorization.k8s.io", "-o", "wide"]);
    expect(out).toMatch(/selfsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+false\s+SelfSubjectAccessReview\s+create/);
    expect(out).toMatch(/localsubjectaccessreviews\s+authorization\.k8s\.io\/v1\s+true\s+LocalSubjectAccessReview\s+create/);
  });
});
