// Why: the subresources kubectl uses — scale (kubectl scale), log (kubectl logs), binding and eviction — each with Kubernetes' object shapes.

import { badRequest, conflict, notFound } from "@/core/api/errors";
import type { KubeObject, Pod } from "@/core/api/types";
import type { UserInfo } from "@/core/apiserver/types";
import type { ObjectClient } from "@/core/store/types";
import type { ClusterRuntime, LogOptions } from "@/server/runtime/types";
import { getOne, namespaceOf, targetOf, type TypedRequest } from "./resource-verbs";
import { successStatus } from "./responses";

/** Kinds with a scale subresource (spec.replicas, status.replicas, spec.selector). */
export const SCALABLE = new Set(["apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "/ReplicationController"]);

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A label selector in string form (`app=web,tier in (a,b)`), as Scale.status.selector carries it. */
export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return "";
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${values})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.sort().join(",");
}

/** The autoscaling/v1 Scale of a scalable object. */
export function scaleOf(obj: KubeObject): KubeObject {
  const o = obj as KubeObject & { spec?: { replicas?: number; selector?: LabelSelector }; status?: { replicas?: number } };
  const m = o.metadata;
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, selector: selectorString(o.spec?.selector) },
  } as KubeObject;
}

/** Checks the request names a scalable kind; 404 otherwise. */
export function requireScalable(req: TypedRequest): void {
  if (!SCALABLE.has(`${req.type.group}/${req.type.kind}`)) throw notFound({ kind: `${req.type.plural}/scale`, name: req.name });
}

/** Writes a Scale's spec.replicas into its object (the resourceVersion, when given, must be current). */
export async function updateScale(client: ObjectClient, req: TypedRequest, scale: KubeObject, dryRun?: boolean): Promise<KubeObject> {
  const replicas = (scale as { spec?: { replicas?: unknown } }).spec?.replicas;
  if (typeof replicas !== "number") throw badRequest("Scale.spec.replicas must be a number");
  const obj = structuredClone(getOne(client, req)) as KubeObject & { spec: { replicas?: number } };
  obj.spec.replicas = replicas;
  const rv = scale.metadata?.resourceVersion;
  if (rv) obj.metadata.resourceVersion = rv;
  return scaleOf(await client.update(obj, { dryRun }));
}

/** Binds a pod to the node a Binding names (what a scheduler does); 409 when it is already bound. */
export async function bindPod(client: ObjectClient, req: TypedRequest, binding: KubeObject): Promise<KubeObject> {
  const node = (binding as { target?: { name?: string } }).target?.name;
  if (!node) throw badRequest("Binding.target.name: Required value");
  const pod = structuredClone(getOne(client, req)) as Pod;
  if (pod.spec?.nodeName) throw conflict(targetOf(req), `pod ${req.name} is already assigned to node "${pod.spec.nodeName}"`);
  pod.spec!.nodeName = node;
  await client.update(pod, { dryRun: req.query.dryRun });
  return successStatus(201) as unknown as KubeObject;
}

/** Evicts a pod (no PodDisruptionBudgets yet: always allowed), as `kubectl drain` does. */
export async function evictPod(client: ObjectClient, req: TypedRequest, eviction: KubeObject): Promise<KubeObject> {
  const opts = (eviction as { deleteOptions?: { gracePeriodSeconds?: number } }).deleteOptions;
  await client.delete(req.type, namespaceOf(req), req.name!, {
    ...(opts?.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
    ...(req.query.dryRun ? { dryRun: true } : {}),
  });
  return successStatus(201) as unknown as KubeObject;
}

function intOpt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`invalid value for ${name}: ${v}`);
  return n;
}

/** LogOptions from the query of a pods/log request (`kubectl logs` flags). */
export function logOptionsOf(q: URLSearchParams): LogOptions & { container?: string; follow: boolean } {
  const flag = (n: string) => q.get(n) === "true" || q.get(n) === "1";
  const opts: LogOptions & { container?: string; follow: boolean } = { follow: flag("follow") };
  if (q.get("container")) opts.container = q.get("container")!;
  if (flag("previous")) opts.previous = true;
  if (flag("timestamps")) opts.timestamps = true;
  const tail = intOpt(q, "tailLines");
  if (tail !== undefined) opts.tailLines = tail;
  const since = intOpt(q, "sinceSeconds");
  if (since !== undefined) opts.sinceSeconds = since;
  if (q.get("sinceTime")) opts.sinceTime = q.get("sinceTime")!;
  const limit = intOpt(q, "limitBytes");
  if (limit !== undefined) opts.limitBytes = limit;
  return opts;
}

const TS = /^(\S+Z) /;

/**
 * The pods/log response: the text at once, or with follow a stream that polls the kubelet
 * for lines newer than the last one sent until the pod finishes, disappears, or the client leaves.
 */
export function podLogResponse(rt: ClusterRuntime, user: UserInfo, client: ObjectClient, req: TypedRequest, signal?: AbortSignal): Response {
  const { container, follow, ...opts } = logOptionsOf(req.query.raw);
  const ns = namespaceOf(req)!;
  getOne(client, req);
  const headers = { "content-type": "text/plain", "cache-control": "no-cache, private" };
  if (!follow) return new Response(rt.readLogs(ns, req.name!, container, opts), { headers });
  const strip = (l: string) => (opts.timestamps ? l : l.replace(TS, ""));
  const first = rt.readLogs(ns, req.name!, container, { ...opts, timestamps: true });
  let last = "";
  const emit = (text: string, controller: ReadableStreamDefaultController<Uint8Array>) => {
    const out: string[] = [];
    for (const l of text.split("\n")) {
      const ts = TS.exec(l)?.[1];
      if (!ts || ts <= last) continue;
      last = ts;
      out.push(strip(l));
    }
    if (out.length) controller.enqueue(new TextEncoder().encode(`${out.join("\n")}\n`));
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      emit(first, controller);
      const stop = () => {
        clearInterval(timer);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal?.addEventListener("abort", stop);
      timer = setInterval(() => {
        const pod = client.get<Pod>(req.type, ns, req.name!);
        try {
          if (pod) emit(rt.readLogs(ns, req.name!, container, { timestamps: true, previous: opts.previous }), controller);
        } catch {
          // the container restarted or went away: keep polling until the pod ends
        }
        const phase = pod?.status?.phase;
        if (!pod || phase === "Succeeded" || phase === "Failed") stop();
      }, 500);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(body, { headers });
}
