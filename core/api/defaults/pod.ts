// Why: Pod specs are defaulted as Kubernetes' SetDefaults_PodSpec/Container/Probe/Volume do, so stored objects look like a real cluster's.

/* eslint-disable @typescript-eslint/no-explicit-any -- specs arrive as decoded JSON */
type Json = any;

/** `Always` for `:latest` or untagged images (not pinned by digest), otherwise `IfNotPresent` (SetDefaults_Container). */
export function defaultPullPolicy(image: string | undefined): string {
  if (!image) return "IfNotPresent";
  if (image.includes("@")) return "IfNotPresent";
  const lastSlash = image.lastIndexOf("/");
  const tagAt = image.indexOf(":", lastSlash + 1);
  const tag = tagAt < 0 ? "" : image.slice(tagAt + 1);
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultProbe(p: Json): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) {
    p.httpGet.path ||= "/";
    p.httpGet.scheme ||= "HTTP";
  }
  if (p.grpc) p.grpc.service ??= "";
}

function defaultContainer(c: Json): void {
  if (!c || typeof c !== "object") return;
  c.imagePullPolicy ||= defaultPullPolicy(c.image);
  c.terminationMessagePath ||= "/dev/termination-log";
  c.terminationMessagePolicy ||= "File";
  for (const p of c.ports ?? []) if (p && typeof p === "object") p.protocol ||= "TCP";
  for (const e of c.env ?? []) {
    if (e?.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ||= "v1";
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (h?.httpGet) h.httpGet.scheme ||= "HTTP";
}

const VOLUME_SOURCES = ["emptyDir", "hostPath", "configMap", "secret", "persistentVolumeClaim", "projected", "downwardAPI", "nfs", "csi", "ephemeral", "image"];

function defaultVolume(v: Json): void {
  if (!v || typeof v !== "object") return;
  if (!VOLUME_SOURCES.some((s) => v[s])) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= 420;
  if (v.configMap) v.configMap.defaultMode ??= 420;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= 420;
  if (v.projected) v.projected.defaultMode ??= 420;
  if (v.hostPath) v.hostPath.type ??= "";
}

/** SetDefaults_PodSpec and everything below it (containers, probes, volumes). Used for Pods and pod templates. */
export function defaultPodSpec(spec: Json): void {
  if (!spec || typeof spec !== "object") return;
  spec.restartPolicy ||= "Always";
  spec.dnsPolicy ||= "ClusterFirst";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= "default-scheduler";
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** SetDefaults_Pod: requests default to limits, service links on; then the pod spec defaults. */
export function defaultPod(pod: Json): void {
  const spec = pod.spec;
  if (!spec || typeof spec !== "object") return;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c?.resources?.limits;
    if (!limits) continue;
    c.resources.requests ??= {};
    for (const [k, v] of Object.entries(limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = v;
  }
  spec.enableServiceLinks ??= true;
  defaultPodSpec(spec);
}

/** Pod templates (Deployments, ReplicaSets, ...): only the pod spec defaults, as Kubernetes does for templates. */
export function defaultPodTemplateSpec(template: Json): void {
  if (template && typeof template === "object") defaultPodSpec(template.spec);
}
