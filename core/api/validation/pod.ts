// Why: Pod specs (in Pods and in every workload's template) are validated as Kubernetes' ValidatePodSpec does, with its field paths.

import { parseQuantity } from "../quantity";
import type { ObjectMeta } from "../types";
import { FieldErrors, deepEqual } from "./field-errors";
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidPortName, isValidPortNum } from "./names";
import { validateAnnotations, validateLabels } from "./object-meta";

/* eslint-disable @typescript-eslint/no-explicit-any -- specs arrive as decoded JSON */
type Json = any;

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];
const TOLERATION_OPERATORS = ["Equal", "Exists"];
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

function nonNegative(errs: FieldErrors, path: string, v: unknown): void {
  if (typeof v === "number" && v < 0) errs.invalid(path, v, "must be greater than or equal to 0");
}

function validateResourceName(name: string, path: string, errs: FieldErrors): void {
  errs.invalidEach(path, name, isQualifiedName(name));
  if (!name.includes("/")) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith("hugepages-")) errs.invalid(path, name, "must be a standard resource for containers");
  } else if (!name.startsWith("kubernetes.io/") && name.startsWith("requests.")) {
    errs.invalid(path, name, "doesn't follow extended resource name standard");
  }
}

function quantityOf(q: unknown): number | undefined {
  try {
    return parseQuantity(q as string | number);
  } catch {
    return undefined;
  }
}

/** ValidateResourceRequirements: standard resource names, non-negative quantities, requests ≤ limits. */
export function validateResources(res: Json, path: string, errs: FieldErrors): void {
  const limits: Record<string, unknown> = res?.limits ?? {};
  const requests: Record<string, unknown> = res?.requests ?? {};
  for (const [name, q] of Object.entries(limits)) {
    validateResourceName(name, `${path}.limits[${name}]`, errs);
    const v = quantityOf(q);
    if (v !== undefined && v < 0) errs.invalid(`${path}.limits[${name}]`, String(q), "must be greater than or equal to 0");
  }
  for (const [name, q] of Object.entries(requests)) {
    validateResourceName(name, `${path}.requests[${name}]`, errs);
    const v = quantityOf(q);
    if (v !== undefined && v < 0) errs.invalid(`${path}.requests[${name}]`, String(q), "must be greater than or equal to 0");
    if (name in limits) {
      const l = quantityOf(limits[name]);
      if (v !== undefined && l !== undefined && v > l) errs.invalid(`${path}.requests`, String(q), `must be less than or equal to ${name} limit of ${String(limits[name])}`);
    }
  }
}

function validateProbe(p: Json, path: string, errs: FieldErrors): void {
  if (!p) return;
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) nonNegative(errs, `${path}.${f}`, p[f]);
  const handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter((h) => p[h]);
  if (handlers.length === 0) errs.required(path, "must specify a handler type");
  else if (handlers.length > 1) errs.forbidden(`${path}.${handlers[1]}`, "may not specify more than 1 handler type");
  if (p.httpGet) {
    validatePortNumOrName(p.httpGet.port, `${path}.httpGet.port`, errs);
    if (p.httpGet.scheme && !["HTTP", "HTTPS"].includes(p.httpGet.scheme)) errs.notSupported(`${path}.httpGet.scheme`, p.httpGet.scheme, ["HTTP", "HTTPS"]);
  }
  if (p.tcpSocket) validatePortNumOrName(p.tcpSocket.port, `${path}.tcpSocket.port`, errs);
}

/** An IntOrString port: 1..65535 or an IANA service name. */
export function validatePortNumOrName(port: unknown, path: string, errs: FieldErrors): void {
  if (typeof port === "number") errs.invalidEach(path, port, isValidPortNum(port));
  else if (typeof port === "string") errs.invalidEach(path, port, isValidPortName(port));
  else errs.required(path);
}

