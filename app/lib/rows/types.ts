// Why: the compact, serializable rows the console's lists hold: built from objects on the server for first paint and in the browser from watch events.

/** Every row has a stable key (`namespace/name` or `name`) and the fields the list's columns print. */
export interface BaseRow {
  key: string;
  name: string;
  namespace?: string;
  createdAt?: string;
}

export interface PodRow extends BaseRow {
  ready: string;
  status: string;
  restarts: number;
  lastRestartAt?: string;
  ip?: string;
  node?: string;
  phase?: string;
  owner?: string;
}

export interface NodeRow extends BaseRow {
  status: string;
  roles: string;
  version: string;
  internalIP?: string;
  cpu?: string;
  memory?: string;
  taints: number;
}

export interface DeploymentRow extends BaseRow {
  ready: string;
  upToDate: number;
  available: number;
  replicas: number;
  readyReplicas: number;
  images: string;
  progressing?: string;
}

export interface ReplicaSetRow extends BaseRow {
  desired: number;
  current: number;
  ready: number;
  owner?: string;
  revision?: string;
  images: string;
}

export interface EventRow extends BaseRow {
  type: string;
  reason: string;
  object: string;
  objectKind?: string;
  objectName?: string;
  message: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  source?: string;
}

/** The kinds the console lists, by their Kubernetes kind name. */
export type ListKind = "Pod" | "Node" | "Deployment" | "ReplicaSet" | "Event";

export interface RowOf {
  Pod: PodRow;
  Node: NodeRow;
  Deployment: DeploymentRow;
  ReplicaSet: ReplicaSetRow;
  Event: EventRow;
}
