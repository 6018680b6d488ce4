// Why: Tables for the workload kinds Wheelhouse will serve next (StatefulSet, DaemonSet, Job, CronJob, HPA, PDB...), ready when they join RESOURCE_TYPES.

import { ageOf, humanDuration } from "@/core/api/human-duration";
import type { KubeObject } from "@/core/api/types";
import { AGE, CONTAINERS, IMAGES, NAME, col, D } from "./columns";
import { formatLabels, formatLabelSelector } from "./format";
import type { KindTable } from "./printed-row";

/* eslint-disable @typescript-eslint/no-explicit-any -- these kinds have no typed alias yet; fields are read defensively. */
type Obj = KubeObject & Record<string, any>;

const age = (o: KubeObject, now: number) => ageOf(o.metadata.creationTimestamp, now);
const containerCells = (template: any): [string, string] => {
  const cs: { name: string; image?: string }[] = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(","), cs.map((c) => c.image ?? "").join(",")];
};
const num = (v: unknown) => (typeof v === "number" ? v : 0);
/** printBoolPtr: True / False / <unset>. */
const boolPtr = (v: unknown) => (v === undefined || v === null ? "<unset>" : v ? "True" : "False");

const JOB_SELECTOR = "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";

function conditionTrue(o: Obj, type: string): boolean {
  const c = ((o.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === type);
  return c?.status === "True";
}

function jobStatus(o: Obj): string {
  if (conditionTrue(o, "Complete")) return "Complete";
  if (conditionTrue(o, "Failed")) return "Failed";
  if (o.metadata.deletionTimestamp) return "Terminating";
  if (conditionTrue(o, "Suspended")) return "Suspended";
  if (conditionTrue(o, "FailureTarget")) return "FailureTarget";
  return "Running";
}

function jobCompletions(o: Obj): string {
  const succeeded = num(o.status?.succeeded);
  if (typeof o.spec?.completions === "number") return `${succeeded}/${o.spec.completions}`;
  const parallelism = num(o.spec?.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(o: Obj, now: number): string {
  const start = o.status?.startTime ? Date.parse(o.status.startTime) : NaN;
  if (Number.isNaN(start)) return "";
  const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : now;
  return humanDuration(end - start);
}

type Metric = Record<string, any>;

function quantity(v: unknown): string {
  return v === undefined || v === null ? "0" : String(v);
}

/** formatHPAMetrics: `cpu: 40%/80%`, `<unknown>` before the first measurement, at most two then ` + N more...`. */
function hpaTargets(specs: Metric[], statuses: Metric[]): string {
  if (specs.length === 0) return "<none>";
  const list = specs.map((spec, i) => {
    const st = statuses[i];
    switch (spec.type) {
      case "External":
      case "Object": {
        const key = spec.type === "External" ? "external" : "object";
        const target = spec[key]?.target ?? {};
        const current = st?.[key]?.current;
        if (target.averageValue !== undefined) return `${current?.averageValue !== undefined ? quantity(current.averageValue) : "<unknown>"}/${quantity(target.averageValue)} (avg)`;
        return `${current ? quantity(current.value) : "<unknown>"}/${quantity(target.value)}`;
      }
      case "Pods":
        return `${st?.pods ? quantity(st.pods.current?.averageValue) : "<unknown>"}/${quantity(spec.pods?.target?.averageValue)}`;
      case "Resource":
      case "ContainerResource": {
        const key = spec.type === "Resource" ? "resource" : "containerResource";
        const src = spec[key] ?? {};
        const current = st?.[key]?.current;
        if (src.target?.averageValue !== undefined) return `${src.name}: ${st?.[key] ? quantity(current?.averageValue) : "<unknown>"}/${quantity(src.target.averageValue)}`;
        const cur = typeof current?.averageUtilization === "number" ? `${current.averageUtilization}%` : "<unknown>";
        const target = typeof src.target?.averageUtilization === "number" ? `${src.target.averageUtilization}%` : "<auto>";
        return `${src.name}: ${cur}/${target}`;
      }
    }
    return "<unknown type>";
  });
  const max = 2;
  return list.length > max ? `${list.slice(0, max).join(", ")} + ${list.length - max} more...` : list.join(", ");
}

/** Tables by `group/Kind` for workload kinds beyond the served ones. */
export const WORKLOAD_TABLES: Readonly<Record<string, KindTable>> = {
  "apps/StatefulSet": {
    columns: [NAME, col("Ready", "string", "Number of the pod with ready state"), AGE, CONTAINERS, IMAGES],
    print: (o: Obj, now) => ({ cells: [o.metadata.name ?? "", `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas)}`, age(o, now), ...containerCells(o.spec?.template)] }),
  },
  "apps/DaemonSet": {
    columns: [
      NAME,
      col("Desired", "integer", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
      col("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/"),
      col("Ready", "integer", "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
      col("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
      col("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
      col("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
      AGE,
      CONTAINERS,
      IMAGES,
      col("Selector", "string", "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors", 1),
    ],
    print: (o: Obj, now) => {
      const s = o.status ?? {};
      return {
        cells: [
          o.metadata.name ?? "",
          num(s.desiredNumberScheduled),
          num(s.currentNumberScheduled),
          num(s.numberReady),
          num(s.updatedNumberScheduled),
          num(s.numberAvailable),
          formatLabels(o.spec?.template?.spec?.nodeSelector),
          age(o, now),
          ...containerCells(o.spec?.template),
          formatLabelSelector(o.spec?.selector),
        ],
      };
    },
  },
  "batch/Job": {
    columns: [
      NAME,
      col("Status", "string", "Status of the job."),
      col("Completions", "string", "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs."),
      col("Duration", "string", "Time required to complete the job."),
      AGE,
      CONTAINERS,
      IMAGES,
      col("Selector", "string", JOB_SELECTOR, 1),
    ],
    print: (o: Obj, now) => ({
      cells: [o.metadata.name ?? "", jobStatus(o), jobCompletions(o), jobDuration(o, now), age(o, now), ...containerCells(o.spec?.template), formatLabelSelector(o.spec?.selector)],
    }),
  },
  "batch/CronJob": {
    columns: [
      NAME,
      col("Schedule", "string", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
      col("Timezone", "string", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
      col("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false."),
      col("Active", "integer", "A list of pointers to currently running jobs."),
      col("Last Schedule", "string", "Information when was the last time the job was successfully scheduled."),
      AGE,
      CONTAINERS,
      IMAGES,
      col("Selector", "string", JOB_SELECTOR, 1),
    ],
    print: (o: Obj, now) => {
      const job = o.spec?.jobTemplate?.spec;
      const last = o.status?.lastScheduleTime ? ageOf(o.status.lastScheduleTime, now) : "<none>";
      const active = Array.isArray(o.status?.active) ? o.status.active.length : 0;
      return {
        cells: [o.metadata.name ?? "", o.spec?.schedule ?? "", o.spec?.timeZone ?? "<none>", boolPtr(o.spec?.suspend), active, last, age(o, now), ...containerCells(job?.template), formatLabelSelector(job?.selector)],
      };
    },
  },
  "autoscaling/HorizontalPodAutoscaler": {
    columns: [
      NAME,
      col("Reference", "string", "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
      col("Targets", "string", "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used)."),
      col("MinPods", "string", "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod."),
      col("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas."),
      col("Replicas", "string", "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
      AGE,
    ],
    print: (o: Obj, now) => {
      const ref = o.spec?.scaleTargetRef ?? {};
      const min = typeof o.spec?.minReplicas === "number" ? String(o.spec.minReplicas) : "<unset>";
      return {
        cells: [o.metadata.name ?? "", `${ref.kind ?? ""}/${ref.name ?? ""}`, hpaTargets(o.spec?.metrics ?? [], o.status?.currentMetrics ?? []), min, num(o.spec?.maxReplicas), num(o.status?.currentReplicas), age(o, now)],
      };
    },
  },
  "policy/PodDisruptionBudget": {
    columns: [
      NAME,
      col("Min Available", "string", "The minimum number of pods that must be available."),
      col("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
      col("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
      AGE,
    ],
    print: (o: Obj, now) => {
      const s = (v: unknown) => (v === undefined || v === null ? "N/A" : String(v));
      return { cells: [o.metadata.name ?? "", s(o.spec?.minAvailable), s(o.spec?.maxUnavailable), num(o.status?.disruptionsAllowed), age(o, now)] };
    },
  },
  "apps/ControllerRevision": {
    columns: [NAME, col("Controller", "string", "Controller of the object"), col("Revision", "string", "Revision indicates the revision of the state represented by Data."), AGE],
    print: (o: Obj, now) => {
      const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
      let controller = "<none>";
      if (ref) {
        const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
        controller = `${(group ? `${ref.kind}.${group}` : ref.kind).toLowerCase()}/${ref.name}`;
      }
      return { cells: [o.metadata.name ?? "", controller, num(o.revision), age(o, now)] };
    },
  },
  "/PodTemplate": {
    columns: [NAME, col("Containers", "string", D.containers), col("Images", "string", D.images), col("Pod Labels", "string", "The labels for the pod template.")],
    print: (o: Obj) => ({ cells: [o.metadata.name ?? "", ...containerCells(o.template), formatLabels(o.template?.metadata?.labels)] }),
  },
};
