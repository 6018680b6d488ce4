// Why: the core/v1 and coordination kinds other than Pod (Service, ConfigMap, Secret, Namespace, Node, Event, Lease...) have their own Kubernetes rules.

import { FieldErrors, GoValue } from "./field-errors";
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidIP, isValidPortName, isValidPortNum } from "./names";
import { validateLabels } from "./object-meta";

/* eslint-disable @typescript-eslint/no-explicit-any -- objects arrive as decoded JSON */
type Json = any;

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const AFFINITIES = ["ClientIP", "None"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const TRAFFIC_POLICIES = ["Cluster", "Local"];

/** ValidateService (spec part). */
export function validateServiceSpec(spec: Json, errs: FieldErrors): void {
  if (!spec) return errs.required("spec");
  const type = spec.type;
  if (!SERVICE_TYPES.includes(type)) errs.notSupported("spec.type", type ?? "", SERVICE_TYPES);
  const ports: Json[] = spec.ports ?? [];
  if (type === "ExternalName") {
    if (!spec.externalName) errs.required("spec.externalName");
    else errs.invalidEach("spec.externalName", spec.externalName, isDNS1123Subdomain(String(spec.externalName).replace(/\.$/, "")));
  } else if (ports.length === 0 && spec.clusterIP !== "None") {
    errs.required("spec.ports");
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.required(`${pp}.name`);
    if (p.name) {
      errs.invalidEach(`${pp}.name`, p.name, isDNS1123Label(p.name));
      if (names.has(p.name)) errs.duplicate(`${pp}.name`, p.name);
      names.add(p.name);
    }
    if (p.port === undefined || p.port === 0) errs.required(`${pp}.port`);
    else errs.invalidEach(`${pp}.port`, p.port, isValidPortNum(p.port));
    if (!p.protocol) errs.required(`${pp}.protocol`);
    else if (!PROTOCOLS.includes(p.protocol)) errs.notSupported(`${pp}.protocol`, p.protocol, PROTOCOLS);
    if (p.targetPort !== undefined) {
      if (typeof p.targetPort === "number") errs.invalidEach(`${pp}.targetPort`, p.targetPort, isValidPortNum(p.targetPort));
      else errs.invalidEach(`${pp}.targetPort`, p.targetPort, isValidPortName(p.targetPort));
    }
    if (p.nodePort) {
      if (type !== "NodePort" && type !== "LoadBalancer") errs.forbidden(`${pp}.nodePort`, `may not be used when \`type\` is '${type}'`);
      else errs.invalidEach(`${pp}.nodePort`, p.nodePort, isValidPortNum(p.nodePort));
    }
    const key = `${p.port}/${p.protocol}`;
    if (seen.has(key)) errs.duplicate(pp, new GoValue(`core.ServicePort{Port:${p.port}, Protocol:${JSON.stringify(p.protocol)}}`));
    seen.add(key);
  });
  validateLabels(spec.selector, "spec.selector", errs);
  if (spec.sessionAffinity && !AFFINITIES.includes(spec.sessionAffinity)) errs.notSupported("spec.sessionAffinity", spec.sessionAffinity, AFFINITIES);
  if (spec.externalTrafficPolicy) {
    if (type === "ClusterIP" || type === "ExternalName") errs.invalid("spec.externalTrafficPolicy", spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
    else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) errs.notSupported("spec.externalTrafficPolicy", spec.externalTrafficPolicy, TRAFFIC_POLICIES);
  }
  if (spec.internalTrafficPolicy && !TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy))
    errs.notSupported("spec.internalTrafficPolicy", spec.internalTrafficPolicy, TRAFFIC_POLICIES);
  if (type === "ExternalName") {
    if (spec.clusterIPs?.length) errs.forbidden("spec.clusterIPs", "may not be set for ExternalName services");
    if (spec.ipFamilies?.length) errs.forbidden("spec.ipFamilies", "may not be set for ExternalName services");
    if (spec.ipFamilyPolicy) errs.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services");
  } else {
    validateClusterIPs(spec, errs);
  }
}

const IP_FAMILIES = ["IPv4", "IPv6"];
const IP_FAMILY_POLICIES = ["PreferDualStack", "RequireDualStack", "SingleStack"];

/** ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs agree, are IPs (or a lone None), families and policy are known. */
function validateClusterIPs(spec: Json, errs: FieldErrors): void {
  const ips: string[] = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.required("spec.clusterIPs");
    else if (ips[0] !== spec.clusterIP) errs.invalid("spec.clusterIPs", ips, "first value must match `clusterIP`");
  } else if (ips.length) {
    errs.invalid("spec.clusterIPs", ips, "must be empty when `clusterIP` is not specified");
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f: string, i: number) => {
    if (!IP_FAMILIES.includes(f)) errs.notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES);
    if (seen.has(f)) errs.duplicate(`spec.ipFamilies[${i}]`, f);
    seen.add(f);
  });
  if (spec.ipFamilyPolicy && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) errs.notSupported("spec.ipFamilyPolicy", spec.ipFamilyPolicy, IP_FAMILY_POLICIES);
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === "None") {
      if (ips.length > 1) {
        bad = true;
        errs.invalid("spec.clusterIPs", ips, "'None' must be the first and only value");
      }
      return;
    }
    const msgs = isValidIP(ip);
    if (msgs.length) bad = true;
    errs.invalidEach(`spec.clusterIPs[${i}]`, ip, msgs);
  });
  if (ips.length > 2) errs.invalid("spec.clusterIPs", ips, "may only hold up to 2 values");
  if (bad) return;
  if (ips.length === 2 && ips[0].includes(":") === ips[1].includes(":")) errs.invalid("spec.clusterIPs", ips, "may specify no more than one IP for each IP family");
  if (!(ips.length === 1 && ips[0] === "None")) {
    ips.forEach((ip, i) => {
      const fam = spec.ipFamilies?.[i];
      if (fam === "IPv4" && ip.includes(":")) errs.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``);
      if (fam === "IPv6" && !ip.includes(":")) errs.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``);
    });
  }
}

const isHeadlessSpec = (spec: Json) => spec?.clusterIPs?.length === 1 && spec.clusterIPs[0] === "None";

/** A Service's cluster IPs cannot change once set (validateUpgradeDowngradeClusterIPs), except to, from or as ExternalName. */
export function validateServiceUpdate(next: Json, prev: Json, errs: FieldErrors): void {
  const spec = next?.spec ?? {};
  const old = prev?.spec ?? {};
  if (spec.type === "ExternalName" || old.type === "ExternalName") return;
  if (isHeadlessSpec(spec) && isHeadlessSpec(old)) return;
  const now: string[] = spec.clusterIPs ?? [];
  const was: string[] = old.clusterIPs ?? [];
  if (was.length === now.length) {
    was.forEach((ip, i) => {
      if (ip !== now[i]) errs.invalid(`spec.clusterIPs[${i}]`, now, "may not change once set");
    });
  } else if (was.length > now.length) {
    if (now.length === 0) errs.invalid("spec.clusterIPs[0]", now, "primary clusterIP can not be unset");
    else if (now[0] !== was[0]) errs.invalid("spec.clusterIPs[0]", now, "may not change once set");
  } else if (was.length > 0 && now[0] !== was[0]) {
    errs.invalid("spec.clusterIPs[0]", now, "may not change once set");
  }
}

/** The size limit of a ConfigMap's or Secret's data (1 MiB). */
export const MAX_DATA_SIZE = 1024 * 1024;

function validateDataKeys(obj: Json, fields: string[], errs: FieldErrors): number {
  let size = 0;
  const keys = new Set<string>();
  for (const f of fields) {
    for (const [k, v] of Object.entries(obj[f] ?? {})) {
      errs.invalidEach(`${f}[${k}]`, k, isConfigMapKey(k));
      if (keys.has(k)) errs.invalid(`${f}[${k}]`, k, `duplicate of key present in ${fields.find((x) => x !== f)}`);
      keys.add(k);
      size += String(v).length;
    }
  }
  return size;
}

/** ValidateConfigMap: keys, no key in both data and binaryData, 1 MiB in total. */
export function validateConfigMap(obj: Json, errs: FieldErrors): void {
  const size = validateDataKeys(obj, ["data", "binaryData"], errs);
  if (size > MAX_DATA_SIZE) errs.tooLong("", MAX_DATA_SIZE);
}

const SECRET_REQUIRED_KEYS: Record<string, string[]> = {
  "kubernetes.io/dockercfg": [".dockercfg"],
  "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
  "kubernetes.io/ssh-auth": ["ssh-privatekey"],
};

