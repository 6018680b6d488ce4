// Why: console URLs built in one place so links, row clicks and tests agree.

/** `?namespace=x` or "" for all namespaces. */
export function nsQuery(namespace?: string): string {
  return namespace ? `?namespace=${encodeURIComponent(namespace)}` : "";
}

/** The detail page of a namespaced object: `/pods/demo/web-1`. */
export function objectHref(plural: string, namespace: string | undefined, name: string): string {
  return namespace ? `/${plural}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}` : `/${plural}/${encodeURIComponent(name)}`;
}

/** The page that shows an object named by an event's involvedObject, or undefined when the console has none. */
export function involvedHref(kind: string | undefined, namespace: string | undefined, name: string | undefined): string | undefined {
  if (!kind || !name) return undefined;
  switch (kind) {
    case "Pod":
      return objectHref("pods", namespace, name);
    case "Deployment":
      return objectHref("deployments", namespace, name);
    case "Node":
      return `/nodes/${encodeURIComponent(name)}`;
    case "ReplicaSet":
      return `/replicasets${nsQuery(namespace)}`;
    default:
      return undefined;
  }
}
