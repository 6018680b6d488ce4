// Why: every write through the pipeline records its field manager in managedFields (operation Update), so a later server-side apply sees whom it would overwrite.

import { describe, expect, it } from "vitest";
import { resourceTypeFor } from "../api/resources";
import type { KubeObject } from "../api/types";
import { serverSideApply } from "../api/patch/server-side-apply";
import { FakeClock } from "../clock/fake-clock";
import { MemoryStore } from "../store/memory-store";
import type { UpdateOptions } from "../store/types";
import { ApiServer, type AdmissionOptions } from "./api-server";
import type { UserInfo } from "./types";

const ADMIN: UserInfo = { name: "admin", groups: ["system:masters"] };
const DEPLOY = resourceTypeFor("apps/v1", "Deployment")!;

async function setup() {
  const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));
  const store = new MemoryStore({ clock });
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } });
  return { clock, store, server: new ApiServer({ store, clock }) };
}

const deployment = (replicas: number): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "demo" },
  spec: { replicas, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } } },
});

type Entry = { manager: string; operation: string; subresource?: string; time: string; fieldsV1: Record<string, unknown> };
const entries = (o: KubeObject) => (o.metadata.managedFields ?? []) as unknown as Entry[];
const summary = (o: KubeObject) => entries(o).map((e) => [e.manager, e.operation, e.subresource ?? ""].join("/"));

describe("managedFields recorded by the pipeline", () => {
  it("create records one Update entry owning every field set, defaults included, at the clock's time", async () => {
    const { server } = await setup();
    const created = await server.client(ADMIN, { fieldManager: "kubectl-create" }).create(deployment(2));
    expect(summary(created)).toEqual(["kubectl-create/Update/"]);
    const [e] = entries(created);
    expect(e.time).toBe("2026-01-01T00:00:00Z");
    const spec = e.fieldsV1["f:spec"] as Record<string, unknown>;
    expect(spec).toHaveProperty("f:replicas");
    expect(spec).toHaveProperty("f:revisionHistoryLimit"); // defaulted, owned by the creator as in Kubernetes
  });

  it("an update by another manager takes the fields it changes; unchanged fields stay with their owner", async () => {
    const { server, clock } = await setup();
    const created = await server.client(ADMIN, { fieldManager: "kubectl-create" }).create(deployment(2));
    clock.step(5_000);
    const next = structuredClone(created);
    (next.spec as { replicas: number }).replicas = 4;
    const updated = await server.client(ADMIN, { fieldManager: "kubectl-edit" }).update(next);
    expect(summary(updated)).toEqual(["kubectl-create/Update/", "kubectl-edit/Update/"]);
    const [creator, editor] = entries(updated);
    expect(editor.fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    expect(editor.time).toBe("2026-01-01T00:00:05Z");
    expect((creator.fieldsV1["f:spec"] as Record<string, unknown>)["f:replicas"]).toBeUndefined();
  });

  it("a per-call fieldManager and managedSubresource win over the client's (the scale subresource)", async () => {
    const { server } = await setup();
    const created = await server.client(ADMIN, { fieldManager: "kubectl-create" }).create(deployment(2));
    const next = structuredClone(created);
    (next.spec as { replicas: number }).replicas = 5;
    const opts: UpdateOptions & AdmissionOptions = { fieldManager: "kubectl", managedSubresource: "scale" };
    const scaled = await server.client(ADMIN, { fieldManager: "ignored" }).update(next, opts);
    expect(summary(scaled)).toEqual(["kubectl-create/Update/", "kubectl/Update/scale"]);
  });

  it("records nothing without a field manager, and nothing more when the caller already applied", async () => {
    const { server } = await setup();
    const plain = await server.client(ADMIN).create(deployment(1));
    expect(plain.metadata.managedFields).toBeUndefined();

    const applied = serverSideApply(undefined, deployment(3), { manager: "kubectl", force: false, now: "2026-01-01T00:00:00Z" }).object;
    const opts: UpdateOptions & AdmissionOptions = { managedFieldsRecorded: true };
    const next = { ...structuredClone(applied), metadata: { ...applied.metadata, resourceVersion: plain.metadata.resourceVersion } };
    const stored = await server.client(ADMIN, { fieldManager: "kubectl" }).update(next, opts);
    expect(summary(stored)).toEqual(["kubectl/Apply/"]);
  });

  it("a write that changes nothing keeps managedFields as they were", async () => {
    const { server, store, clock } = await setup();
    const created = await server.client(ADMIN, { fieldManager: "kubectl-create" }).create(deployment(2));
    clock.step(60_000);
    await server.client(ADMIN, { fieldManager: "kubectl-edit" }).update(structuredClone(created));
    expect(store.get(DEPLOY, "demo", "web")!.metadata.managedFields).toEqual(created.metadata.managedFields);
  });
});