function validateContainer(c: Json, path: string, volumes: Set<string>, errs: FieldErrors): void {
  if (!c.name) errs.required(`${path}.name`);
  else errs.invalidEach(`${path}.name`, c.name, isDNS1123Label(c.name));
  if (!c.image || String(c.image).trim() === "") errs.required(`${path}.image`);
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === "") errs.required(`${path}.imagePullPolicy`);
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES);
  if (c.terminationMessagePolicy && !TERMINATION_MESSAGE_POLICIES.includes(c.terminationMessagePolicy))
    errs.notSupported(`${path}.terminationMessagePolicy`, c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES);
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p: Json, i: number) => {
    const pp = `${path}.ports[${i}]`;
    if (p.name) {
      errs.invalidEach(`${pp}.name`, p.name, isValidPortName(p.name));
      if (portNames.has(p.name)) errs.duplicate(`${pp}.name`, p.name);
      portNames.add(p.name);
    }
    if (!p.containerPort) errs.required(`${pp}.containerPort`);
    else errs.invalidEach(`${pp}.containerPort`, p.containerPort, isValidPortNum(p.containerPort));
    if (p.hostPort) errs.invalidEach(`${pp}.hostPort`, p.hostPort, isValidPortNum(p.hostPort));
    if (!p.protocol) errs.required(`${pp}.protocol`);
    else if (!PROTOCOLS.includes(p.protocol)) errs.notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS);
  });
  (c.env ?? []).forEach((e: Json, i: number) => {
    const ep = `${path}.env[${i}]`;
    if (!e.name) errs.required(`${ep}.name`);
    else errs.invalidEach(`${ep}.name`, e.name, isEnvVarName(e.name));
    if (e.valueFrom) {
      const refs = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].filter((r) => e.valueFrom[r]);
      if (e.value) errs.invalid(`${ep}.valueFrom`, "", "may not be specified when `value` is not empty");
      if (refs.length === 0) errs.invalid(`${ep}.valueFrom`, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
      for (const r of ["configMapKeyRef", "secretKeyRef"]) {
        const ref = e.valueFrom[r];
        if (!ref) continue;
        if (!ref.key) errs.required(`${ep}.valueFrom.${r}.key`);
        else errs.invalidEach(`${ep}.valueFrom.${r}.key`, ref.key, isConfigMapKey(ref.key));
        if (!ref.name) errs.required(`${ep}.valueFrom.${r}.name`);
      }
    }
  });
  const mountPaths = new Set<string>();
  (c.volumeMounts ?? []).forEach((m: Json, i: number) => {
    const mp = `${path}.volumeMounts[${i}]`;
    if (!m.name) errs.required(`${mp}.name`);
    else if (!volumes.has(m.name)) errs.notFound(`${mp}.name`, m.name);
    if (!m.mountPath) errs.required(`${mp}.mountPath`);
    else if (mountPaths.has(m.mountPath)) errs.invalid(`${mp}.mountPath`, m.mountPath, "must be unique");
    if (m.mountPath) mountPaths.add(m.mountPath);
  });
  validateProbe(c.livenessProbe, `${path}.livenessProbe`, errs);
  validateProbe(c.readinessProbe, `${path}.readinessProbe`, errs);
  validateProbe(c.startupProbe, `${path}.startupProbe`, errs);
  if (c.livenessProbe && c.livenessProbe.successThreshold !== undefined && c.livenessProbe.successThreshold !== 1)
    errs.invalid(`${path}.livenessProbe.successThreshold`, c.livenessProbe.successThreshold, "must be 1");
  validateResources(c.resources, `${path}.resources`, errs);
}

const VOLUME_SOURCES = ["emptyDir", "hostPath", "configMap", "secret", "persistentVolumeClaim", "projected", "downwardAPI", "nfs", "csi", "ephemeral", "image"];

