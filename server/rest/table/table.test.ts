// Why: the Table's wire shape, each kind's column set (and -o wide extras), includeObject and watch-event headers match the apiserver.
import { describe, it, expect } from "vitest";
import { RESOURCE_TYPES, resourceTypeByKind, type ResourceType } from "@/core/api/resources";
import type { KubeObject } from "@/core/api/types";
import { makePod } from "@/core/testing/builders";
import { tableFor } from "./kind-tables";
import { tableForWatchEvent, toTable } from "./table";

const NOW = Date.parse("2026-01-01T01:00:00Z");
const POD = resourceTypeByKind("", "Pod")!;

const pod = (name: string, rv = "7") =>
  makePod(name)
    .ready()
    .with((p) => {
      p.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
      p.metadata.resourceVersion = rv;
      p.metadata.uid = `uid-${name}`;
    })
    .build();

describe("toTable", () => {
  it("has the wire shape of a meta.k8s.io/v1 Table", () => {
    const t = toTable(POD, [pod("a"), pod("b")], { now: NOW, listMeta: { resourceVersion: "42" } });
    expect(t.kind).toBe("Table");
    expect(t.apiVersion).toBe("meta.k8s.io/v1");
    expect(t.metadata).toEqual({ resourceVersion: "42" });
    expect(t.rows.map((r) => r.cells[0])).toEqual(["a", "b"]);
    expect(JSON.parse(JSON.stringify(t.columnDefinitions![0]))).toEqual({
      name: "Name",
      type: "string",
      format: "name",
      description: expect.stringContaining("Name must be unique within a namespace"),
      priority: 0,
    });
  });

  it.each([
    { kind: "Pod", group: "", names: ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], wide: 4 },
    { kind: "Node", group: "", names: ["Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"], wide: 5 },
    { kind: "Namespace", group: "", names: ["Name", "Status", "Age"], wide: 0 },
    { kind: "Deployment", group: "apps", names: ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], wide: 3 },
    { kind: "ReplicaSet", group: "apps", names: ["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"], wide: 3 },
    { kind: "Service", group: "", names: ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], wide: 1 },
    { kind: "Endpoints", group: "", names: ["Name", "Endpoints", "Age"], wide: 0 },
    { kind: "ConfigMap", group: "", names: ["Name", "Data", "Age"], wide: 0 },
    { kind: "Secret", group: "", names: ["Name", "Type", "Data", "Age"], wide: 0 },
    { kind: "ServiceAccount", group: "", names: ["Name", "Secrets", "Age"], wide: 0 },
    { kind: "Event", group: "", names: ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"], wide: 5 },
    { kind: "Lease", group: "coordination.k8s.io", names: ["Name", "Holder", "Age"], wide: 0 },
    { kind: "Widget", group: "example.com", names: ["Name", "Age"], wide: 0 },
    { kind: "Job", group: "batch", names: ["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"], wide: 3 },
    { kind: "StatefulSet", group: "apps", names: ["Name", "Ready", "Age", "Containers", "Images"], wide: 2 },
    { kind: "Role", group: "rbac.authorization.k8s.io", names: ["Name", "Created At"], wide: 0 },
    { kind: "PersistentVolumeClaim", group: "", names: ["Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode"], wide: 1 },
  ])("$kind columns: $names", ({ kind, group, names, wide }) => {
    const cols = tableFor(group, kind).columns;
    expect(cols.map((c) => c.name)).toEqual(names);
    expect(cols.filter((c) => c.priority === 1)).toHaveLength(wide);
    expect(cols.every((c) => c.priority === 0 || c.priority === 1)).toBe(true);
  });

  it("the wide columns are the Event's SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME", () => {
    expect(tableFor("", "Event").columns.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(["Subobject", "Source", "First Seen", "Count", "Name"]);
  });

  it.each(RESOURCE_TYPES.map((t) => ({ type: t, kind: t.kind })))("every $kind row has one cell per column, even for a bare object", ({ type }: { type: ResourceType }) => {
    const bare: KubeObject = { apiVersion: type.group ? `${type.group}/${type.version}` : type.version, kind: type.kind, metadata: { name: "x" } };
    const t = toTable(type, [bare], { now: NOW });
    expect(t.rows[0].cells).toHaveLength(t.columnDefinitions!.length);
  });

  it("rows carry PartialObjectMetadata by default (kubectl's includeObject=Metadata)", () => {
    const p = pod("a");
    const t = toTable(POD, [p], { now: NOW });
    expect(t.rows[0].object).toEqual({ kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: p.metadata });
  });

  it.each([
    { includeObject: "Object" as const, want: (p: KubeObject) => p },
    { includeObject: "None" as const, want: () => null },
  ])("includeObject=$includeObject", ({ includeObject, want }) => {
    const p = pod("a");
    expect(toTable(POD, [p], { now: NOW, includeObject }).rows[0].object).toEqual(want(p));
  });

  it("carries the list's continue token and remaining count, leaving out empty fields", () => {
    const t = toTable(POD, [pod("a")], { now: NOW, listMeta: { resourceVersion: "42", continue: "tok", remainingItemCount: 3 } });
    expect(t.metadata).toEqual({ resourceVersion: "42", continue: "tok", remainingItemCount: 3 });
    expect(toTable(POD, [], { now: NOW, listMeta: { resourceVersion: "42", continue: "" } }).metadata).toEqual({ resourceVersion: "42" });
  });

  it("a single object's Table carries its resourceVersion", () => {
    expect(toTable(POD, [pod("a", "99")], { now: NOW }).metadata).toEqual({ resourceVersion: "99" });
  });

  it("finished pods' rows carry the Completed condition; others carry none", () => {
    const done = makePod("job").phase("Succeeded").build();
    const t = toTable(POD, [done, pod("a")], { now: NOW });
    expect(t.rows[0].conditions).toEqual([{ type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." }]);
    expect("conditions" in t.rows[1]).toBe(false);
  });

  it("returns fresh column definitions each time (callers may not corrupt the shared table)", () => {
    const a = toTable(POD, [], { now: NOW });
    a.columnDefinitions![0].name = "changed";
    expect(toTable(POD, [], { now: NOW }).columnDefinitions![0].name).toBe("Name");
  });
});

describe("tableForWatchEvent (kubectl get -w)", () => {
  it("sends the column definitions with the first event only", () => {
    const first = tableForWatchEvent(POD, pod("a", "8"), { now: NOW, headers: true });
    const later = tableForWatchEvent(POD, pod("a", "9"), { now: NOW, headers: false });
    expect(first.columnDefinitions).toHaveLength(9);
    expect(later.columnDefinitions).toBeNull();
    expect(later.metadata).toEqual({ resourceVersion: "9" });
    expect(later.rows).toHaveLength(1);
    expect(later.rows[0].cells.slice(0, 3)).toEqual(["a", "1/1", "Running"]);
  });
});
