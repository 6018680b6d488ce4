// Why: the column definitions the apiserver sends with every Table, per kind, as Kubernetes' printers declare them (priority 1 = `-o wide` only).

/** One `meta.k8s.io/v1` TableColumnDefinition; every field is always present on the wire. */
export interface TableColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  priority: number;
}

export const col = (name: string, type: TableColumnDefinition["type"], description: string, priority = 0, format = ""): TableColumnDefinition => ({
  name,
  type,
  format,
  description,
  priority,
});

// Descriptions are the API's field docs, as the printers take them from SwaggerDoc().
export const D = {
  name: "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
  creationTimestamp:
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  containers: "Names of each container in the template.",
  images: "Images referenced by each container in the template.",
  podIP: "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
  nodeName:
    "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
  nominatedNodeName:
    "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
  readinessGates:
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
  rsReplicas: "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset",
  rsStatusReplicas: "Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset",
  rsReadyReplicas: "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.",
  rsSelector:
    "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
  deploySelector: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
  deployUpdated: "Total number of non-terminating pods targeted by this deployment that have the desired template spec.",
  deployAvailable: "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.",
  svcType:
    'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  svcClusterIP:
    'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
  svcExternalIPs:
    "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.",
  svcPorts: "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies",
  svcSelector:
    "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/",
  epSubsets:
    "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.",
  nodeAddresses:
    "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
  configMapData:
    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
  secretType: "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
  secretData:
    "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
  saSecrets:
    'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
  leaseHolder:
    "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.",
};

export const NAME = col("Name", "string", D.name, 0, "name");
export const AGE = col("Age", "string", D.creationTimestamp);
export const CONTAINERS = col("Containers", "string", D.containers, 1);
export const IMAGES = col("Images", "string", D.images, 1);

/** Column definitions by kind (`group/Kind`), in the order of the row cells. */
export const COLUMNS: Readonly<Record<string, readonly TableColumnDefinition[]>> = {
  "/Pod": [
    NAME,
    col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
    col("Status", "string", "The aggregate status of the containers in this pod."),
    col("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
    AGE,
    col("IP", "string", D.podIP, 1),
    col("Node", "string", D.nodeName, 1),
    col("Nominated Node", "string", D.nominatedNodeName, 1),
    col("Readiness Gates", "string", D.readinessGates, 1),
  ],
  "/Node": [
    NAME,
    col("Status", "string", "The status of the node"),
    col("Roles", "string", "The roles of the node"),
    AGE,
    col("Version", "string", "Kubelet Version reported by the node."),
    col("Internal-IP", "string", D.nodeAddresses, 1),
    col("External-IP", "string", D.nodeAddresses, 1),
    col("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
    col("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
    col("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
  ],
  "/Namespace": [NAME, col("Status", "string", "The status of the namespace"), AGE],
  "apps/Deployment": [
    NAME,
    col("Ready", "string", "Number of the pod with ready state"),
    col("Up-to-date", "string", D.deployUpdated),
    col("Available", "string", D.deployAvailable),
    AGE,
    CONTAINERS,
    IMAGES,
    col("Selector", "string", D.deploySelector, 1),
  ],
  "apps/ReplicaSet": [
    NAME,
    col("Desired", "integer", D.rsReplicas),
    col("Current", "integer", D.rsStatusReplicas),
    col("Ready", "integer", D.rsReadyReplicas),
    AGE,
    CONTAINERS,
    IMAGES,
    col("Selector", "string", D.rsSelector, 1),
  ],
  "/Service": [
    NAME,
    col("Type", "string", D.svcType),
    col("Cluster-IP", "string", D.svcClusterIP),
    col("External-IP", "string", D.svcExternalIPs),
    col("Port(s)", "string", D.svcPorts),
    AGE,
    col("Selector", "string", D.svcSelector, 1),
  ],
  "/Endpoints": [NAME, col("Endpoints", "string", D.epSubsets), AGE],
  "/ConfigMap": [NAME, col("Data", "string", D.configMapData), AGE],
  "/Secret": [NAME, col("Type", "string", D.secretType), col("Data", "string", D.secretData), AGE],
  "/ServiceAccount": [NAME, col("Secrets", "string", D.saSecrets), AGE],
  "/Event": [
    col("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
    col("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
    col("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    col("Object", "string", "The object that this event is about."),
    col(
      "Subobject",
      "string",
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
      1,
    ),
    col("Source", "string", "The component reporting this event. Should be a short machine understandable string.", 1),
    col("Message", "string", "A human-readable description of the status of this operation."),
    col("First Seen", "string", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", 1),
    col("Count", "string", "The number of times this event has occurred.", 1),
    col("Name", "string", D.name, 1, "name"),
  ],
  "coordination.k8s.io/Lease": [NAME, col("Holder", "string", D.leaseHolder), AGE],
};

/**
 * The columns for a kind without a printer: Name and Age, as the apiserver serves a custom
 * resource without additionalPrinterColumns (the Age cell is already a duration).
 */
export const DEFAULT_COLUMNS: readonly TableColumnDefinition[] = [NAME, col("Age", "date", D.creationTimestamp)];
