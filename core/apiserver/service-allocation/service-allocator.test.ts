// Why: cluster IPs and node ports must be unique, survive restarts and deletes by any path, and never be lost to dry runs or failed writes; these go through the real pipeline and store.

import { describe, expect, it } from "vitest";
import { FakeClock } from "../../clock/fake-clock";
import { resourceTypeFor } from "../../api/resources";
import type { KubeObject } from "../../api/types";
import { MemoryStore } from "../../store/memory-store";
import { ApiServer } from "../api-server";
import type { UserInfo } from "../types";
import { ensureKubernetesService } from "./kubernetes-service";
import { RESERVATION_TTL_MS } from "./service-allocator";
import { failure } from "../../testing/api-failure";

/* eslint-disable @typescript-eslint/no-explicit-any */
const admin: UserInfo = { name: "admin", groups: ["system:masters"] };
const SVC = resourceTypeFor("v1", "Service")!;

async function setup(cfg: { serviceCIDR?: string; nodePortRange?: string } = {}, store = new MemoryStore({ clock: new FakeClock() })) {
  const clock = new FakeClock();
  if (!store.get(resourceTypeFor("v1", "Namespace")!, undefined, "demo")) await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
  const server = new ApiServer({ store, clock, ...cfg });
  return { clock, store, server, client: server.client(admin) };
}

/** A Service named `name` selecting app=`name` on port 80; `spec` fields set to null are left out. */
const svc = (name: string, spec: any = {}): KubeObject => {
  const full: any = { selector: { app: name }, ports: [{ port: 80 }], ...spec };
  for (const k of Object.keys(full)) if (full[k] === null) delete full[k];
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "demo" }, spec: full };
};

