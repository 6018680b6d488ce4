// Why: a container sees Kubernetes' environment (env, valueFrom, envFrom, service links, HOSTNAME) and its configMap/secret volumes.

import { resourceTypeByKind } from "../api/resources";
import type { ConfigMap, Container, Pod, Secret, Service } from "../api/types";
import type { ObjectClient } from "../store/types";

const CONFIGMAPS = resourceTypeByKind("", "ConfigMap")!;
const SECRETS = resourceTypeByKind("", "Secret")!;
const SERVICES = resourceTypeByKind("", "Service")!;

/** The kubernetes service's address, as every pod sees it. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";

/** A reason the container cannot be configured: waiting reason CreateContainerConfigError with this message. */
export class ContainerConfigError extends Error {}

function decode(b64: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return b64;
  }
}

/** Kubernetes' `$(VAR)` expansion in env values, command and args (`$$(VAR)` escapes). */
export function expandKubeVars(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => (m === "$$" ? "$" : name !== undefined && name in env ? env[name] : m));
}

function fieldValue(pod: Pod, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (pod.metadata[m[1] as "labels" | "annotations"] ?? {})[m[2]] ?? "";
  switch (path) {
    case "metadata.name":
      return pod.metadata.name ?? "";
    case "metadata.namespace":
      return pod.metadata.namespace ?? "";
    case "metadata.uid":
      return pod.metadata.uid ?? "";
    case "spec.nodeName":
      return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec?.serviceAccountName ?? "default";
    case "status.hostIP":
      return pod.status?.hostIP ?? "";
    case "status.podIP":
      return pod.status?.podIP ?? "";
    case "status.podIPs":
      return (pod.status?.podIPs ?? []).map((p) => p.ip).join(",");
    case "status.hostIPs":
      return (pod.status?.hostIPs ?? []).map((p) => p.ip).join(",");
    default:
      return "";
  }
}

/** Docker-style service link variables for every service of the pod's namespace (enableServiceLinks) plus `kubernetes`. */
export function serviceEnv(client: ObjectClient, pod: Pod): Record<string, string> {
  const env: Record<string, string> = {};
  const add = (name: string, ip: string, ports: { name?: string; port: number; protocol?: string }[]) => {
    const n = name.toUpperCase().replace(/-/g, "_");
    if (!ports.length) return;
    env[`${n}_SERVICE_HOST`] = ip;
    env[`${n}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) env[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}`] = String(p.port);
    const proto = (ports[0].protocol ?? "TCP").toLowerCase();
    env[`${n}_PORT`] = `${proto}://${ip}:${ports[0].port}`;
    for (const p of ports) {
      const pr = (p.protocol ?? "TCP").toLowerCase();
      const prefix = `${n}_PORT_${p.port}_${pr.toUpperCase()}`;
      env[prefix] = `${pr}://${ip}:${p.port}`;
      env[`${prefix}_PROTO`] = pr;
      env[`${prefix}_PORT`] = String(p.port);
      env[`${prefix}_ADDR`] = ip;
    }
  };
  if (pod.spec?.enableServiceLinks !== false) {
    let services: Service[] = [];
    try {
      services = client.list<Service>(SERVICES, { namespace: pod.metadata.namespace }).items;
    } catch {
      services = [];
    }
    for (const s of services) {
      const ip = s.spec?.clusterIP;
      if (!ip || ip === "None" || s.spec?.type === "ExternalName") continue;
      add(s.metadata.name ?? "", ip, (s.spec?.ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })));
    }
  }
  add("kubernetes", KUBERNETES_SERVICE_IP, [{ name: "https", port: 443, protocol: "TCP" }]);
  delete env.KUBERNETES_SERVICE_PORT_HTTPS;
  env.KUBERNETES_SERVICE_PORT_HTTPS = "443";
  return env;
}

