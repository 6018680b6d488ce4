// Why: the rbac.authorization.k8s.io/v1 shapes and names every part of core/rbac shares, typed from client-node's models as they travel on the wire.

import type * as k8s from "@kubernetes/client-node";
import { resourceTypeByKind, type ResourceType } from "../api/resources";
import type { ObjectMeta, Wire } from "../api/types";

/** The API group of RBAC objects, and of User/Group subjects and role references. */
export const RBAC_GROUP = "rbac.authorization.k8s.io";
export const RBAC_API_VERSION = `${RBAC_GROUP}/v1`;

export type PolicyRule = Wire<k8s.V1PolicyRule>;
export type Subject = Wire<k8s.RbacV1Subject>;
export type RoleRef = Wire<k8s.V1RoleRef>;
export type AggregationRule = Wire<k8s.V1AggregationRule>;

type Typed<T> = Wire<T> & { apiVersion: string; kind: string; metadata: ObjectMeta };
export type Role = Typed<k8s.V1Role>;
export type ClusterRole = Typed<k8s.V1ClusterRole>;
export type RoleBinding = Typed<k8s.V1RoleBinding>;
export type ClusterRoleBinding = Typed<k8s.V1ClusterRoleBinding>;

/** The four RBAC resource types, as RESOURCE_TYPES serves them. */
export const ROLE_TYPE: ResourceType = resourceTypeByKind(RBAC_GROUP, "Role")!;
export const CLUSTER_ROLE_TYPE: ResourceType = resourceTypeByKind(RBAC_GROUP, "ClusterRole")!;
export const ROLE_BINDING_TYPE: ResourceType = resourceTypeByKind(RBAC_GROUP, "RoleBinding")!;
export const CLUSTER_ROLE_BINDING_TYPE: ResourceType = resourceTypeByKind(RBAC_GROUP, "ClusterRoleBinding")!;

/** Wildcards of PolicyRule fields (rbacv1.VerbAll, APIGroupAll, ResourceAll, NonResourceAll). */
export const ALL = "*";

/** Members of this group may do anything, before RBAC is asked (kube-apiserver's privileged-groups authorizer). */
export const SYSTEM_MASTERS = "system:masters";
export const SYSTEM_AUTHENTICATED = "system:authenticated";
export const SYSTEM_UNAUTHENTICATED = "system:unauthenticated";
