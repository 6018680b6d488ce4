// Why: where Kubernetes authorizes a read differently from a plain get (pods/log; a namespace by its own name), the resolver asks the authorizer with Kubernetes' attributes, then reads the trusted store: all such reads live here.

import { notFound } from "@/core/api/errors";
import { resourceTypeByPlural } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import { DEFAULT_NAMESPACE } from "@/server/services/get-object";
import { requireAllowed } from "../access";
import type { GraphQLContext } from "../context";
import { NAMESPACES } from "@/server/services/visible-list";

const PODS = resourceTypeByPlural("", "pods")!;

/**
 * Container logs as `kubectl logs` reads them: Kubernetes authorizes only `get pods/log` on the
 * pod (not `get pods`), so the pod is read from the store after that check.
 */
export function readPodLogs(ctx: GraphQLContext, namespace: string | undefined, name: string, container: string | undefined, opts: Parameters<GraphQLContext["rt"]["readLogs"]>[3]): string {
  const ns = namespace || DEFAULT_NAMESPACE;
  requireAllowed(ctx, { verb: "get", group: "", resource: "pods", subresource: "log", namespace: ns, name });
  if (!ctx.rt.store.get(PODS, ns, name)) throw notFound({ kind: "pods", name });
  return ctx.rt.readLogs(ns, name, container || undefined, opts);
}

/**
 * One namespace, as `GET /api/v1/namespaces/<name>` is authorized in Kubernetes (the request's
 * namespace is the name itself, so a RoleBinding inside it can grant `get`); read from the store after that check.
 */
export function readNamespace(ctx: GraphQLContext, name: string): KubeObject {
  requireAllowed(ctx, { verb: "get", group: "", resource: "namespaces", namespace: name, name });
  const ns = ctx.rt.store.get(NAMESPACES, undefined, name);
  if (!ns) throw notFound({ kind: "namespaces", name });
  return ns;
}

