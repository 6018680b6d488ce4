// Why: kubectl's typed clients (kubectl create namespace|deployment|role|token ...) send Kubernetes protobuf bodies and do not fall back to JSON; this decodes the kinds they create.

import { unsupportedMediaType } from "@/core/api/errors";
import type { KubeObject } from "@/core/api/types";

/** The media type of Kubernetes protobuf. */
export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

/** "k8s\0": the prefix of every Kubernetes protobuf body, before a runtime.Unknown message. */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

type Kind = "string" | "int" | "int*" | "bool" | "map" | "bytesMap" | "strings" | "time" | "intOrString" | "msg" | "msgs" | "skip";
type Field = [name: string, kind: Kind, message?: string];

/**
 * Field numbers of the messages Wheelhouse decodes (from the Go types' protobuf tags). `int*` marks
 * pointer fields, whose zero is meaningful (`--replicas=0`); other zero values are left out, as JSON omits them.
 */
const MESSAGES: Record<string, Record<number, Field>> = {
  Unknown: { 1: ["typeMeta", "msg", "TypeMeta"], 2: ["raw", "skip"], 3: ["contentEncoding", "string"], 4: ["contentType", "string"] },
  TypeMeta: { 1: ["apiVersion", "string"], 2: ["kind", "string"] },
  ObjectMeta: {
    1: ["name", "string"], 2: ["generateName", "string"], 3: ["namespace", "string"], 5: ["uid", "string"], 6: ["resourceVersion", "string"],
    7: ["generation", "int"], 8: ["creationTimestamp", "time"], 10: ["deletionGracePeriodSeconds", "int*"], 11: ["labels", "map"],
    12: ["annotations", "map"], 14: ["finalizers", "strings"],
  },
  LabelSelector: { 1: ["matchLabels", "map"], 2: ["matchExpressions", "msgs", "LabelSelectorRequirement"] },
  LabelSelectorRequirement: { 1: ["key", "string"], 2: ["operator", "string"], 3: ["values", "strings"] },
  Namespace: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "NamespaceSpec"], 3: ["status", "skip"] },
  NamespaceSpec: { 1: ["finalizers", "strings"] },
  Deployment: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "DeploymentSpec"], 3: ["status", "skip"] },
  DeploymentSpec: {
    1: ["replicas", "int*"], 2: ["selector", "msg", "LabelSelector"], 3: ["template", "msg", "PodTemplateSpec"], 4: ["strategy", "msg", "DeploymentStrategy"],
    5: ["minReadySeconds", "int"], 6: ["revisionHistoryLimit", "int*"], 7: ["paused", "bool"], 9: ["progressDeadlineSeconds", "int*"],
  },
  DeploymentStrategy: { 1: ["type", "string"], 2: ["rollingUpdate", "msg", "RollingUpdateDeployment"] },
  RollingUpdateDeployment: { 1: ["maxUnavailable", "intOrString"], 2: ["maxSurge", "intOrString"] },
  PodTemplateSpec: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "PodSpec"] },
  PodSpec: {
    2: ["containers", "msgs", "Container"], 3: ["restartPolicy", "string"], 4: ["terminationGracePeriodSeconds", "int*"], 6: ["dnsPolicy", "string"],
    7: ["nodeSelector", "map"], 8: ["serviceAccountName", "string"], 10: ["nodeName", "string"], 20: ["initContainers", "msgs", "Container"],
  },
  Container: {
    1: ["name", "string"], 2: ["image", "string"], 3: ["command", "strings"], 4: ["args", "strings"], 5: ["workingDir", "string"],
    6: ["ports", "msgs", "ContainerPort"], 7: ["env", "msgs", "EnvVar"], 13: ["terminationMessagePath", "string"], 14: ["imagePullPolicy", "string"],
    20: ["terminationMessagePolicy", "string"],
  },
  ContainerPort: { 1: ["name", "string"], 2: ["hostPort", "int"], 3: ["containerPort", "int"], 4: ["protocol", "string"], 5: ["hostIP", "string"] },
  EnvVar: { 1: ["name", "string"], 2: ["value", "string"] },
  ConfigMap: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["data", "map"], 3: ["binaryData", "bytesMap"], 4: ["immutable", "bool"] },
  Secret: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["data", "bytesMap"], 3: ["type", "string"], 4: ["stringData", "map"], 5: ["immutable", "bool"] },
  ServiceAccount: { 1: ["metadata", "msg", "ObjectMeta"] },
  Service: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "ServiceSpec"], 3: ["status", "skip"] },
  ServiceSpec: { 1: ["ports", "msgs", "ServicePort"], 2: ["selector", "map"], 3: ["clusterIP", "string"], 4: ["type", "string"], 5: ["externalIPs", "strings"], 7: ["sessionAffinity", "string"], 10: ["externalName", "string"] },
  ServicePort: { 1: ["name", "string"], 2: ["protocol", "string"], 3: ["port", "int"], 4: ["targetPort", "intOrString"], 5: ["nodePort", "int"] },
  // authorization.k8s.io/v1 reviews (`kubectl auth can-i` sends them protobuf-encoded).
  SelfSubjectAccessReview: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "SelfSubjectAccessReviewSpec"], 3: ["status", "skip"] },
  SelfSubjectAccessReviewSpec: { 1: ["resourceAttributes", "msg", "ResourceAttributes"], 2: ["nonResourceAttributes", "msg", "NonResourceAttributes"] },
  SubjectAccessReview: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "SubjectAccessReviewSpec"], 3: ["status", "skip"] },
  SubjectAccessReviewSpec: {
    1: ["resourceAttributes", "msg", "ResourceAttributes"], 2: ["nonResourceAttributes", "msg", "NonResourceAttributes"], 3: ["user", "string"], 4: ["groups", "strings"], 6: ["uid", "string"],
  },
  ResourceAttributes: { 1: ["namespace", "string"], 2: ["verb", "string"], 3: ["group", "string"], 4: ["version", "string"], 5: ["resource", "string"], 6: ["subresource", "string"], 7: ["name", "string"] },
  NonResourceAttributes: { 1: ["path", "string"], 2: ["verb", "string"] },
  SelfSubjectRulesReview: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "SelfSubjectRulesReviewSpec"], 3: ["status", "skip"] },
  SelfSubjectRulesReviewSpec: { 1: ["namespace", "string"] },
  // authentication.k8s.io/v1 (`kubectl auth whoami`): only metadata is sent; status is the server's.
  SelfSubjectReview: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["status", "skip"] },
  // `kubectl create token` (the serviceaccounts/token subresource): status is the server's.
  TokenRequest: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["spec", "msg", "TokenRequestSpec"], 3: ["status", "skip"] },
  TokenRequestSpec: { 1: ["audiences", "strings"], 3: ["boundObjectRef", "msg", "BoundObjectReference"], 4: ["expirationSeconds", "int*"] },
  BoundObjectReference: { 1: ["kind", "string"], 2: ["apiVersion", "string"], 3: ["name", "string"], 4: ["uid", "string"] },
  // rbac.authorization.k8s.io/v1 (`kubectl create role|clusterrole|rolebinding|clusterrolebinding`). An empty string in a
  // repeated field is kept: `apiGroups: [""]` is the core group.
  Role: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["rules", "msgs", "PolicyRule"] },
  ClusterRole: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["rules", "msgs", "PolicyRule"], 3: ["aggregationRule", "msg", "AggregationRule"] },
  AggregationRule: { 1: ["clusterRoleSelectors", "msgs", "LabelSelector"] },
  PolicyRule: { 1: ["verbs", "strings"], 2: ["apiGroups", "strings"], 3: ["resources", "strings"], 4: ["resourceNames", "strings"], 5: ["nonResourceURLs", "strings"] },
  RoleBinding: { 1: ["metadata", "msg", "ObjectMeta"], 2: ["subjects", "msgs", "Subject"], 3: ["roleRef", "msg", "RoleRef"] },
  Subject: { 1: ["kind", "string"], 2: ["apiGroup", "string"], 3: ["name", "string"], 4: ["namespace", "string"] },
  RoleRef: { 1: ["apiGroup", "string"], 2: ["kind", "string"], 3: ["name", "string"] },
};

