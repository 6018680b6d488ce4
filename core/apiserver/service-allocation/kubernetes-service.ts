// Why: every Kubernetes cluster has the `kubernetes` Service in `default` (the first address of the service range, 443 → the apiserver), which in-cluster clients and service env vars rely on; the apiserver keeps it there.

import { isReason } from "../../api/errors";
import { resourceTypeByKind } from "../../api/resources";
import type { Service } from "../../api/types";
import type { ObjectClient } from "../../store/types";

const SERVICES = resourceTypeByKind("", "Service")!;

/** The port the `kubernetes` Service targets when none is given (kube-apiserver's --secure-port default). */
export const DEFAULT_API_SERVER_PORT = 6443;

/** The `kubernetes` Service as kube-apiserver's bootstrap controller writes it. */
export function kubernetesService(clusterIP: string, apiServerPort = DEFAULT_API_SERVER_PORT): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
    spec: {
      type: "ClusterIP",
      clusterIP,
      clusterIPs: [clusterIP],
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: apiServerPort }],
      sessionAffinity: "None",
    },
  };
}

/**
 * Create the `kubernetes` Service when it is missing, through `client` (the apiserver pipeline,
 * so its address is allocated like any other). An existing one is left as it is.
 */
export async function ensureKubernetesService(client: ObjectClient, clusterIP: string, apiServerPort = DEFAULT_API_SERVER_PORT): Promise<void> {
  if (client.get(SERVICES, "default", "kubernetes")) return;
  try {
    await client.create(kubernetesService(clusterIP, apiServerPort));
  } catch (e) {
    if (!isReason(e, "AlreadyExists")) throw e;
  }
}