describe("cluster IP allocation", () => {
  it("allocates a free IP in the range and fills the IP family fields", async () => {
    const { client } = await setup();
    const s = await client.create(svc("web"));
    const [a, b, c, d] = s.spec.clusterIP.split(".").map(Number);
    expect(a).toBe(10);
    expect(b >= 96 && b <= 111).toBe(true);
    expect(c * 256 + d + (b - 96) * 65536).toBeGreaterThanOrEqual(256); // dynamic values come from above the static band
    expect(s.spec).toMatchObject({ clusterIPs: [s.spec.clusterIP], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", internalTrafficPolicy: "Cluster", sessionAffinity: "None", type: "ClusterIP" });
    expect(s.spec.ports[0]).toEqual({ port: 80, protocol: "TCP", targetPort: 80 });
  });

  it("gives a requested IP, refuses it when taken or out of range", async () => {
    const { client } = await setup();
    const s = await client.create(svc("dns", { clusterIP: "10.96.0.10" }));
    expect(s.spec.clusterIPs).toEqual(["10.96.0.10"]);
    const taken = await failure(client.create(svc("other", { clusterIP: "10.96.0.10" })));
    expect(taken.status).toMatchObject({ code: 422, reason: "Invalid" });
    expect(taken.message).toBe('Service "other" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    const outside = await failure(client.create(svc("far", { clusterIP: "1.1.1.1" })));
    expect(outside.message).toBe(
      'Service "far" is invalid: spec.clusterIPs: Invalid value: []string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(outside.status.details?.causes?.[0]).toMatchObject({ reason: "FieldValueInvalid", field: "spec.clusterIPs" });
  });

  it.each([
    { clusterIP: "300.1.1.1", message: 'spec.clusterIPs[0]: Invalid value: "300.1.1.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
    { clusterIP: "fd00::1", message: 'spec.clusterIPs[0]: Invalid value: []string{"fd00::1"}: IPv6 is not configured on this cluster' },
    { clusterIP: "10.96.0.5", clusterIPs: ["10.96.0.6"], message: 'spec.clusterIPs: Invalid value: []string{"10.96.0.6"}: first value must match `clusterIP`' },
  ])("refuses clusterIP $clusterIP with $message", async (spec) => {
    const { client } = await setup();
    const { message, ...rest } = spec;
    const e = await failure(client.create(svc("bad", rest)));
    expect(e.message).toBe(`Service "bad" is invalid: ${message}`);
  });

  it("answers 500 range is full when no address is left, and frees addresses on delete by any path", async () => {
    const { client, store } = await setup({ serviceCIDR: "10.0.0.0/30" });
    const ips = [(await client.create(svc("a"))).spec.clusterIP, (await client.create(svc("b"))).spec.clusterIP].sort();
    expect(ips).toEqual(["10.0.0.1", "10.0.0.2"]);
    const full = await failure(client.create(svc("c")));
    expect(full.status).toMatchObject({ code: 500, reason: "InternalError", message: "Internal error occurred: failed to allocate a serviceIP: range is full" });
    await store.delete(SVC, "demo", "a"); // not through the pipeline: the used set follows the store anyway
    expect((await client.create(svc("c"))).spec.clusterIP).toBe((await store.get<any>(SVC, "demo", "b")).spec.clusterIP === "10.0.0.1" ? "10.0.0.2" : "10.0.0.1");
  });

  it("survives a restart: a new apiserver over the same store sees the used addresses", async () => {
    const first = await setup({ serviceCIDR: "10.0.0.0/30" });
    const a = await first.client.create(svc("a"));
    const second = await setup({ serviceCIDR: "10.0.0.0/30" }, first.store);
    const b = await second.client.create(svc("b"));
    expect(b.spec.clusterIP).not.toBe(a.spec.clusterIP);
    expect((await failure(second.client.create(svc("c", { clusterIP: a.spec.clusterIP })))).message).toContain("provided IP is already allocated");
  });

  it("never gives two concurrent creates the same address", async () => {
    const { client } = await setup({ serviceCIDR: "10.0.0.0/29" });
    const made = await Promise.all(["a", "b", "c", "d", "e", "f"].map((n) => client.create(svc(n))));
    expect(new Set(made.map((s) => s.spec.clusterIP)).size).toBe(6);
  });

  it("holds addresses of an apply batch until its writes land", async () => {
    const { server } = await setup({ serviceCIDR: "10.0.0.0/30" });
    const doc = (n: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${n}, namespace: demo }\nspec:\n  selector: { app: ${n} }\n  ports: [{ port: 80 }]\n`;
    const r = await server.apply(admin, `${doc("a")}---\n${doc("b")}`);
    expect(new Set(r.map((x) => (x.object as any).spec.clusterIP)).size).toBe(2);
  });

  it("applying the same Service twice keeps its address and reports unchanged", async () => {
    const { server } = await setup();
    // ClusterIP: apply.ts merges lists by name/containerPort only, so a NodePort's ports list (merge key `port`) would be replaced and re-patched, reported "configured".
    const doc = `apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: demo }\nspec:\n  selector: { app: web }\n  ports: [{ port: 80 }]\n`;
    const [first] = await server.apply(admin, doc);
    const [second] = await server.apply(admin, doc);
    expect(second.action).toBe("unchanged");
    expect((second.object as any).spec.clusterIP).toBe((first.object as any).spec.clusterIP);
  });

  it("a dry run shows an address but keeps none", async () => {
    const { client, server } = await setup({ serviceCIDR: "10.0.0.0/31" });
    expect(server.services.ipRange.size).toBe(2);
    await client.create(svc("a"));
    const dry = await client.create(svc("b"), { dryRun: true });
    expect(dry.spec.clusterIP).toMatch(/^10\.0\.0\.[01]$/);
    expect(server.services.reservations()).toBe(0);
    expect((await client.create(svc("b"))).spec.clusterIP).toBe(dry.spec.clusterIP);
  });

  it("a failed write releases its reservation at once; an unsettled one expires", async () => {
    const { client, server, clock } = await setup({ serviceCIDR: "10.0.0.0/31" });
    await client.create(svc("a"));
    await failure(client.create(svc("a")));
    expect(server.services.reservations()).toBe(0);
    server.admitCreate(svc("ghost"), "Strict"); // admitted, never written
    expect(server.services.reservations()).toBe(1);
    expect((await failure(client.create(svc("b")))).message).toContain("range is full");
    await clock.advance(RESERVATION_TTL_MS);
    expect((await client.create(svc("b"))).spec.clusterIP).toBeDefined();
  });

  it("gives headless and ExternalName Services no address", async () => {
    const { client } = await setup();
    const headless = await client.create(svc("h", { clusterIP: "None" }));
    expect(headless.spec).toMatchObject({ clusterIP: "None", clusterIPs: ["None"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" });
    const bare = await client.create(svc("bare", { clusterIP: "None", selector: null }));
    expect(bare.spec).toMatchObject({ ipFamilies: ["IPv4", "IPv6"], ipFamilyPolicy: "RequireDualStack" });
    const ext = await client.create(svc("ext", { type: "ExternalName", externalName: "example.com", selector: null }));
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(ext.spec.ipFamilies).toBeUndefined();
  });
});

describe("updates", () => {
  it("keeps allocated values when a client resubmits without them, refuses changing them", async () => {
    const { client } = await setup();
    const s = await client.create(svc("web", { type: "NodePort" }));
    const again = await client.update(svc("web", { type: "NodePort" }));
    expect(again.spec.clusterIP).toBe(s.spec.clusterIP);
    expect(again.spec.ports[0].nodePort).toBe(s.spec.ports[0].nodePort);
    const e = await failure(client.update(svc("web", { type: "NodePort", clusterIP: "10.96.0.99" })));
    expect(e.message).toBe(`Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set`);
  });

  it("allocates node ports on a type change to NodePort and drops them going back", async () => {
    const { client } = await setup();
    const s = await client.create(svc("web"));
    expect(s.spec.ports[0].nodePort).toBeUndefined();
    const np = await client.update({ ...structuredClone(s), spec: { ...structuredClone(s.spec), type: "NodePort" } });
    expect(np.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(np.spec.externalTrafficPolicy).toBe("Cluster");
    const back = await client.update({ ...structuredClone(np), spec: { ...structuredClone(np.spec), type: "ClusterIP" } });
    expect(back.spec.ports[0].nodePort).toBeUndefined();
    expect(back.spec.externalTrafficPolicy).toBeUndefined();
  });

  it("going to ExternalName releases the address; coming back allocates one", async () => {
    const { client } = await setup({ serviceCIDR: "10.0.0.0/31" });
    const s = await client.create(svc("a"));
    const ext = await client.update({ ...structuredClone(s), spec: { ...structuredClone(s.spec), type: "ExternalName", externalName: "example.com" } });
    expect(ext.spec.clusterIP).toBeUndefined();
    const others = [await client.create(svc("b")), await client.create(svc("c"))]; // both addresses are free again
    expect(others.map((o) => o.spec.clusterIP).sort()).toEqual(["10.0.0.0", "10.0.0.1"]);
    await client.delete(SVC, "demo", "c");
    const spec = structuredClone(ext.spec);
    delete spec.externalName;
    const back = await client.update({ ...structuredClone(ext), spec: { ...spec, type: "ClusterIP" } });
    expect(back.spec.clusterIP).toMatch(/^10\.0\.0\.[01]$/);
    expect(back.spec.clusterIP).toBe(others[1].spec.clusterIP);
  });
});

describe("node ports", () => {
  it("allocates from the range, shares one between TCP and UDP of the same port, and checks requested ones", async () => {
    const { client } = await setup();
    const s = await client.create(
      svc("dns", {
        type: "NodePort",
        ports: [
          { name: "dns", port: 53, protocol: "UDP" },
          { name: "dns-tcp", port: 53, protocol: "TCP" },
        ],
      }),
    );
    const [u, t] = s.spec.ports.map((p: any) => p.nodePort);
    expect(u).toBe(t);
    expect(u >= 30086 && u <= 32767).toBe(true);
    const fixed = await client.create(svc("fixed", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }));
    expect(fixed.spec.ports[0].nodePort).toBe(30080);
    expect((await failure(client.create(svc("dup", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] })))).message).toBe(
      'Service "dup" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect((await failure(client.create(svc("low", { type: "NodePort", ports: [{ port: 80, nodePort: 8080 }] })))).message).toBe(
      'Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it("gives a LoadBalancer with externalTrafficPolicy Local a health-check port, and runs out cleanly", async () => {
    const { client } = await setup({ nodePortRange: "30000-30002" });
    const lb = await client.create(svc("lb", { type: "LoadBalancer", externalTrafficPolicy: "Local" }));
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
    expect([lb.spec.ports[0].nodePort, lb.spec.healthCheckNodePort].sort()).toHaveLength(2);
    await client.create(svc("np", { type: "NodePort" }));
    expect((await failure(client.create(svc("np2", { type: "NodePort" })))).message).toBe("Internal error occurred: failed to allocate a nodePort: range is full");
  });
});

describe("the kubernetes Service", () => {
  it("is created once, on the first address of the range, 443 to the apiserver's port", async () => {
    const { server, store } = await setup();
    await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
    const client = server.client(admin);
    await ensureKubernetesService(client, server.services.firstIP(), 3000);
    await ensureKubernetesService(client, server.services.firstIP(), 3000);
    const k = store.get<any>(SVC, "default", "kubernetes")!;
    expect(k.metadata.labels).toEqual({ component: "apiserver", provider: "kubernetes" });
    expect(k.spec).toMatchObject({ clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 3000 }] });
    expect(k.spec.selector).toBeUndefined();
  });
});
