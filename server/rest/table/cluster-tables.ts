// Why: Tables for storage, policy, RBAC and networking kinds Wheelhouse will serve next (PV, PVC, StorageClass, RoleBinding, Ingress...), ready when they join RESOURCE_TYPES.

import { ageOf } from "@/core/api/human-duration";
import type { KubeObject } from "@/core/api/types";
import { AGE, NAME, col, D } from "./columns";
import { formatLabelSelector } from "./format";
import type { KindTable } from "./printed-row";

/* eslint-disable @typescript-eslint/no-explicit-any -- these kinds have no typed alias yet; fields are read defensively. */
type Obj = KubeObject & Record<string, any>;

const age = (o: KubeObject, now: number) => ageOf(o.metadata.creationTimestamp, now);
const name = (o: KubeObject) => o.metadata.name ?? "";

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  return [
    ["ReadWriteOnce", "RWO"],
    ["ReadOnlyMany", "ROX"],
    ["ReadWriteMany", "RWX"],
    ["ReadWriteOncePod", "RWOP"],
  ]
    .filter(([mode]) => m.has(mode))
    .map(([, short]) => short)
    .join(",");
}

/** The storage class: the beta annotation wins over spec.storageClassName. */
function storageClassOf(o: Obj): string {
  return o.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? o.spec?.storageClassName ?? "";
}

const quantity = (v: unknown) => (v === undefined || v === null ? "0" : String(v));

/** rbac.SubjectsStrings, each list joined with ", ". */
function subjects(o: Obj): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of (o.subjects ?? []) as { kind: string; name: string; namespace?: string }[]) {
    if (s.kind === "User") users.push(s.name);
    else if (s.kind === "Group") groups.push(s.name);
    else if (s.kind === "ServiceAccount") sas.push(`${s.namespace ?? ""}/${s.name}`);
  }
  return [users.join(", "), groups.join(", "), sas.join(", ")];
}

function bindingTable(kind: "roleBinding" | "clusterRoleBinding"): KindTable {
  return {
    columns: [
      NAME,
      col("Role", "string", "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable."),
      AGE,
      col("Users", "string", `Users in the ${kind}`, 1),
      col("Groups", "string", `Groups in the ${kind}`, 1),
      col("ServiceAccounts", "string", `ServiceAccounts in the ${kind}`, 1),
    ],
    print: (o: Obj, now) => ({ cells: [name(o), `${o.roleRef?.kind ?? ""}/${o.roleRef?.name ?? ""}`, age(o, now), ...subjects(o)] }),
  };
}