/** Top-level kinds this decoder understands, by `apiVersion/kind`. */
const ROOTS: Record<string, string> = {
  "v1/Namespace": "Namespace",
  "apps/v1/Deployment": "Deployment",
  "v1/ConfigMap": "ConfigMap",
  "v1/Secret": "Secret",
  "v1/ServiceAccount": "ServiceAccount",
  "v1/Service": "Service",
  "authorization.k8s.io/v1/SelfSubjectAccessReview": "SelfSubjectAccessReview",
  "authorization.k8s.io/v1/SubjectAccessReview": "SubjectAccessReview",
  "authorization.k8s.io/v1/LocalSubjectAccessReview": "SubjectAccessReview",
  "authorization.k8s.io/v1/SelfSubjectRulesReview": "SelfSubjectRulesReview",
  "authentication.k8s.io/v1/SelfSubjectReview": "SelfSubjectReview",
  "authentication.k8s.io/v1/TokenRequest": "TokenRequest",
  "rbac.authorization.k8s.io/v1/Role": "Role",
  "rbac.authorization.k8s.io/v1/ClusterRole": "ClusterRole",
  "rbac.authorization.k8s.io/v1/RoleBinding": "RoleBinding",
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": "RoleBinding",
};

interface WireField {
  num: number;
  wire: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

function parse(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let i = 0;
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (i >= buf.length || shift > 63n) throw new Error("truncated varint");
      const b = buf[i++];
      v |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const num = key >>> 3;
    const wire = key & 7;
    if (num === 0) throw new Error("field number 0");
    if (wire === 0) out.push({ num, wire, varint: varint() });
    else if (wire === 2) {
      const n = Number(varint());
      if (i + n > buf.length) throw new Error("truncated field");
      out.push({ num, wire, bytes: buf.subarray(i, i + n) });
      i += n;
    } else if (wire === 1 || wire === 5) {
      const n = wire === 1 ? 8 : 4;
      out.push({ num, wire, bytes: buf.subarray(i, i + n) });
      i += n;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

/** True when bytes hold only default values (an empty message, or nested messages of zeros and empty strings). */
function allDefault(bytes: Uint8Array, depth = 0): boolean {
  if (bytes.length === 0) return true;
  if (depth > 8) return false;
  try {
    return parse(bytes).every((f) => (f.wire === 0 ? f.varint === 0n : f.wire === 2 ? allDefault(f.bytes!, depth + 1) : f.bytes!.every((b) => b === 0)));
  } catch {
    return false;
  }
}

const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");
const toInt = (v: bigint) => Number(BigInt.asIntN(64, v));

function decodeMessage(bytes: Uint8Array, type: string, path: string): Record<string, unknown> {
  const schema = MESSAGES[type];
  const out: Record<string, unknown> = {};
  for (const f of parse(bytes)) {
    const spec = schema[f.num];
    if (!spec) {
      const isDefault = f.wire === 0 ? f.varint === 0n : f.wire === 2 ? allDefault(f.bytes!) : f.bytes!.every((b) => b === 0);
      if (isDefault) continue;
      throw unsupportedMediaType(`protobuf field ${f.num} of ${type} (${path || "<root>"}) is not supported by Wheelhouse yet; send the object as JSON (kubectl create -f <file>)`);
    }
    const [name, kind, message] = spec;
    const at = path ? `${path}.${name}` : name;
    switch (kind) {
      case "skip":
        break;
      case "string":
        if (f.bytes!.length) out[name] = text(f.bytes!);
        break;
      case "int":
        if (f.varint) out[name] = toInt(f.varint);
        break;
      case "int*":
        out[name] = toInt(f.varint ?? 0n);
        break;
      case "bool":
        if (f.varint) out[name] = true;
        break;
      case "strings":
        ((out[name] ??= []) as string[]).push(text(f.bytes!));
        break;
      case "map": {
        const entry = parse(f.bytes!);
        const k = entry.find((e) => e.num === 1)?.bytes;
        const v = entry.find((e) => e.num === 2)?.bytes;
        ((out[name] ??= {}) as Record<string, string>)[k ? text(k) : ""] = v ? text(v) : "";
        break;
      }
      case "bytesMap": {
        const entry = parse(f.bytes!);
        const k = entry.find((e) => e.num === 1)?.bytes;
        const v = entry.find((e) => e.num === 2)?.bytes;
        ((out[name] ??= {}) as Record<string, string>)[k ? text(k) : ""] = v ? Buffer.from(v).toString("base64") : "";
        break;
      }
      case "time": {
        const t = parse(f.bytes!);
        const seconds = t.find((e) => e.num === 1)?.varint ?? 0n;
        if (seconds) out[name] = new Date(toInt(seconds) * 1000).toISOString().replace(".000Z", "Z");
        break;
      }
      case "intOrString": {
        const v = parse(f.bytes!);
        const isString = (v.find((e) => e.num === 1)?.varint ?? 0n) === 1n;
        out[name] = isString ? text(v.find((e) => e.num === 3)?.bytes ?? new Uint8Array()) : toInt(v.find((e) => e.num === 2)?.varint ?? 0n);
        break;
      }
      case "msg":
        out[name] = decodeMessage(f.bytes!, message!, at);
        break;
      case "msgs":
        ((out[name] ??= []) as unknown[]).push(decodeMessage(f.bytes!, message!, at));
        break;
    }
  }
  return out;
}

/**
 * Decodes a Kubernetes protobuf body (`k8s\0` + runtime.Unknown) into a JSON-shaped object.
 * Kinds and fields outside the table are a 415 that tells the user to send JSON instead.
 */
export function decodeProtobufObject(body: Uint8Array): KubeObject {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) throw unsupportedMediaType("the protobuf body does not start with the Kubernetes magic number");
  let unknown: WireField[];
  try {
    unknown = parse(body.subarray(4));
  } catch (e) {
    throw unsupportedMediaType(`the protobuf body could not be decoded: ${(e as Error).message}`);
  }
  const typeMeta = unknown.find((f) => f.num === 1)?.bytes;
  const raw = unknown.find((f) => f.num === 2)?.bytes ?? new Uint8Array();
  const tm = typeMeta ? decodeMessage(typeMeta, "TypeMeta", "") : {};
  const apiVersion = String(tm.apiVersion ?? "");
  const kind = String(tm.kind ?? "");
  const root = ROOTS[`${apiVersion}/${kind}`];
  if (!root) throw unsupportedMediaType(`protobuf bodies of ${kind || "this kind"} (${apiVersion}) are not supported by Wheelhouse yet; send the object as JSON (kubectl create -f <file>)`);
  try {
    return { apiVersion, kind, ...decodeMessage(raw, root, "") } as KubeObject;
  } catch (e) {
    if ((e as { code?: number }).code === 415) throw e;
    throw unsupportedMediaType(`the protobuf body could not be decoded: ${(e as Error).message}`);
  }
}
