// Why: Kubernetes object shapes, reused from @kubernetes/client-node's models but as they travel on the wire (timestamps are strings).

import type * as k8s from "@kubernetes/client-node";

/** The JSON form of a client-node model: `Date` fields become RFC 3339 strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type ObjectMeta = Wire<k8s.V1ObjectMeta>;
export type OwnerReference = Wire<k8s.V1OwnerReference>;
export type LabelSelector = Wire<k8s.V1LabelSelector>;

/** Any stored Kubernetes object. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [field: string]: unknown;
}

type Typed<T> = Wire<T> & { apiVersion: string; kind: string; metadata: ObjectMeta };

export type Pod = Typed<k8s.V1Pod>;
export type PodSpec = Wire<k8s.V1PodSpec>;
export type PodStatus = Wire<k8s.V1PodStatus>;
export type PodTemplateSpec = Wire<k8s.V1PodTemplateSpec>;
export type Container = Wire<k8s.V1Container>;
export type ContainerStatus = Wire<k8s.V1ContainerStatus>;
export type PodCondition = Wire<k8s.V1PodCondition>;
export type Node = Typed<k8s.V1Node>;
export type NodeCondition = Wire<k8s.V1NodeCondition>;
export type Taint = Wire<k8s.V1Taint>;
export type Toleration = Wire<k8s.V1Toleration>;
export type Namespace = Typed<k8s.V1Namespace>;
export type Deployment = Typed<k8s.V1Deployment>;
export type DeploymentCondition = Wire<k8s.V1DeploymentCondition>;
export type ReplicaSet = Typed<k8s.V1ReplicaSet>;
export type CoreEvent = Typed<k8s.CoreV1Event>;
export type Lease = Typed<k8s.V1Lease>;
export type ConfigMap = Typed<k8s.V1ConfigMap>;
export type Secret = Typed<k8s.V1Secret>;
export type Service = Typed<k8s.V1Service>;

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones (client-go's MetaNamespaceKeyFunc). */
export function objectKey(obj: { metadata: ObjectMeta }): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : `${obj.metadata.name}`;
}

/** Split a key made by {@link objectKey}. */
export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf("/");
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
