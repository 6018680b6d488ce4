import { describe, it, expect, afterEach } from "vitest";
import { ControllerManager } from "@/core/controllers/controller-manager";
import { RecordingRecorder } from "@/core/controllers/testing/recording-recorder";
import { makeTestGraphQL, type TestGraphQL } from "./testing/client";

const DEPLOYMENT = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

let cm: ControllerManager | undefined;
afterEach(() => cm?.stop());

async function cluster(): Promise<TestGraphQL> {
  const t = await makeTestGraphQL();
  cm = new ControllerManager({ client: t.store, clock: t.clock, recorder: new RecordingRecorder() });
  cm.start();
  return t;
}

type Rs = { name: string; owner: string; desired: number; revision: string };

describe("GraphQL with the controllers running", () => {
  it("apply a Deployment → a ReplicaSet and pods appear; scale and delete follow through", async () => {
    const t = await cluster();
    const applied = await t.gql(`mutation($y: String!) { apply(yaml: $y) { kind name action } }`, { y: DEPLOYMENT(2) });
    expect(applied.errors).toBeUndefined();
    await cm!.waitForIdle();

    const q = `{ replicaSets(namespace: "default") { items { name owner desired revision } } pods(labelSelector: "app=web") { items { name status controlledBy } } }`;
    const r = await t.gql<{ replicaSets: { items: Rs[] }; pods: { items: { name: string; status: string; controlledBy: string }[] } }>(q);
    expect(r.errors).toBeUndefined();
    expect(r.data!.replicaSets.items).toHaveLength(1);
    const rs = r.data!.replicaSets.items[0];
    expect(rs).toMatchObject({ owner: "web", desired: 2, revision: "1" });
    expect(r.data!.pods.items).toHaveLength(2);
    for (const p of r.data!.pods.items) expect(p).toMatchObject({ status: "Pending", controlledBy: rs.name });

    const scaled = await t.gql(`mutation { scaleDeployment(name: "web", replicas: 3) { replicas } }`);
    expect(scaled.errors).toBeUndefined();
    await cm!.waitForIdle();
    const after = await t.gql<{ pods: { items: unknown[] } }>(`{ pods(labelSelector: "app=web") { items { name } } }`);
    expect(after.data!.pods.items).toHaveLength(3);

    const del = await t.gql(`mutation { delete(kind: "deployments.apps", name: "web", propagationPolicy: Background) { name } }`);
    expect(del.errors).toBeUndefined();
    await cm!.waitForIdle();
    const gone = await t.gql<{ replicaSets: { items: unknown[] }; pods: { items: unknown[] } }>(q);
    expect(gone.data!.replicaSets.items).toEqual([]);
    expect(gone.data!.pods.items).toEqual([]);
  });
});