/** ValidatePodSpec: containers, volumes, policies, tolerations. `path` is `spec` or `spec.template.spec`. */
export function validatePodSpec(spec: Json, path: string, errs: FieldErrors): void {
  if (!spec || typeof spec !== "object") {
    errs.required(path);
    return;
  }
  const volumes = new Set<string>();
  (spec.volumes ?? []).forEach((v: Json, i: number) => {
    const vp = `${path}.volumes[${i}]`;
    if (!v.name) errs.required(`${vp}.name`);
    else {
      errs.invalidEach(`${vp}.name`, v.name, isDNS1123Label(v.name));
      if (volumes.has(v.name)) errs.duplicate(`${vp}.name`, v.name);
      volumes.add(v.name);
    }
    const sources = VOLUME_SOURCES.filter((s) => v[s]);
    if (sources.length === 0) errs.required(vp, "must specify a volume type");
    else if (sources.length > 1) errs.forbidden(`${vp}.${sources[1]}`, "may not specify more than 1 volume type");
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) errs.required(`${vp}.persistentVolumeClaim.claimName`);
    if (v.configMap && !v.configMap.name) errs.required(`${vp}.configMap.name`);
    if (v.secret && !v.secret.secretName) errs.required(`${vp}.secret.secretName`);
  });
  const names = new Set<string>();
  const checkNames = (list: Json[], p: string) =>
    list.forEach((c, i) => {
      if (c?.name && names.has(c.name)) errs.duplicate(`${p}[${i}].name`, c.name);
      if (c?.name) names.add(c.name);
    });
  const containers: Json[] = spec.containers ?? [];
  if (containers.length === 0) errs.required(`${path}.containers`);
  containers.forEach((c, i) => validateContainer(c ?? {}, `${path}.containers[${i}]`, volumes, errs));
  (spec.initContainers ?? []).forEach((c: Json, i: number) => validateContainer(c ?? {}, `${path}.initContainers[${i}]`, volumes, errs));
  checkNames(containers, `${path}.containers`);
  checkNames(spec.initContainers ?? [], `${path}.initContainers`);

  if (!spec.restartPolicy) errs.required(`${path}.restartPolicy`);
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES);
  if (!spec.dnsPolicy) errs.required(`${path}.dnsPolicy`);
  else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES);
  validateLabels(spec.nodeSelector, `${path}.nodeSelector`, errs);
  if (spec.serviceAccountName) errs.invalidEach(`${path}.serviceAccountName`, spec.serviceAccountName, isDNS1123Label(spec.serviceAccountName));
  if (spec.nodeName) errs.invalidEach(`${path}.nodeName`, spec.nodeName, isDNS1123Subdomain(spec.nodeName));
  nonNegative(errs, `${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds);
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds <= 0)
    errs.invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, "must be between 1 and 2147483647, inclusive");
  validateTolerations(spec.tolerations, `${path}.tolerations`, errs);
}

/** ValidateTolerations: key, operator, effect and the Exists/value rules. */
export function validateTolerations(tolerations: Json[] | undefined, path: string, errs: FieldErrors): void {
  (tolerations ?? []).forEach((t, i) => {
    const tp = `${path}[${i}]`;
    if (t.key) errs.invalidEach(`${tp}.key`, t.key, isQualifiedName(t.key));
    if (!t.key && t.operator !== "Exists") errs.invalid(`${tp}.operator`, t.operator ?? "", "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") errs.invalid(`${tp}.effect`, t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set");
    if (t.operator && !TOLERATION_OPERATORS.includes(t.operator)) errs.notSupported(`${tp}.operator`, t.operator, TOLERATION_OPERATORS);
    if (t.operator === "Exists" && t.value) errs.invalid(`${tp}.operator`, t.value, "value must be empty when `operator` is 'Exists'");
    if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.notSupported(`${tp}.effect`, t.effect, TAINT_EFFECTS);
  });
}

/** ValidatePodTemplateSpec: template labels and annotations, and its pod spec. */
export function validatePodTemplateSpec(template: Json, path: string, errs: FieldErrors): void {
  if (!template) {
    errs.required(path);
    return;
  }
  const meta: ObjectMeta = template.metadata ?? {};
  validateLabels(meta.labels, `${path}.metadata.labels`, errs);
  validateAnnotations(meta.annotations, `${path}.metadata.annotations`, errs);
  validatePodSpec(template.spec, `${path}.spec`, errs);
}

/** ValidatePodUpdate: a pod's spec is immutable except images, activeDeadlineSeconds, added tolerations and a few others. */
export function validatePodSpecUpdate(next: Json, prev: Json, errs: FieldErrors): void {
  const a = structuredClone(next ?? {});
  const b = structuredClone(prev ?? {});
  // The mutable fields: copy old values into the new spec and compare what remains.
  for (const list of ["containers", "initContainers"]) {
    (a[list] ?? []).forEach((c: Json, i: number) => {
      if (b[list]?.[i]) c.image = b[list][i].image;
    });
  }
  if (prev?.activeDeadlineSeconds === undefined || (next?.activeDeadlineSeconds !== undefined && next.activeDeadlineSeconds <= prev.activeDeadlineSeconds)) {
    a.activeDeadlineSeconds = b.activeDeadlineSeconds;
  }
  const oldTolerations: Json[] = b.tolerations ?? [];
  const kept = (a.tolerations ?? []).filter((t: Json) => oldTolerations.some((o) => deepEqual(o, t)));
  if (kept.length === oldTolerations.length) a.tolerations = b.tolerations;
  if (!b.nodeName && a.nodeName) a.nodeName = undefined; // binding sets nodeName through the binding subresource
  if (deepEqual(a, b)) return;
  errs.forbidden(
    "spec",
    "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
  );
}
