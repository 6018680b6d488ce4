// Why: `kubectl expose`, `kubectl create service` and `kubectl get svc,endpoints` must behave as on a real cluster: cluster IPs from the service range, node ports, Endpoints that follow the pods.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubectlHarness, eventually } from "./kubectl-harness";

const h = new KubectlHarness();
const ok = h.ok.bind(h);
const NS = ["-n", "it-svc"];

beforeAll(async () => {
  await h.start("wheelhouse-kubectl-svc-");
  await ok(["create", "namespace", "it-svc"]);
});
afterAll(() => h.stop());

/** The second field of the first data row of a `kubectl get` table, by column name. */
function cell(table: string, column: string): string {
  const [header, row] = table.trim().split("\n");
  const cols = header.split(/\s{2,}/);
  return row.split(/\s{2,}/)[cols.indexOf(column)];
}

/** 10.96.0.0/12: 10.96.0.0 - 10.111.255.255. */
function inServiceRange(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number);
  return a === 10 && b >= 96 && b <= 111;
}

describe("kubectl and Services", () => {
  it("the kubernetes Service exists in default on the range's first address", async () => {
    const out = await ok(["get", "svc", "kubernetes", "-n", "default"]);
    expect(out.split("\n")[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(out).toMatch(/^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+/m);
  });

  it("expose deployment: a ClusterIP in range and Endpoints with both pod IPs, following a scale to 3", async () => {
    await ok(["create", "deployment", "web", "--image=nginx", "--replicas=2", ...NS]);
    expect(await ok(["expose", "deployment", "web", "--port=80", "--target-port=80", ...NS])).toContain("service/web exposed");
    const svc = await ok(["get", "svc", "web", ...NS]);
    expect(cell(svc, "TYPE")).toBe("ClusterIP");
    expect(inServiceRange(cell(svc, "CLUSTER-IP"))).toBe(true);
    expect(cell(svc, "PORT(S)")).toBe("80/TCP");
    const wide = await ok(["get", "svc", "web", "-o", "wide", ...NS]);
    expect(cell(wide, "SELECTOR")).toBe("app=web");

    const podIPs = async () => (await ok(["get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].status.podIP}", ...NS])).trim().split(/\s+/).filter(Boolean).sort();
    const endpointsShow = async (n: number) => {
      const ips = await podIPs();
      if (ips.length !== n) return undefined;
      const ep = await ok(["get", "endpoints", "web", ...NS]);
      const listed = cell(ep, "ENDPOINTS");
      return ips.every((ip) => listed.includes(`${ip}:80`)) && listed.split(",").length === n ? ep : undefined;
    };
    const two = await eventually("endpoints with both pods", () => endpointsShow(2));
    expect(two.split("\n")[0]).toMatch(/^NAME\s+ENDPOINTS\s+AGE$/);

    await ok(["scale", "deployment", "web", "--replicas=3", ...NS]);
    await eventually("endpoints with three pods", () => endpointsShow(3));
    const yaml = await ok(["get", "endpoints", "web", "-o", "yaml", ...NS]);
    expect(yaml).toContain("endpoints.kubernetes.io/last-change-trigger-time");
    expect(yaml).toMatch(/targetRef:\n\s+kind: Pod/);
  });

  it("create service clusterip --tcp=80:8080 (port name 80-8080) and a requested cluster IP", async () => {
    expect(await ok(["create", "service", "clusterip", "x", "--tcp=80:8080", ...NS])).toContain("service/x created");
    const out = await ok(["get", "svc", "x", "-o", "jsonpath={.spec.ports[0].name} {.spec.ports[0].targetPort} {.spec.clusterIP} {.spec.ipFamilyPolicy}", ...NS]);
    const [name, target, ip, policy] = out.trim().split(" ");
    expect([name, target, policy]).toEqual(["80-8080", "8080", "SingleStack"]);
    expect(inServiceRange(ip)).toBe(true);

    await ok(["create", "service", "clusterip", "fixed", "--tcp=53:53", "--clusterip=10.96.0.53", ...NS]);
    const taken = await h.kubectl(["create", "service", "clusterip", "again", "--tcp=53:53", "--clusterip=10.96.0.53", ...NS]);
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('spec.clusterIPs: Invalid value: []string{"10.96.0.53"}: failed to allocate IP 10.96.0.53: provided IP is already allocated');
    const outside = await h.kubectl(["create", "service", "clusterip", "far", "--tcp=53:53", "--clusterip=1.1.1.1", ...NS]);
    expect(outside.stderr).toContain("the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
  });

  it("create service nodeport gets a node port in 30000-32767", async () => {
    await ok(["create", "service", "nodeport", "np", "--tcp=80:8080", ...NS]);
    const svc = await ok(["get", "svc", "np", ...NS]);
    expect(cell(svc, "TYPE")).toBe("NodePort");
    const m = /^80:(\d+)\/TCP$/.exec(cell(svc, "PORT(S)"));
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(30000);
    expect(Number(m![1])).toBeLessThanOrEqual(32767);
  });

  it("deleting the Service deletes its Endpoints", async () => {
    await ok(["delete", "svc", "web", ...NS]);
    await eventually("endpoints gone", async () => {
      const r = await h.kubectl(["get", "endpoints", "web", ...NS]);
      return r.code !== 0 && /NotFound|not found/.test(r.stderr) ? true : undefined;
    });
  });
});