/** The apiserver's default convertor for built-in kinds without a printer: Name and Created At (RFC 3339, UTC). */
const CREATED_AT: KindTable = {
  columns: [NAME, col("Created At", "date", D.creationTimestamp)],
  print: (o) => {
    const t = o.metadata.creationTimestamp ? Date.parse(o.metadata.creationTimestamp) : NaN;
    return { cells: [name(o), Number.isNaN(t) ? "0001-01-01T00:00:00Z" : new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z")] };
  },
};

/** formatHosts: up to three hosts, `*` when no rule names one. */
function ingressHosts(rules: { host?: string }[]): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  return more ? `${list.join(",")} + ${rules.length - max} more...` : list.join(",");
}

function listWithMore(items: string[], max = 3): string {
  if (items.length > max) return `${items.slice(0, max).join(",")} + ${items.length - max} more...`;
  return items.length ? items.join(",") : "<unset>";
}

/** Tables by `group/Kind` for storage, policy, RBAC and networking kinds. */
export const CLUSTER_TABLES: Readonly<Record<string, KindTable>> = {
  "/PersistentVolume": {
    columns: [
      NAME,
      col("Capacity", "string", "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
      col("Access Modes", "string", "accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
      col("Reclaim Policy", "string", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
      col("Status", "string", "phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
      col("Claim", "string", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound."),
      col("StorageClass", "string", "StorageClass of the pv"),
      col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
      col("Reason", "string", "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
      AGE,
      col("VolumeMode", "string", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.", 1),
    ],
    print: (o: Obj, now) => {
      const claim = o.spec?.claimRef ? `${o.spec.claimRef.namespace ?? ""}/${o.spec.claimRef.name ?? ""}` : "";
      const phase = o.metadata.deletionTimestamp ? "Terminating" : (o.status?.phase ?? "");
      return {
        cells: [
          name(o),
          quantity(o.spec?.capacity?.storage),
          accessModes(o.spec?.accessModes),
          o.spec?.persistentVolumeReclaimPolicy ?? "",
          phase,
          claim,
          storageClassOf(o),
          o.spec?.volumeAttributesClassName ?? "<unset>",
          o.status?.reason ?? "",
          age(o, now),
          o.spec?.volumeMode ?? "<unset>",
        ],
      };
    },
  },
  "/PersistentVolumeClaim": {
    columns: [
      NAME,
      col("Status", "string", "phase represents the current phase of PersistentVolumeClaim."),
      col("Volume", "string", "volumeName is the binding reference to the PersistentVolume backing this claim."),
      col("Capacity", "string", "capacity represents the actual resources of the underlying volume."),
      col("Access Modes", "string", "accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
      col("StorageClass", "string", "StorageClass of the pvc"),
      col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
      AGE,
      col("VolumeMode", "string", "volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.", 1),
    ],
    print: (o: Obj, now) => {
      const bound = !!o.spec?.volumeName;
      const phase = o.metadata.deletionTimestamp ? "Terminating" : (o.status?.phase ?? "");
      return {
        cells: [
          name(o),
          phase,
          o.spec?.volumeName ?? "",
          bound ? quantity(o.status?.capacity?.storage) : "",
          bound ? accessModes(o.status?.accessModes) : "",
          storageClassOf(o),
          o.spec?.volumeAttributesClassName ?? "<unset>",
          age(o, now),
          o.spec?.volumeMode ?? "<unset>",
        ],
      };
    },
  },
  "storage.k8s.io/StorageClass": {
    columns: [
      NAME,
      col("Provisioner", "string", "provisioner indicates the type of the provisioner."),
      col("ReclaimPolicy", "string", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete."),
      col("VolumeBindingMode", "string", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used."),
      col("AllowVolumeExpansion", "string", "allowVolumeExpansion shows whether the storage class allow volume expand."),
      AGE,
    ],
    print: (o: Obj, now) => {
      const a = o.metadata.annotations ?? {};
      const isDefault = a["storageclass.kubernetes.io/is-default-class"] === "true" || a["storageclass.beta.kubernetes.io/is-default-class"] === "true";
      return { cells: [isDefault ? `${name(o)} (default)` : name(o), o.provisioner ?? "", o.reclaimPolicy ?? "Delete", o.volumeBindingMode ?? "Immediate", o.allowVolumeExpansion === true, age(o, now)] };
    },
  },
  "scheduling.k8s.io/PriorityClass": {
    columns: [
      NAME,
      col("Value", "integer", "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec."),
      col("Global-Default", "boolean", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class."),
      AGE,
      col("PreemptionPolicy", "string", "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."),
    ],
    print: (o: Obj, now) => ({ cells: [name(o), typeof o.value === "number" ? o.value : 0, o.globalDefault === true, age(o, now), o.preemptionPolicy ?? ""] }),
  },
  "/ResourceQuota": {
    columns: [
      NAME,
      col("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
      col("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
      AGE,
    ],
    print: (o: Obj, now) => {
      const hard: Record<string, unknown> = o.status?.hard ?? {};
      const used: Record<string, unknown> = o.status?.used ?? {};
      const requests: string[] = [];
      const limits: string[] = [];
      for (const r of Object.keys(hard).sort()) (r.split(".")[0] === "limits" && r.includes(".") ? limits : requests).push(`${r}: ${quantity(used[r])}/${quantity(hard[r])}`);
      return { cells: [name(o), requests.join(", "), limits.join(", "), age(o, now)] };
    },
  },
  "rbac.authorization.k8s.io/RoleBinding": bindingTable("roleBinding"),
  "rbac.authorization.k8s.io/ClusterRoleBinding": bindingTable("clusterRoleBinding"),
  "rbac.authorization.k8s.io/Role": CREATED_AT,
  "rbac.authorization.k8s.io/ClusterRole": CREATED_AT,
  "/LimitRange": CREATED_AT,
  "networking.k8s.io/NetworkPolicy": {
    columns: [NAME, col("Pod-Selector", "string", "podSelector selects the pods to which this NetworkPolicy object applies."), AGE],
    print: (o: Obj, now) => ({ cells: [name(o), formatLabelSelector(o.spec?.podSelector ?? {}), age(o, now)] }),
  },
  "networking.k8s.io/Ingress": {
    columns: [
      NAME,
      col("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
      col("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
      col("Address", "string", "Address is a list containing ingress points for the load-balancer"),
      col("Ports", "string", "Ports of TLS configurations that open"),
      AGE,
    ],
    print: (o: Obj, now) => {
      const lb = new Set<string>();
      for (const i of (o.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]) {
        if (i.ip) lb.add(i.ip);
        else if (i.hostname) lb.add(i.hostname);
      }
      const ports = (o.spec?.tls ?? []).length ? "80, 443" : "80";
      return { cells: [name(o), o.spec?.ingressClassName ?? "<none>", ingressHosts(o.spec?.rules ?? []), [...lb].sort().join(","), ports, age(o, now)] };
    },
  },
  "discovery.k8s.io/EndpointSlice": {
    columns: [
      NAME,
      col("AddressType", "string", "addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type."),
      col("Ports", "string", "ports specifies the list of network ports exposed by each endpoint in this slice."),
      col("Endpoints", "string", "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints."),
      AGE,
    ],
    print: (o: Obj, now) => {
      const ports = ((o.ports ?? []) as { port?: number; name?: string }[]).map((p) => (typeof p.port === "number" ? String(p.port) : (p.name ?? "*")));
      const addrs = ((o.endpoints ?? []) as { addresses?: string[] }[]).flatMap((e) => e.addresses ?? []);
      return { cells: [name(o), o.addressType ?? "", listWithMore(ports), listWithMore(addrs), age(o, now)] };
    },
  },
};