/** ValidateSecret: keys, type-specific required keys, 1 MiB in total. */
export function validateSecret(obj: Json, errs: FieldErrors): void {
  const data: Record<string, string> = obj.data ?? {};
  let size = validateDataKeys(obj, ["data"], errs);
  for (const [k] of Object.entries(obj.stringData ?? {})) errs.invalidEach(`stringData[${k}]`, k, isConfigMapKey(k));
  size += Object.values(obj.stringData ?? {}).reduce((n: number, v) => n + String(v).length, 0);
  if (size > MAX_DATA_SIZE) errs.tooLong("data", MAX_DATA_SIZE);
  const type = obj.type;
  for (const key of SECRET_REQUIRED_KEYS[type] ?? []) if (!(key in data) && !(key in (obj.stringData ?? {}))) errs.required(`data[${key}]`);
  if (type === "kubernetes.io/service-account-token" && !obj.metadata?.annotations?.["kubernetes.io/service-account.name"])
    errs.required("metadata.annotations[kubernetes.io/service-account.name]");
  if (type === "kubernetes.io/basic-auth" && !("username" in data) && !("password" in data))
    errs.required("data[username]", "either username or password is required");
}

/** Secrets: the type is immutable; immutable ConfigMaps and Secrets keep their data. */
export function validateDataUpdate(kind: string, next: Json, prev: Json, errs: FieldErrors): void {
  if (kind === "Secret") errs.immutable("type", next.type, prev.type);
  if (prev.immutable) {
    if (!next.immutable) errs.forbidden("immutable", "field is immutable when `immutable` is set");
    for (const f of kind === "Secret" ? ["data"] : ["data", "binaryData"])
      if (JSON.stringify(next[f] ?? {}) !== JSON.stringify(prev[f] ?? {})) errs.forbidden(f, "field is immutable when `immutable` is set");
  }
}

/** ValidateNamespace: finalizers are qualified names. */
export function validateNamespace(obj: Json, errs: FieldErrors): void {
  (obj.spec?.finalizers ?? []).forEach((f: string, i: number) => {
    const msgs = isQualifiedName(f);
    errs.invalidEach(`spec.finalizers[${i}]`, f, msgs);
    if (!msgs.length && !f.includes("/") && f !== "kubernetes")
      errs.invalid(`spec.finalizers[${i}]`, f, "name is neither a standard finalizer name nor is it fully qualified");
  });
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** ValidateNode (spec part): taints are unique by key and effect, with valid keys and effects. */
export function validateNode(obj: Json, errs: FieldErrors): void {
  const seen = new Set<string>();
  (obj.spec?.taints ?? []).forEach((t: Json, i: number) => {
    const p = `spec.taints[${i}]`;
    if (!t.key) errs.required(`${p}.key`);
    else errs.invalidEach(`${p}.key`, t.key, isQualifiedName(t.key));
    if (!t.effect) errs.required(`${p}.effect`);
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.notSupported(`${p}.effect`, t.effect, TAINT_EFFECTS);
    const k = `${t.key}:${t.effect}`;
    if (seen.has(k)) errs.duplicate(p, new GoValue(`core.Taint{Key:${JSON.stringify(t.key)}, Effect:${JSON.stringify(t.effect)}}`));
    seen.add(k);
  });
}

/** ValidateEventCreate (core/v1): involvedObject's namespace must match, type Normal or Warning. */
export function validateEvent(obj: Json, errs: FieldErrors): void {
  const ns = obj.metadata?.namespace ?? "";
  const io = obj.involvedObject ?? {};
  if (io.namespace && io.namespace !== ns) errs.invalid("involvedObject.namespace", io.namespace, "does not match event.namespace");
  if (!obj.reason && obj.reportingController) errs.required("reason");
  if (obj.type && obj.type !== "Normal" && obj.type !== "Warning") errs.invalid("type", "", `has invalid value: ${obj.type}`);
}

/** ValidateLease: durations positive, transitions non-negative. */
export function validateLease(obj: Json, errs: FieldErrors): void {
  const s = obj.spec ?? {};
  if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds <= 0) errs.invalid("spec.leaseDurationSeconds", s.leaseDurationSeconds, "must be greater than 0");
  if (s.leaseTransitions !== undefined && s.leaseTransitions < 0) errs.invalid("spec.leaseTransitions", s.leaseTransitions, "must be greater than or equal to 0");
}