/** The full environment of `c` in `pod`. Throws {@link ContainerConfigError} for a missing ConfigMap/Secret or key. */
export function containerEnv(client: ObjectClient, pod: Pod, c: Container): Record<string, string> {
  const ns = pod.metadata.namespace ?? "default";
  const env: Record<string, string> = {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    HOSTNAME: pod.spec?.hostname ?? pod.metadata.name ?? "",
    ...serviceEnv(client, pod),
  };
  const cm = (name: string, optional?: boolean): ConfigMap | undefined => {
    const o = client.get<ConfigMap>(CONFIGMAPS, ns, name);
    if (!o && !optional) throw new ContainerConfigError(`configmap "${name}" not found`);
    return o;
  };
  const secret = (name: string, optional?: boolean): Secret | undefined => {
    const o = client.get<Secret>(SECRETS, ns, name);
    if (!o && !optional) throw new ContainerConfigError(`secret "${name}" not found`);
    return o;
  };
  for (const from of c.envFrom ?? []) {
    const prefix = from.prefix ?? "";
    if (from.configMapRef) for (const [k, v] of Object.entries(cm(from.configMapRef.name ?? "", from.configMapRef.optional)?.data ?? {})) env[prefix + k] = v;
    if (from.secretRef) for (const [k, v] of Object.entries(secret(from.secretRef.name ?? "", from.secretRef.optional)?.data ?? {})) env[prefix + k] = decode(v);
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = expandKubeVars(e.value, env);
    else if (e.valueFrom?.fieldRef) env[e.name] = fieldValue(pod, e.valueFrom.fieldRef.fieldPath);
    else if (e.valueFrom?.resourceFieldRef) env[e.name] = String(c.resources?.limits?.[e.valueFrom.resourceFieldRef.resource.replace(/^limits\.|^requests\./, "")] ?? "0");
    else if (e.valueFrom?.configMapKeyRef) {
      const r = e.valueFrom.configMapKeyRef;
      const o = cm(r.name ?? "", r.optional);
      const v = o?.data?.[r.key];
      if (v === undefined && o && !r.optional) throw new ContainerConfigError(`couldn't find key ${r.key} in ConfigMap ${ns}/${r.name}`);
      if (v !== undefined) env[e.name] = v;
    } else if (e.valueFrom?.secretKeyRef) {
      const r = e.valueFrom.secretKeyRef;
      const o = secret(r.name ?? "", r.optional);
      const v = o?.data?.[r.key];
      if (v === undefined && o && !r.optional) throw new ContainerConfigError(`couldn't find key ${r.key} in Secret ${ns}/${r.name}`);
      if (v !== undefined) env[e.name] = decode(v);
    } else env[e.name] = "";
  }
  return env;
}

/** Files the container's volume mounts provide (configMap and secret volumes), or a FailedMount message. */
export function mountedFiles(client: ObjectClient, pod: Pod, c: Container): { files: Map<string, string> } | { error: string } {
  const ns = pod.metadata.namespace ?? "default";
  const files = new Map<string, string>();
  for (const m of c.volumeMounts ?? []) {
    const vol = (pod.spec?.volumes ?? []).find((v) => v.name === m.name);
    if (!vol) continue;
    let data: Record<string, string> | undefined;
    if (vol.configMap) {
      const o = client.get<ConfigMap>(CONFIGMAPS, ns, vol.configMap.name ?? "");
      if (!o && !vol.configMap.optional) return { error: `MountVolume.SetUp failed for volume "${m.name}" : configmap "${vol.configMap.name}" not found` };
      data = { ...(o?.data ?? {}) };
      if (vol.configMap.items) data = Object.fromEntries(vol.configMap.items.filter((i) => i.key in data!).map((i) => [i.path, data![i.key]]));
    } else if (vol.secret) {
      const o = client.get<Secret>(SECRETS, ns, vol.secret.secretName ?? "");
      if (!o && !vol.secret.optional) return { error: `MountVolume.SetUp failed for volume "${m.name}" : secret "${vol.secret.secretName}" not found` };
      data = Object.fromEntries(Object.entries(o?.data ?? {}).map(([k, v]) => [k, decode(v)]));
      if (vol.secret.items) data = Object.fromEntries(vol.secret.items.filter((i) => i.key in data!).map((i) => [i.path, data![i.key]]));
    } else continue;
    const dir = m.mountPath.replace(/\/$/, "");
    if (m.subPath) {
      if (data[m.subPath] !== undefined) files.set(dir, data[m.subPath]);
    } else for (const [k, v] of Object.entries(data)) files.set(`${dir}/${k}`, v);
  }
  return { files };
}
