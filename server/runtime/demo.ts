// Why: a first start is never empty: worker nodes and a `demo` namespace running an nginx Deployment.

import type { Cluster } from "@/core/cluster/cluster";
import type { ServerConfig } from "@/server/config";
import type { UserInfo } from "@/core/apiserver/types";

/** Who creates the demo objects (shows as the manager in metadata and the audit log later). */
const BOOTSTRAP_USER: UserInfo = { name: "system:wheelhouse-bootstrap", groups: ["system:masters", "system:authenticated"] };

export const DEMO_MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 5
`;

/** The simulated worker nodes of a first start: worker-1 … worker-N with the configured capacity. */
export async function createWorkerNodes(cluster: Cluster, config: ServerConfig): Promise<void> {
  for (let i = 1; i <= config.nodes.count; i++) {
    await cluster.addNode(`worker-${i}`, {
      capacity: { cpu: config.nodes.cpu, memory: config.nodes.memory, pods: config.nodes.pods },
      podCIDR: `10.244.${i}.0/24`,
      internalIP: `172.18.0.${i + 1}`,
    });
  }
}

/** Applies {@link DEMO_MANIFEST} through the apiserver pipeline. */
export async function createDemoWorkload(cluster: Cluster): Promise<void> {
  await cluster.apiServer.apply(BOOTSTRAP_USER, DEMO_MANIFEST);
}
