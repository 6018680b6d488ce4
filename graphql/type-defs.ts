// Why: the GraphQL contract of Wheelhouse in one SDL document: kubectl-style typed fields plus the raw object and its YAML.

/** The schema's SDL. Resolvers live in graphql/resolvers. */
export const typeDefs = /* GraphQL */ `
  "Any JSON value (objects are returned exactly as the Kubernetes API serves them)."
  scalar JSON

  enum PropagationPolicy {
    Background
    Foreground
    Orphan
  }

  type ObjectMeta {
    name: String!
    namespace: String
    uid: String
    resourceVersion: String
    generation: Int
    creationTimestamp: String
    deletionTimestamp: String
    "Labels as a JSON object (name → value)."
    labels: JSON!
    "Annotations as a JSON object."
    annotations: JSON!
    ownerReferences: JSON!
    finalizers: [String!]!
  }

  "Fields every object has."
  interface KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    "kubectl's AGE column (5m, 2d3h)."
    age: String!
    "The whole object as the API serves it."
    raw: JSON!
    "The whole object as YAML (kubectl get -o yaml)."
    yaml: String!
  }

  type Condition {
    type: String!
    status: String!
    reason: String
    message: String
    lastTransitionTime: String
    lastUpdateTime: String
    lastHeartbeatTime: String
    lastProbeTime: String
  }

  type ContainerInfo {
    name: String!
    image: String!
    init: Boolean!
    ready: Boolean!
    started: Boolean!
    restartCount: Int!
    "Running, Waiting, Terminated, or Unknown when no status is reported yet."
    state: String!
    "Why it waits or ended: ContainerCreating, CrashLoopBackOff, ImagePullBackOff, OOMKilled, Completed..."
    reason: String
    message: String
    exitCode: Int
    startedAt: String
    finishedAt: String
    "Why the previous instance ended, when the container restarted."
    lastTerminationReason: String
  }

  type Pod implements KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    age: String!
    raw: JSON!
    yaml: String!
    "status.phase: Pending, Running, Succeeded, Failed, Unknown."
    phase: String!
    "kubectl's STATUS column: Running, ContainerCreating, CrashLoopBackOff, Init:0/1, Completed, Terminating..."
    status: String!
    "READY column, e.g. 1/1."
    ready: String!
    readyContainers: Int!
    totalContainers: Int!
    restarts: Int!
    nodeName: String
    podIP: String
    hostIP: String
    qosClass: String
    "Name of the controlling owner (e.g. the ReplicaSet), if any."
    controlledBy: String
    conditions: [Condition!]!
    "Init containers first, then containers."
    containers: [ContainerInfo!]!
    "Container logs (kubectl logs); needs get pods/log, else null with a Forbidden error on this field."
    logs(container: String, tailLines: Int, previous: Boolean): String
    "Events of this pod, newest first; needs list events in its namespace, else null with a Forbidden error."
    events(limit: Int = 50): [Event!]
  }

  type Deployment implements KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    age: String!
    raw: JSON!
    yaml: String!
    "spec.replicas"
    replicas: Int!
    "READY column, e.g. 2/3."
    ready: String!
    readyReplicas: Int!
    upToDate: Int!
    available: Int!
    unavailable: Int!
    images: [String!]!
    containers: [String!]!
    selector: String!
    paused: Boolean!
    strategy: String
    observedGeneration: Int
    conditions: [Condition!]!
    "Events of this deployment, newest first; needs list events in its namespace, else null with a Forbidden error."
    events(limit: Int = 50): [Event!]
  }

  type ReplicaSet implements KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    age: String!
    raw: JSON!
    yaml: String!
    desired: Int!
    current: Int!
    ready: Int!
    images: [String!]!
    containers: [String!]!
    selector: String!
    "Name of the owning Deployment."
    owner: String
    "deployment.kubernetes.io/revision"
    revision: String
  }

  type Node implements KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    age: String!
    raw: JSON!
    yaml: String!
    "Ready, NotReady or Unknown, with ,SchedulingDisabled when cordoned."
    status: String!
    ready: Boolean!
    unschedulable: Boolean!
    "From node-role.kubernetes.io/* labels; empty means <none>."
    roles: [String!]!
    "Kubelet version."
    version: String!
    internalIP: String
    externalIP: String
    osImage: String
    kernelVersion: String
    containerRuntime: String
    capacity: JSON!
    allocatable: JSON!
    taints: JSON!
    conditions: [Condition!]!
  }

  type Secret implements KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    age: String!
    "Without get on this secret: no data, stringData or last-applied annotation."
    raw: JSON!
    yaml: String!
    "Opaque, kubernetes.io/tls, kubernetes.io/service-account-token..."
    type: String!
    "Names of the data keys (sorted)."
    keys: [String!]!
    "data (base64 values) when you may get this secret; null otherwise (no error)."
    data: JSON
  }

  type Namespace implements KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    age: String!
    raw: JSON!
    yaml: String!
    "Active or Terminating."
    phase: String!
  }

  type Event implements KubeObject {
    apiVersion: String!
    kind: String!
    metadata: ObjectMeta!
    name: String!
    namespace: String
    creationTimestamp: String
    age: String!
    raw: JSON!
    yaml: String!
    "Normal or Warning."
    type: String!
    reason: String!
    "OBJECT column: pod/web-7d4b9c."
    object: String!
    "involvedObject (kind, name, namespace, uid, fieldPath)."
    involvedObject: JSON!
    message: String!
    count: Int!
    firstTimestamp: String
    lastTimestamp: String
    "LAST SEEN column (age of lastTimestamp)."
    lastSeen: String!
    "source.component (e.g. kubelet, default-scheduler)."
    source: String
  }

  type PodList {
    items: [Pod!]!
    resourceVersion: String!
    "Pass as continue to get the next page."
    continue: String
    remainingItemCount: Int
  }
  type DeploymentList {
    items: [Deployment!]!
    resourceVersion: String!
    continue: String
    remainingItemCount: Int
  }
  type ReplicaSetList {
    items: [ReplicaSet!]!
    resourceVersion: String!
    continue: String
    remainingItemCount: Int
  }
  type NodeList {
    items: [Node!]!
    resourceVersion: String!
    continue: String
    remainingItemCount: Int
  }
  type SecretList {
    items: [Secret!]!
    resourceVersion: String!
    continue: String
    remainingItemCount: Int
  }
  type NamespaceList {
    items: [Namespace!]!
    resourceVersion: String!
    continue: String
    remainingItemCount: Int
  }

  type PodPhaseCounts {
    Pending: Int!
    Running: Int!
    Succeeded: Int!
    Failed: Int!
    Unknown: Int!
  }
  type NodeCounts {
    total: Int!
    ready: Int!
    notReady: Int!
    unschedulable: Int!
  }
  type ProblemPod {
    namespace: String!
    name: String!
    status: String!
  }
  type PodCounts {
    total: Int!
    byPhase: PodPhaseCounts!
    problems: [ProblemPod!]!
  }
  type DeploymentCounts {
    total: Int!
    available: Int!
    progressing: Int!
  }
  type EventCounts {
    warnings: Int!
    recent: [Event!]!
  }
  "Counts over what you may list (namespaced sections: the namespaces where you may list them)."
  type Overview {
    "Null, with a Forbidden error, when you may not list nodes."
    nodes: NodeCounts
    pods: PodCounts!
    namespaces: Int!
    deployments: DeploymentCounts!
    events: EventCounts!
  }

  "A served kind, like a row of kubectl api-resources."
  type ResourceKind {
    group: String!
    version: String!
    apiVersion: String!
    kind: String!
    plural: String!
    namespaced: Boolean!
    shortNames: [String!]!
  }

  type Query {
    """
    Lists default to and are capped at 5000 items per page; page with continue. Without namespace,
    namespaced lists show the namespaces where you may list that resource (no error for the others);
    with a namespace you may not list, they fail with Forbidden. namespaces shows those you may get.
    """
    nodes(labelSelector: String, fieldSelector: String, limit: Int, continue: String): NodeList!
    namespaces(labelSelector: String, fieldSelector: String, limit: Int, continue: String): NamespaceList!
    "Omit namespace for all namespaces."
    pods(namespace: String, labelSelector: String, fieldSelector: String, limit: Int, continue: String): PodList!
    deployments(namespace: String, labelSelector: String, fieldSelector: String, limit: Int, continue: String): DeploymentList!
    replicaSets(namespace: String, labelSelector: String, fieldSelector: String, limit: Int, continue: String): ReplicaSetList!
    secrets(namespace: String, labelSelector: String, fieldSelector: String, limit: Int, continue: String): SecretList!
    "Newest first. limit keeps the newest N (default and cap 5000)."
    events(namespace: String, fieldSelector: String, limit: Int): [Event!]!
    pod(namespace: String = "default", name: String!): Pod
    deployment(namespace: String = "default", name: String!): Deployment
    node(name: String!): Node
    namespace(name: String!): Namespace
    secret(namespace: String = "default", name: String!): Secret
    "Any served object as YAML. kind accepts Pod, pods, po, deployments.apps..."
    object(apiVersion: String, kind: String!, namespace: String, name: String!): String
    "Container logs, as kubectl logs prints them."
    podLogs(namespace: String = "default", name: String!, container: String, tailLines: Int, previous: Boolean, timestamps: Boolean, sinceSeconds: Int, limitBytes: Int): String
    overview: Overview!
    kinds: [ResourceKind!]!
  }

  "What one document of an applied manifest did."
  type ApplyResult {
    "0-based index of the document in the YAML stream."
    index: Int!
    apiVersion: String!
    kind: String!
    namespace: String
    name: String!
    "created, configured or unchanged."
    action: String!
    object: JSON!
  }

  type DeleteResult {
    apiVersion: String!
    kind: String!
    namespace: String
    name: String!
    uid: String
    "True when the object still exists, marked for deletion (finalizers or a grace period remain)."
    pending: Boolean!
    object: JSON!
  }

  type Mutation {
    "kubectl apply: create-or-update every document; if any document is invalid nothing is stored."
    apply(yaml: String!, namespace: String, dryRun: Boolean): [ApplyResult!]!
    delete(apiVersion: String, kind: String!, namespace: String, name: String!, propagationPolicy: PropagationPolicy, gracePeriodSeconds: Int, dryRun: Boolean): DeleteResult!
    scaleDeployment(namespace: String = "default", name: String!, replicas: Int!): Deployment!
  }

  type WatchEvent {
    "ADDED, MODIFIED, DELETED or BOOKMARK."
    type: String!
    object: JSON!
    name: String
    namespace: String
    resourceVersion: String
  }

  type Subscription {
    "Streams changes. Without resourceVersion, current objects arrive first as ADDED."
    watch(kind: String!, namespace: String, labelSelector: String, fieldSelector: String, resourceVersion: String): WatchEvent!
  }
`;
