// Why: field selectors are how kubelets list their pods and kubectl filters events; unsupported fields must fail as in Kubernetes.
import { describe, it, expect } from "vitest";
import { compileFieldSelector, fieldSelectorToString, fieldsMatch, fieldsOf, parseFieldSelector, supportedFields } from "./fields";
import { ApiError } from "./errors";
import { makeNode, makePod } from "../testing/builders";

describe("parseFieldSelector", () => {
  it.each([
    { sel: "", want: [] },
    { sel: "a=b", want: [{ field: "a", operator: "=", value: "b" }] },
    { sel: "a==b", want: [{ field: "a", operator: "=", value: "b" }] },
    { sel: "a!=b", want: [{ field: "a", operator: "!=", value: "b" }] },
    { sel: "a=,b!=c", want: [{ field: "a", operator: "=", value: "" }, { field: "b", operator: "!=", value: "c" }] },
    { sel: "a=x\\,y", want: [{ field: "a", operator: "=", value: "x,y" }] },
  ])("$sel", ({ sel, want }) => {
    expect(parseFieldSelector(sel)).toEqual(want);
  });
  it("rejects a part without operator", () => {
    expect(() => parseFieldSelector("abc")).toThrow("invalid selector: 'abc'; can't understand 'abc'");
  });
  it("round-trips to string", () => {
    expect(fieldSelectorToString(parseFieldSelector("a=x\\,y,b!=c"))).toBe("a=x\\,y,b!=c");
  });
});

describe("fieldsOf", () => {
  it("exposes pod fields", () => {
    const p = makePod("p").namespace("ns").onNode("n1").phase("Running").build();
    expect(fieldsOf("Pod", p)).toMatchObject({ "metadata.name": "p", "metadata.namespace": "ns", "spec.nodeName": "n1", "status.phase": "Running", "status.podIP": "" });
  });
  it("exposes node and event fields", () => {
    expect(fieldsOf("Node", makeNode("n").unschedulable().build())["spec.unschedulable"]).toBe("true");
    expect(fieldsOf("Node", makeNode("n").build())["spec.unschedulable"]).toBe("false");
    const ev = { apiVersion: "v1", kind: "Event", metadata: { name: "e", namespace: "d" }, involvedObject: { kind: "Pod", name: "p" }, reason: "Scheduled", source: { component: "default-scheduler" }, type: "Normal" };
    expect(fieldsOf("Event", ev)).toMatchObject({ "involvedObject.kind": "Pod", "involvedObject.name": "p", reason: "Scheduled", source: "default-scheduler", type: "Normal" });
  });
  it.each([
    ["ConfigMap", ["metadata.name", "metadata.namespace"]],
    ["Namespace", ["metadata.name", "metadata.namespace", "status.phase"]],
    ["Secret", ["metadata.name", "metadata.namespace", "type"]],
    ["ReplicaSet", ["metadata.name", "metadata.namespace", "status.replicas"]],
  ])("%s supports %j", (kind, want) => {
    expect(supportedFields(kind)).toEqual(want);
  });
});

describe("compileFieldSelector + fieldsMatch", () => {
  const p = makePod("p").onNode("n1").build();
  it.each([
    ["spec.nodeName=n1", true],
    ["spec.nodeName==n1", true],
    ["spec.nodeName!=n1", false],
    ["spec.nodeName=", false],
    ["metadata.name=p,status.phase=Pending", true],
    ["metadata.name=p,status.phase!=Pending", false],
  ] as const)("%s → %s", (sel, want) => {
    expect(fieldsMatch(compileFieldSelector("Pod", sel), fieldsOf("Pod", p))).toBe(want);
  });
  it("unsupported field is 400 as Kubernetes says it", () => {
    let err: unknown;
    try {
      compileFieldSelector("ConfigMap", "spec.nodeName=x");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message).toBe("field label not supported: spec.nodeName");
  });
});
