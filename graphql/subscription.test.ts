import { describe, it, expect, beforeEach } from "vitest";
import { makeTestGraphQL, type TestGraphQL } from "./testing/client";

let t: TestGraphQL;
beforeEach(async () => {
  t = await makeTestGraphQL();
});

const POD = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: { app: web }
spec:
  containers:
    - name: app
      image: ${image}
`;

const APPLY = `mutation($yaml: String!) { apply(yaml: $yaml) { action } }`;

describe("watch subscription over SSE", () => {
  it("streams ADDED then MODIFIED, and stops the store watch when the client disconnects", async () => {
    const sub = await t.subscribe(`subscription { watch(kind: "pods", namespace: "default", labelSelector: "app=web") { type name namespace resourceVersion object } }`);
    expect(sub.response.status).toBe(200);
    expect(sub.response.headers.get("content-type")).toContain("text/event-stream");
    expect(t.store.stats().watchers).toBe(1);

    expect((await t.gql(APPLY, { yaml: POD("nginx:1.26") })).errors).toBeUndefined();
    const added = await sub.next();
    expect(added?.data).toMatchObject({ watch: { type: "ADDED", name: "web", namespace: "default" } });

    expect((await t.gql(APPLY, { yaml: POD("nginx:1.27") })).errors).toBeUndefined();
    const modified = await sub.next();
    const w = (modified?.data as { watch: { type: string; resourceVersion: string; object: { spec: { containers: { image: string }[] } } } }).watch;
    expect(w.type).toBe("MODIFIED");
    expect(w.object.spec.containers[0].image).toBe("nginx:1.27");
    expect(Number(w.resourceVersion)).toBeGreaterThan(Number((added!.data as { watch: { resourceVersion: string } }).watch.resourceVersion));

    await sub.close();
    await new Promise((r) => setImmediate(r));
    expect(t.store.stats().watchers).toBe(0);
  });

  it("without resourceVersion, existing objects arrive first as ADDED", async () => {
    await t.gql(APPLY, { yaml: POD("nginx") });
    const sub = await t.subscribe(`subscription($k: String!) { watch(kind: $k) { type name } }`, { k: "po" });
    expect((await sub.next())?.data).toEqual({ watch: { type: "ADDED", name: "web" } });
    await sub.close();
  });

  it("an unknown kind fails the subscription with NotFound", async () => {
    const sub = await t.subscribe(`subscription { watch(kind: "widgets") { type } }`);
    const first = await sub.next();
    expect(first?.errors?.[0].extensions?.code).toBe("NotFound");
  });
});
