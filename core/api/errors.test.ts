import { describe, expect, it } from "vitest";
import { ApiError, conflict, invalid, isReason, notFound } from "./errors";

describe("ApiError", () => {
  it("writes Kubernetes' messages and codes", () => {
    expect(notFound({ kind: "pods", name: "web" }).status).toMatchObject({ code: 404, reason: "NotFound", message: 'pods "web" not found' });
    expect(conflict({ group: "apps", kind: "deployments", name: "web" }, "the object has been modified").message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified',
    );
    const e = invalid({ group: "apps", kind: "Deployment", name: "web" }, [{ reason: "FieldValueInvalid", field: "spec.replicas", message: "Invalid value: -1: must be greater than or equal to 0" }]);
    expect(e.message).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(e.status.details?.causes?.[0].field).toBe("spec.replicas");
  });

  it("is recognised across copies of the module (bundles), but not by shape alone", () => {
    const foreign = Object.assign(new Error("x"), { [Symbol.for("wheelhouse.ApiError")]: true, status: notFound({ kind: "pods", name: "a" }).status });
    expect(foreign instanceof ApiError).toBe(true);
    expect(isReason(foreign, "NotFound")).toBe(true);
    expect(Object.assign(new Error("y"), { status: {} }) instanceof ApiError).toBe(false);
    expect((null as unknown as object) instanceof ApiError).toBe(false);
  });
});
