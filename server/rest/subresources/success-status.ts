// Why: binding and eviction answer a POST with a bare Status of Success, not with an object.

/** meta/v1 Status with `status: "Success"`, as Kubernetes writes it for binding and eviction (HTTP 201). */
export interface SuccessStatus {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Success";
  code: number;
}

/** The Status body for a successful subresource POST; `code` is the HTTP status to send (201 Created). */
export function successStatus(code = 201): SuccessStatus {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code };
}
