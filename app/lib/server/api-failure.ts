// Why: server actions hand Kubernetes Status errors to the browser as plain data (Next.js hides thrown messages in production).

import { ApiError, type StatusCause } from "@/core/api/errors";

/** A failed action: what the apiserver said, with field causes when it named any. */
export interface ApiFailure {
  message: string;
  reason: string;
  code: number;
  causes?: StatusCause[];
}

/** The Status of an ApiError, or a 500 InternalError for anything else. */
export function apiFailure(e: unknown): ApiFailure {
  if (e instanceof ApiError || (e && typeof e === "object" && "status" in e && (e as ApiError).status?.kind === "Status")) {
    const s = (e as ApiError).status;
    return { message: s.message, reason: s.reason, code: s.code, ...(s.details?.causes?.length ? { causes: s.details.causes } : {}) };
  }
  return { message: e instanceof Error ? e.message : String(e), reason: "InternalError", code: 500 };
}
